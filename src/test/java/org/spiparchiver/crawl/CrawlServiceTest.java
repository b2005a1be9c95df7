package org.spiparchiver.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.spiparchiver.mirror.ArticleSource;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.model.Article;
import org.spiparchiver.testing.CrawlHarness;
import org.spiparchiver.testing.FixtureSite;
import org.spiparchiver.testing.SimpleArticleSource;

/** A whole run: crash and resume, lock, unreachable site, robots.txt closing the site. */
class CrawlServiceTest {
  static FixtureSite site;
  static Map<Integer, Article> uninterrupted;

  @BeforeAll
  static void referenceCrawl(@TempDir Path reference) throws Exception {
    site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start();
    CrawlHarness h = new CrawlHarness(site.root(), reference);
    assertThat(h.crawl().outcome).isEqualTo(CrawlRun.Outcome.COMPLETE);
    uninterrupted = h.recordsWithoutProvenance();
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  /** Dies (an Error, like an abrupt stop) while handling the n-th article page, after its WARC record is written. */
  static ArticleSource crashingAt(int n) {
    AtomicInteger seen = new AtomicInteger();
    SimpleArticleSource real = new SimpleArticleSource();
    return (html, url) -> {
      if (seen.incrementAndGet() == n) throw new Error("simulated crash");
      return real.article(html, url);
    };
  }

  @ParameterizedTest(name = "crash at article {0}, then {1} bytes of the WARC torn off")
  @CsvSource({"1, 0", "7, 0", "25, 0", "12, 37", "30, 400"})
  void resumesAfterACrashWithTheSameRecords(int crashAt, int tornBytes, @TempDir Path mirror) throws Exception {
    CrawlHarness h = new CrawlHarness(site.root(), mirror);
    h.source = crashingAt(crashAt);
    assertThatThrownBy(h::crawl).hasMessage("simulated crash");
    Path lastWarc = WarcArchive.files(mirror.resolve("warc")).get(0);
    long tornLength = Files.size(lastWarc) - tornBytes;
    long expectedCut = tornLength - lastRecordBoundaryAtOrBefore(lastWarc, tornLength);
    if (tornBytes > 0) {
      try (FileChannel ch = FileChannel.open(lastWarc, StandardOpenOption.WRITE)) {
        ch.truncate(ch.size() - tornBytes);
      }
    }

    h.source = new SimpleArticleSource();
    CrawlRun resumed = h.crawl();

    assertThat(resumed.outcome).isEqualTo(CrawlRun.Outcome.COMPLETE);
    assertThat(resumed.warcRepairedBytes).isEqualTo(expectedCut);
    if (tornBytes > 0) assertThat(resumed.warcRepairedBytes).isPositive();
    assertThat(h.recordsWithoutProvenance()).isEqualTo(uninterrupted);
    assertRecordsPointAtTheirCaptures(h);
  }

  /**
   * The end of the last whole record at or before {@code length}, read with jwarc (not with our
   * repair code): each record is its own gzip member, so a torn file keeps the records before it.
   */
  static long lastRecordBoundaryAtOrBefore(Path warc, long length) throws Exception {
    List<Long> bounds = new java.util.ArrayList<>();
    try (WarcReader r = new WarcReader(FileChannel.open(warc, StandardOpenOption.READ))) {
      while (r.next().isPresent()) bounds.add(r.position());
    }
    bounds.add(Files.size(warc));
    return bounds.stream().filter(b -> b <= length).max(Long::compare).orElse(0L);
  }

  /** Each record's warc_file / warc_offset leads to the response record of its page, with the same payload digest. */
  static void assertRecordsPointAtTheirCaptures(CrawlHarness h) throws Exception {
    for (Article a : h.records().values()) {
      Path warc = h.mirror.resolve("warc").resolve(a.warcFile());
      try (FileChannel ch = FileChannel.open(warc, StandardOpenOption.READ);
          WarcReader r = new WarcReader(ch.position(a.warcOffset()))) {
        WarcRecord rec = r.next().orElseThrow();
        assertThat(rec).isInstanceOf(WarcResponse.class);
        assertThat(((WarcResponse) rec).target()).isEqualTo(a.url());
        assertThat(((WarcResponse) rec).payloadDigest().map(d -> "sha1:" + d.base32())).contains(a.payloadDigest());
      }
    }
  }

  @SuppressWarnings("try") // the resource is held for the block, not used in it
  @Test
  void secondRunWhileTheFirstHoldsTheLockIsRefusedNamingThePid(@TempDir Path mirror) throws Exception {
    try (MirrorLock held = MirrorLock.acquire(mirror)) {
      CrawlHarness h = new CrawlHarness(site.root(), mirror);
      assertThatThrownBy(h::crawl).isInstanceOf(MirrorLock.Held.class)
          .hasMessageContaining("PID " + ProcessHandle.current().pid());
    }
  }

  @Test
  void unreachableSiteFailsFast(@TempDir Path mirror) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CrawlHarness h = new CrawlHarness(URI.create("http://127.0.0.1:" + port + "/"), mirror);
    long start = System.nanoTime();
    CrawlRun run = h.crawl();
    assertThat(run.outcome).isEqualTo(CrawlRun.Outcome.UNREACHABLE);
    assertThat(run.reason).contains("connection refused");
    assertThat(System.nanoTime() - start).isLessThan(java.time.Duration.ofSeconds(5).toNanos());
  }

