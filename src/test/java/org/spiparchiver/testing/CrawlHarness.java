package org.spiparchiver.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spiparchiver.config.Config;
import org.spiparchiver.crawl.CrawlListener;
import org.spiparchiver.crawl.CrawlRun;
import org.spiparchiver.crawl.CrawlService;
import org.spiparchiver.crawl.Crawler;
import org.spiparchiver.crawl.Politeness;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.ArticleSource;
import org.spiparchiver.model.Article;

/** Runs crawls of a test site into a mirror folder, with test-friendly settings (short delay and timeouts). */
public final class CrawlHarness {
  public static final String UA = "spip-archiver-test/1.0 (+https://example.org/contact)";
  public static final Duration FAST = Duration.ofMillis(2);

  public final Path mirror;
  public URI root;
  public Duration delay = FAST;
  public long maxRequests;
  public int maxTries = 3;
  public int maxConsecutiveFailures = 10;
  public Duration retryAfterCap = Duration.ofSeconds(10);
  public Duration readTimeout = Duration.ofSeconds(2);
  public Long warcMaxSize;
  public Long maxBodySize;
  public Clock clock = Clock.systemUTC();
  public ArticleSource source = new SimpleArticleSource();
  public CrawlListener listener = CrawlListener.NONE;
  public Config.Revisit revisit;
  public boolean full;

  public CrawlHarness(URI root, Path mirror) {
    this.root = root;
    this.mirror = mirror;
  }

  public Config config() {
    return new Config(new Config.Site(root, List.of()), UA, new Config.Paths(mirror, mirror.resolve("index")),
        new Config.Crawl(delay, maxTries, maxConsecutiveFailures, retryAfterCap, Duration.ofSeconds(2), readTimeout, maxBodySize,
            null, warcMaxSize),
        revisit, null);
  }

  public CrawlRun crawl() throws Exception {
    return new CrawlService(config(), root, source, new CrawlService.Options(delay,
        new Crawler.Limits(maxRequests, null), clock, Politeness.Sleeper.SYSTEM, listener, full)).run();
  }

  public Map<Integer, Article> records() throws Exception {
    ArticleRecords r = new ArticleRecords(mirror);
    Map<Integer, Article> out = new HashMap<>();
    for (int id : r.ids()) out.put(id, r.read(id).orElseThrow());
    return out;
  }

  /** Records without their provenance (capture time and WARC position differ between two crawls). */
  public Map<Integer, Article> recordsWithoutProvenance() throws Exception {
    Map<Integer, Article> out = new HashMap<>();
    records().forEach((id, a) -> out.put(id, a.withProvenance(null, null, 0, null)));
    return out;
  }
}
