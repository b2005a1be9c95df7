package org.spiparchiver.mirror.site;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/** Reads back what a page of the copy says about its origin: {@code <meta name="archived-from" content="URL">}. */
public final class ArchivedFrom {
  /** The copy writes the meta right after the charset, at the top of the head. */
  private static final int HEAD_BYTES = 16 << 10;
  private static final Pattern META = Pattern.compile(
      "<meta\\s+name=\"" + SitePages.ARCHIVED_FROM + "\"\\s+content=\"([^\"]{1,4000})\"", Pattern.CASE_INSENSITIVE);

  private ArchivedFrom() {}

  /** The original URL of a page of the offline copy; empty for any other page. */
  public static Optional<URI> of(byte[] html) {
    String head = new String(html, 0, Math.min(html.length, HEAD_BYTES), StandardCharsets.UTF_8);
    Matcher m = META.matcher(head);
    if (!m.find()) return Optional.empty();
    try {
      URI u = new URI(Parser.unescapeEntities(m.group(1), true));
      return u.getScheme() != null && u.getHost() != null ? Optional.of(u) : Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }
}
