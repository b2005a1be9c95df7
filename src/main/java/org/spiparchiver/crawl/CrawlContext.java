package org.spiparchiver.crawl;

import java.time.Clock;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.ArticleSource;
import org.spiparchiver.mirror.SiteCopy;

/**
 * What the parts of a crawl share: the site's rules, the state, the fetcher and its gates, the
 * archive's writers, the clock and the listener, and the run's settings.
 */
public record CrawlContext(
    UrlRules rules,
    CrawlState state,
    HttpFetcher fetcher,
    RobotsGate robots,
    Politeness politeness,
    ArticleSource articles,
    ArticleRecords records,
    SiteCopy siteCopy,
    Clock clock,
    CrawlListener listener,
    int maxConsecutiveFailures,
    int maxRedirects,
    Crawler.Recrawl recrawl) {

  /** True when {@code target} may be fetched: allowed by robots.txt, or on a host whose robots.txt is not read yet. */
  boolean mayFetch(CrawlTarget target) {
    return robots.allowed(target.url()) || !robots.known(target.url().getRawAuthority());
  }
}