  @Test
  void robotsForbiddingEverythingEndsTheRun(@TempDir Path mirror) throws Exception {
    try (FixtureSite closed = FixtureSite.builder("spip4-dist")
        .override("/robots.txt", 200, "text/plain", "User-agent: *\nDisallow: /\n").start()) {
      CrawlRun run = new CrawlHarness(closed.root(), mirror).crawl();
      assertThat(run.outcome).isEqualTo(CrawlRun.Outcome.UNREACHABLE);
      assertThat(run.reason).contains("disallows everything");
      assertThat(closed.requestedUrls()).containsExactly("/robots.txt");
    }
  }

  @Test
  void obeysRobotsRulesWithWildcards(@TempDir Path mirror) throws Exception {
    try (FixtureSite s = FixtureSite.builder("spip4-dist")
        .override("/robots.txt", 200, "text/plain", "User-agent: *\nDisallow: /*article84\nDisallow: /IMG/*.jpg$\n").start()) {
      CrawlHarness h = new CrawlHarness(s.root(), mirror);
      h.crawl();
      assertThat(s.requestedUrls()).noneMatch(u -> u.contains("article84") || u.matches("/IMG/.*\\.jpg"));
      assertThat(h.records()).containsKey(839).doesNotContainKey(849);
    }
  }

  @Test
  void secondCompleteRunStartsANewPassWithRevisits(@TempDir Path mirror) throws Exception {
    CrawlHarness h = new CrawlHarness(site.root(), mirror);
    h.crawl();
    CrawlRun second = h.crawl();
    assertThat(second.outcome).isEqualTo(CrawlRun.Outcome.COMPLETE);
    assertThat(second.newArticles).isEmpty();
    assertThat(second.modifiedArticles).isEmpty();
    assertThat(second.requests).isGreaterThan(1);
    Optional<Path> warc = WarcArchive.files(mirror.resolve("warc")).stream().findFirst();
    assertThat(warc).isPresent();
    assertThat(List.of(Files.readAllLines(warc.get().resolveSibling(warc.get().getFileName().toString()
        .replace(".warc.gz", ".cdxj"))).toArray())).anyMatch(l -> l.toString().contains("warc/revisit"));
  }

  @Test
  void eachRunWritesAWarcinfoNamingTheSoftwareUserAgentRobotsPolicyAndSite(@TempDir Path mirror) throws Exception {
    site.resetJournal();
    CrawlHarness h = new CrawlHarness(site.root(), mirror);
    h.maxRequests = 2;
    h.crawl();

    Path warc = WarcArchive.files(mirror.resolve("warc")).get(0);
    org.netpreserve.jwarc.MessageHeaders f;
    try (WarcReader r = new WarcReader(warc)) {
      f = ((org.netpreserve.jwarc.Warcinfo) r.next().orElseThrow()).fields();
    }
    assertThat(f.first("software")).contains("spip-archiver/" + org.spiparchiver.config.Version.get());
    // The user agent the server saw is the one the archive says it used.
    assertThat(site.exchanges()).extracting(FixtureSite.Exchange::userAgent).isNotEmpty().containsOnly(CrawlHarness.UA);
    assertThat(f.first("http-header-user-agent")).contains(CrawlHarness.UA);
    assertThat(f.first("robots")).contains("obey");
    assertThat(f.first("isPartOf")).contains(site.root().toString());
    assertThat(f.first("site")).contains(org.spiparchiver.mirror.ArchiveSites.keyOf(site.root()));
    assertThat(f.first("format")).contains("WARC File Format 1.1");
  }
}
