package org.spiparchiver.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What names an article in an archive of several sites: the site's key and the SPIP id, written
 * {@code divergences2:123}. Article ids are per site; a bare id ({@code 123}, {@code site} null)
 * names the article when one site alone has that id.
 */
public record ArticleKey(String site, int id) {
  /** A site key: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit. */
  public static final Pattern SITE_KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Pattern TEXT = Pattern.compile("(?:(" + SITE_KEY.pattern() + "):)?(\\d{1,10})");

  public ArticleKey {
    if (id <= 0) throw new IllegalArgumentException("article id must be positive: " + id);
    if (site != null && !SITE_KEY.matcher(site).matches()) throw new IllegalArgumentException("not a site key: " + site);
  }

  /** {@code 123} or {@code site:123}; empty when the text is neither. */
  public static Optional<ArticleKey> parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text.strip());
    if (!m.matches()) return Optional.empty();
    long id = Long.parseLong(m.group(2));
    if (id < 1 || id > Integer.MAX_VALUE) return Optional.empty();
    return Optional.of(new ArticleKey(m.group(1), (int) id));
  }

  @Override
  public String toString() {
    return site == null ? String.valueOf(id) : site + ":" + id;
  }
}
