package org.spiparchiver.extract;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The one rule that turns the bytes of a fetched HTML page into a jsoup {@link Document}, used by
 * the crawl (link discovery), {@code extract}, {@code parse} and the offline copy.
 *
 * <p>Charset, in HTML's sniffing order: a byte order mark; then the transport's charset (the HTTP
 * {@code Content-Type}); then {@code <meta charset>} or {@code <meta http-equiv>} near the top of
 * the page; then detection: bytes that are valid UTF-8 are UTF-8, anything else is read as
 * windows-1252 (old SPIP sites are Latin-1) with a warning. Labels ISO-8859-1, Latin-1 and
 * US-ASCII mean windows-1252, as browsers read them (bytes 0x80-0x9F are curly quotes, dashes and
 * the euro sign, not control codes).
 *
 * <p>Parsing is bounded: a page with more elements, deeper nesting or more links than the limits
 * below is not parsed (or not handed on) but reported as {@link TooComplex}, so that no page can
 * exhaust memory or make the extraction's work grow with the square of its depth.
 */
public final class HtmlPages {
  private HtmlPages() {}

  /**
   * Start tags in the bytes, counted before parsing. The largest page of a real SPIP site is its
   * site plan (some 12,000 elements for 3,000 articles); a jsoup element with its attributes and
   * text costs up to about 1 KB, so the limit keeps one page's tree under ~100 MB, within a crawl
   * run at -Xmx256m.
   */
  public static final int MAX_ELEMENTS = 100_000;

  /**
   * Nesting depth of the parsed tree. Fixture pages nest at most ~30 deep; browsers stop nesting at
   * 512 (Blink's maximum parser DOM depth). Bounding depth bounds the cost of every "is this inside
   * that" walk up the tree, which made extraction quadratic in depth.
   */
  public static final int MAX_DEPTH = 512;

  /** {@code <a href>} and {@code <area href>} per page: 4× a 3,000-article site plan with its menus. */
  public static final int MAX_LINKS = 20_000;

  /** How far into the page a {@code <meta>} charset is looked for (HTML's prescan reads 1024 bytes; SPIP heads are longer). */
  static final int META_PRESCAN_BYTES = 8192;

  /** The outcome of decoding one page. */
  public sealed interface Page permits Parsed, TooComplex {}

  /**
   * A parsed page.
   *
   * @param warnings what the decoding guessed (an undeclared charset), for {@code extraction.warnings}
   */
  public record Parsed(Document document, Charset charset, List<String> warnings) implements Page {
    public Parsed {
      Objects.requireNonNull(document, "document");
      warnings = List.copyOf(warnings);
    }
  }

  /** A page beyond the parse limits (or not text at all); {@code reason} is one short phrase. */
  public record TooComplex(String reason) implements Page {
    public TooComplex {
      Objects.requireNonNull(reason, "reason");
    }
  }

  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Set<String> LATIN1_LABELS = Set.of(
      "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "us-ascii", "ascii", "cp1252", "windows-1252", "cp819", "ibm819");
  private static final Pattern TRANSPORT_CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*[\"']?\\s*([^\\s;\"']+)");
  private static final Pattern META_CHARSET = Pattern.compile(
      "(?i)<meta\\b[^>]*?\\bcharset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)");

  /**
   * Decodes and parses a page within the limits.
   *
   * @param body the response body (already content-decoded)
   * @param contentType the HTTP {@code Content-Type} header, or null (a file on disk)
   * @param base the page's URL, base of its relative links
   */
  public static Page parse(byte[] body, String contentType, URI base) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(base, "base");
    if (hasNul(body)) return new TooComplex("binary data (NUL bytes), not an HTML page");
    int tags = startTags(body);
    if (tags > MAX_ELEMENTS) return new TooComplex("too complex to extract: " + tags + " tags (limit " + MAX_ELEMENTS + ")");
    List<String> warnings = new ArrayList<>(1);
    Charset charset = charset(body, contentType, warnings);
    int bom = bomLength(body);
    String text = new String(body, bom, body.length - bom, charset);
    Document doc = Jsoup.parse(text, base.toString());
    doc.outputSettings().charset(charset);
    Shape shape = shape(doc);
    if (shape.depth > MAX_DEPTH) return new TooComplex("too complex to extract: nested " + shape.depth + " deep (limit " + MAX_DEPTH + ")");
    if (shape.links > MAX_LINKS) return new TooComplex("too complex to extract: " + shape.links + " links (limit " + MAX_LINKS + ")");
    return new Parsed(doc, charset, warnings);
  }

