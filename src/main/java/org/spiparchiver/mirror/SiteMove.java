package org.spiparchiver.mirror;

import java.net.URI;
import org.spiparchiver.model.Article;

/**
 * A site's move to a new address ({@code crawl --site-moved}): the one rule re-basing an archived
 * URL from the site's old root to its new one, keeping the path below the root and the query
 * ({@code http://old.example/spip.php?article839} → {@code https://new.example/spip.php?article839}).
 * A URL not under the old root (another host, robots.txt above a root in a folder) is kept as it is.
 *
 * @param from the old root in its canonical form (as the crawl state writes URLs), ending in '/'
 * @param to the new root, likewise
 */
public record SiteMove(String from, String to) {
  public SiteMove {
    if (!from.endsWith("/") || !to.endsWith("/")) throw new IllegalArgumentException("a site root ends in '/': " + from + ", " + to);
  }

  public static SiteMove of(URI fromRoot, URI toRoot) {
    return new SiteMove(fromRoot.toString(), toRoot.toString());
  }

  /** {@code url} at the new address, or unchanged when it is not under the old root (null stays null). */
  public String rebase(String url) {
    return url != null && url.startsWith(from) ? to + url.substring(from.length()) : url;
  }

  /** The record with its own, its images', attachments' and translations' addresses re-based. */
  public Article rebase(Article a) {
    return a.withUrls(this::rebase);
  }
}
