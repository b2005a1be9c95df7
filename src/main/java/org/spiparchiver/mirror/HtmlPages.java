package org.spiparchiver.mirror;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * <p>Charset: {@link PageCharset}'s rule (byte order mark, HTTP {@code Content-Type}, {@code <meta>},
 * else UTF-8 when valid, else windows-1252), the same rule as the offline copy's.
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
    Charset charset = PageCharset.of(body, contentType, warnings);
    Document doc = Jsoup.parse(PageCharset.decode(body, charset), base.toString());
    doc.outputSettings().charset(charset);
    Shape shape = shape(doc);
    if (shape.depth > MAX_DEPTH) return new TooComplex("too complex to extract: nested " + shape.depth + " deep (limit " + MAX_DEPTH + ")");
    if (shape.links > MAX_LINKS) return new TooComplex("too complex to extract: " + shape.links + " links (limit " + MAX_LINKS + ")");
    return new Parsed(doc, charset, warnings);
  }

  /** How far NUL bytes are looked for: text pages have none at their start; binary files do. */
  static final int BINARY_SNIFF_BYTES = 4096;

  /** NUL bytes at the start (outside a UTF-16 page) mean binary data. */
  private static boolean hasNul(byte[] body) {
    Charset bom = PageCharset.bom(body);
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