  /** The charset the page is read in, by HTML's sniffing order (see the class comment). */
  static Charset charset(byte[] body, String contentType, List<String> warnings) {
    Charset bom = bomCharset(body);
    if (bom != null) return bom;
    if (contentType != null) {
      Matcher m = TRANSPORT_CHARSET.matcher(contentType);
      if (m.find()) {
        Charset c = named(m.group(1));
        if (c != null) return c;
      }
    }
    String head = new String(body, 0, Math.min(body.length, META_PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
    Matcher m = META_CHARSET.matcher(head);
    if (m.find()) {
      Charset c = named(m.group(1));
      // A page cannot declare UTF-16 in its own ASCII bytes: HTML reads such a declaration as UTF-8.
      if (c != null) return c.name().startsWith("UTF-16") ? StandardCharsets.UTF_8 : c;
    }
    if (isUtf8(body)) return StandardCharsets.UTF_8;
    warnings.add("charset not declared and the page is not valid UTF-8: read as windows-1252");
    return WINDOWS_1252;
  }

  private static Charset named(String label) {
    String l = label.trim().toLowerCase(Locale.ROOT);
    if (LATIN1_LABELS.contains(l)) return WINDOWS_1252;
    try {
      return Charset.forName(l);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null; // an unknown label is no declaration: the next rule decides
    }
  }

  private static Charset bomCharset(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) return StandardCharsets.UTF_8;
    if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) return StandardCharsets.UTF_16BE;
    if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) return StandardCharsets.UTF_16LE;
    return null;
  }

  private static int bomLength(byte[] b) {
    Charset c = bomCharset(b);
    return c == null ? 0 : c == StandardCharsets.UTF_8 ? 3 : 2;
  }

  private static boolean isUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** How far NUL bytes are looked for: text pages have none at their start; binary files do. */
  static final int BINARY_SNIFF_BYTES = 4096;

  /** NUL bytes at the start (outside a UTF-16 page) mean binary data. */
  private static boolean hasNul(byte[] body) {
    Charset bom = bomCharset(body);
    if (bom == StandardCharsets.UTF_16BE || bom == StandardCharsets.UTF_16LE) return false;
    for (int i = 0, n = Math.min(body.length, BINARY_SNIFF_BYTES); i < n; i++) {
      byte b = body[i];
      if (b == 0) return true;
    }
    return false;
  }

  /** {@code <} followed by an ASCII letter: an upper bound of the elements the parser can make from the page's own tags. */
  static int startTags(byte[] body) {
    int n = 0;
    for (int i = 0; i + 1 < body.length; i++) {
      if (body[i] == '<') {
        int c = body[i + 1] | 0x20;
        if (c >= 'a' && c <= 'z') n++;
      }
    }
    return n;
  }

  private static final class Shape {
    int depth;
    int links;
  }

  /** Maximum depth and number of links, in one iterative traversal. */
  private static Shape shape(Document doc) {
    Shape s = new Shape();
    NodeTraversor.traverse((NodeVisitor) (Node node, int depth) -> {
      if (!(node instanceof Element e)) return;
      if (depth > s.depth) s.depth = depth;
      String tag = e.normalName();
      if ((tag.equals("a") || tag.equals("area")) && e.hasAttr("href")) s.links++;
    }, doc);
    return s;
  }
}
