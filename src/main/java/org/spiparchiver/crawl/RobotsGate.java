package org.spiparchiver.crawl;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * robots.txt rules per host (RFC 9309 via crawler-commons: longest match, {@code *} and {@code $},
 * Crawl-delay, Sitemap). A host whose robots.txt has not been read yet is closed: nothing is fetched
 * from it before its rules are known.
 */
public final class RobotsGate {
  private final String agent;
  private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
  private final Map<String, BaseRobotRules> rules = new HashMap<>();

  /** @param userAgent the full User-Agent; its product token (before '/') is matched against User-agent lines */
  public RobotsGate(String userAgent) {
    String token = userAgent.split("[/ ]", 2)[0].toLowerCase(Locale.ROOT);
    this.agent = token.isEmpty() ? "spip-archiver" : token;
  }

  /** Rules from a fetched robots.txt: 2xx parsed, 4xx allow everything, 5xx disallow everything (RFC 9309 §2.3.1). */
  public synchronized BaseRobotRules load(String authority, URI robotsUrl, int status, byte[] body, String contentType) {
    BaseRobotRules r;
    if (status >= 200 && status < 300) {
      r = parser.parseContent(robotsUrl.toString(), body, contentType == null ? "text/plain" : contentType, List.of(agent));
    } else {
      r = parser.failedFetch(status);
    }
    rules.put(authority, r);
    return r;
  }

  /** A host whose robots.txt cannot be fetched at all (network error): closed for this run. */
  public synchronized void unreachable(String authority) {
    rules.put(authority, new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE));
  }

  public synchronized boolean known(String authority) {
    return rules.containsKey(authority);
  }

  public synchronized boolean allowed(URI url) {
    if ("/robots.txt".equals(url.getRawPath())) return true;
    BaseRobotRules r = rules.get(url.getRawAuthority());
    return r != null && r.isAllowed(url.toString());
  }

  public synchronized boolean allowsNothing(String authority) {
    BaseRobotRules r = rules.get(authority);
    return r != null && r.isAllowNone();
  }

  public synchronized Optional<Duration> crawlDelay(String authority) {
    BaseRobotRules r = rules.get(authority);
    if (r == null || r.getCrawlDelay() == BaseRobotRules.UNSET_CRAWL_DELAY || r.getCrawlDelay() <= 0) return Optional.empty();
    return Optional.of(Duration.ofMillis(r.getCrawlDelay()));
  }

  public synchronized List<String> sitemaps(String authority) {
    BaseRobotRules r = rules.get(authority);
    return r == null ? List.of() : r.getSitemaps();
  }
}
