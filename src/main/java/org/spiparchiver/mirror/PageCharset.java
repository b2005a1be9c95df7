package org.spiparchiver.mirror;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for the charset of an archived HTML page, used by the crawl's link discovery,
 * {@code extract}, {@code parse} (through {@code extract.HtmlPages}) and the offline copy. It lives
 * here, below {@code extract}, because the offline copy ({@code mirror.site}) may not depend on the
 * extraction.
 *
 * <p>In HTML's sniffing order: a byte order mark; then the transport's charset (the HTTP
 * {@code Content-Type}); then {@code <meta charset>} or {@code <meta http-equiv>} near the top of
 * the page; then detection: bytes that are valid UTF-8 are UTF-8, anything else is read as
 * windows-1252 (old SPIP sites are Latin-1) with a warning. Labels ISO-8859-1, Latin-1 and
 * US-ASCII mean windows-1252, as browsers read them (bytes 0x80-0x9F are curly quotes, dashes and
 * the euro sign, not control codes).
 */
public final class PageCharset {
  private PageCharset() {}

  /** How far into the page a {@code <meta>} charset is looked for (HTML's prescan reads 1024 bytes; SPIP heads are longer). */
  static final int META_PRESCAN_BYTES = 8192;

  public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Set<String> LATIN1_LABELS = Set.of(
      "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "us-ascii", "ascii", "cp1252", "windows-1252", "cp819", "ibm819");
  private static final Pattern TRANSPORT_CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*[\"']?\\s*([^\\s;\"']+)");
  private static final Pattern META_CHARSET = Pattern.compile(
      "(?i)<meta\\b[^>]*?\\bcharset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)");

  /**
   * The charset {@code body} is read in.
   *
   * @param contentType the HTTP {@code Content-Type} header, or null (a file on disk)
   * @param warnings receives what was guessed (an undeclared charset)
   */
  public static Charset of(byte[] body, String contentType, List<String> warnings) {
    Charset bom = bom(body);
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

  /** The text of {@code body} in {@code charset}, without its byte order mark. */
  public static String decode(byte[] body, Charset charset) {
    int skip = bomLength(body);
    return new String(body, skip, body.length - skip, charset);
  }

  /** The charset a byte order mark at the start says, or null. */
  public static Charset bom(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) return StandardCharsets.UTF_8;
    if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) return StandardCharsets.UTF_16BE;
    if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) return StandardCharsets.UTF_16LE;
    return null;
  }

  private static int bomLength(byte[] b) {
    Charset c = bom(b);
    return c == null ? 0 : c == StandardCharsets.UTF_8 ? 3 : 2;
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
}
