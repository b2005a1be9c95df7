package org.spiparchiver.crawl;

import java.net.URI;
import java.util.Objects;

/**
 * A URL in canonical form, with what it is.
 *
 * @param url canonical absolute URL: fetched once, the key of crawl.db
 * @param objectId SPIP id of the article or rubrique, else null
 */
public record CrawlTarget(URI url, UrlKind kind, Integer objectId) {
  public CrawlTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(kind, "kind");
  }
}
