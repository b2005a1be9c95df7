package org.spiparchiver.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.github.tomakehurst.wiremock.client.WireMock;
import org.spiparchiver.testing.CrawlHarness;
import org.spiparchiver.testing.FixtureSite;

/** No single URL or response stops a run: it fails alone, with its reason, and the run goes on. */
class CrawlerResilienceTest {
  static final String HTML = "text/html; charset=utf-8";
  @TempDir Path mirror;
  FixtureSite site;
  CrawlHarness harness;

  @BeforeEach
  void serve() {
    site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start();
    harness = new CrawlHarness(site.root(), mirror);
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void aPageLinkingToUnreadableArticleIdsIsArchivedAndTheRunCompletes() throws Exception {
    String bad = "<a href=\"spip.php?article99999999999\">a</a> <a href=\"article99999999999.html\">b</a>"
        + " <a href=\"spip.php?article0\">c</a> <a href=\"spip.php?page=article&amp;id_article=99999999999\">d</a>";
    site.replace("/", 200, HTML, site.body("/").replace("</body>", bad + "</body>"));

    CrawlRun run = harness.crawl();

    assertThat(run.outcome).isEqualTo(CrawlRun.Outcome.COMPLETE);
    assertThat(run.failures).isEmpty();
    assertThat(harness.records().keySet()).containsExactlyInAnyOrderElementsOf(site.publicArticleIds());
    assertThat(site.requestedUrls()).noneMatch(u -> u.contains("99999999999") || u.matches(".*article0(\\D.*)?$"));
    try (CrawlState state = CrawlState.open(mirror.resolve("crawl.db"))) {
      assertThat(state.get(site.root()).orElseThrow().status()).isEqualTo(CrawlState.Status.FETCHED);
      assertThat(state.count(CrawlState.Status.PENDING)).isZero();
    }
  }

  @Test
  void anUnexpectedErrorOnOneResponseFailsThatUrlOnlyAndTheRunGoesOn() throws Exception {
    int broken = site.publicArticleIds().stream().mapToInt(Integer::intValue).min().orElseThrow();
    // A directory where the article's record should be: writing that one record fails.
    Files.createDirectories(mirror.resolve("articles").resolve(broken + ".json"));

    CrawlRun run = harness.crawl();

    URI url = URI.create(site.root() + "spip.php?article" + broken);
    assertThat(run.outcome).isEqualTo(CrawlRun.Outcome.COMPLETE);
    assertThat(run.failures).extracting(CrawlRun.Failure::url).containsExactly(url);
    assertThat(run.failures.get(0).error()).contains("article " + broken);
    org.spiparchiver.mirror.ArticleRecords records = new org.spiparchiver.mirror.ArticleRecords(mirror);
    for (int id : site.publicArticleIds()) {
      if (id != broken) assertThat(records.read(id)).as("record of article %d", id).isPresent();
    }
    try (CrawlState state = CrawlState.open(mirror.resolve("crawl.db"))) {
      CrawlState.UrlRow row = state.get(url).orElseThrow();
      assertThat(row.status()).isEqualTo(CrawlState.Status.FAILED);
      assertThat(row.lastError()).contains("article " + broken);
    }
  }

  @Test
  void aGzipBodyThatDoesNotDecodeIsARecordedFailureNotAPage() throws Exception {
    site.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/spip.php?page=plan")).atPriority(1)
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
            .withHeader("Content-Type", HTML).withHeader("Content-Encoding", "gzip").withBody("not gzip at all")));

    CrawlRun run = harness.crawl();

    URI plan = URI.create(site.root() + "spip.php?page=plan");
    assertThat(run.failures).extracting(CrawlRun.Failure::url).containsExactly(plan);
    assertThat(run.failures.get(0).error()).startsWith("undecodable body");
    assertThat(harness.records().keySet()).containsExactlyInAnyOrderElementsOf(site.publicArticleIds());
  }

  @Test
  void aPageOverMaxBodySizeIsReportedAsSkippedAndListedAsFailing() throws Exception {
    // Incompressible, so that it is over the limit even when the server gzips it.
    byte[] noise = new byte[300_000];
    new java.util.Random(42).nextBytes(noise);
    site.replace("/spip.php?page=plan", 200, HTML,
        "<html><body>" + java.util.Base64.getEncoder().encodeToString(noise) + "</body></html>");
    harness.maxBodySize = 100_000L;

    CrawlRun run = harness.crawl();

    URI plan = URI.create(site.root() + "spip.php?page=plan");
    assertThat(run.failures).extracting(CrawlRun.Failure::url).containsExactly(plan);
    assertThat(run.failures.get(0).error()).startsWith("skipped: over max_body_size (raise it in config.yaml)");
    try (CrawlState state = CrawlState.open(mirror.resolve("crawl.db"))) {
      assertThat(state.get(plan).orElseThrow().status()).isEqualTo(CrawlState.Status.TOO_LARGE);
      assertThat(state.failingUrls()).extracting(CrawlState.FailingUrl::url).containsExactly(plan);
    }
  }

  @Test
  void aGzipPageThatDecodesBeyondMaxBodySizeIsSkippedAsTooLargeNotArchived() throws Exception {
    byte[] bomb = org.spiparchiver.testing.HandMadeArchive.gzipBomb(64 << 20);
    site.server().stubFor(WireMock.any(WireMock.urlEqualTo("/spip.php?page=plan")).atPriority(1)
        .willReturn(WireMock.aResponse().withStatus(200).withHeader("Content-Type", HTML)
            .withHeader("Content-Encoding", "gzip").withBody(bomb)));
    harness.maxBodySize = 1L << 20;

    CrawlRun run = harness.crawl();

    URI plan = URI.create(site.root() + "spip.php?page=plan");
    assertThat(run.failures).extracting(CrawlRun.Failure::url).containsExactly(plan);
    assertThat(run.failures.get(0).error()).isEqualTo("skipped: over max_body_size (raise it in config.yaml): "
        + "body decodes to more than 1048576 bytes (crawl.max_body_size): " + plan);
    try (CrawlState state = CrawlState.open(mirror.resolve("crawl.db"))) {
      assertThat(state.get(plan).orElseThrow().status()).isEqualTo(CrawlState.Status.TOO_LARGE);
      assertThat(state.previousCapture(plan)).isNull();
    }
  }

  @Test
  void aUrlThatCrashesTwoRunsIsQuarantinedUntilRetryFailed() throws Exception {
    int broken = site.publicArticleIds().stream().mapToInt(Integer::intValue).min().orElseThrow();
    Files.createDirectories(mirror.resolve("articles").resolve(broken + ".json"));
    URI url = URI.create(site.root() + "spip.php?article" + broken);
    String path = "/spip.php?article" + broken;

    harness.crawl();
    CrawlRun second = harness.crawl();

    assertThat(second.failures).filteredOn(f -> f.url().equals(url)).singleElement()
        .satisfies(f -> assertThat(f.error()).startsWith("quarantined after crashing or stalling the run 2 times"));
    try (CrawlState state = CrawlState.open(mirror.resolve("crawl.db"))) {
      assertThat(state.get(url).orElseThrow().status()).isEqualTo(CrawlState.Status.QUARANTINED);
      assertThat(state.failingUrls()).extracting(CrawlState.FailingUrl::url).contains(url);
    }

    site.resetJournal();
    harness.crawl();
    assertThat(site.requestedUrls()).isNotEmpty().doesNotContain(path);

    site.resetJournal();
    new CrawlService(harness.config(), harness.root, harness.source, new CrawlService.Options(harness.delay,
        new Crawler.Limits(0, null), harness.clock, Politeness.Sleeper.SYSTEM, CrawlListener.NONE, false, true)).run();
    assertThat(site.requestedUrls()).contains(path);
  }

  @Test
  void followsARobotsTxtRedirectToAnotherHostAndObeysWhatItSays() throws Exception {
    int port = site.root().getPort();
    // The site answers robots.txt with a redirect to its other name (as http -> https or www -> bare host do).
    site.server().stubFor(WireMock.get("/robots.txt").withHost(WireMock.equalTo("127.0.0.1")).atPriority(1)
        .willReturn(WireMock.aResponse().withStatus(301).withHeader("Location", "http://localhost:" + port + "/robots.txt")));
    site.server().stubFor(WireMock.get("/robots.txt").withHost(WireMock.equalTo("localhost")).atPriority(1)
        .willReturn(WireMock.aResponse().withStatus(200).withHeader("Content-Type", "text/plain")
            .withBody(site.body("/robots.txt") + "\nUser-agent: *\nDisallow: /spip.php?page=plan\n")));

    CrawlRun run = harness.crawl();

    assertThat(run.outcome).isEqualTo(CrawlRun.Outcome.COMPLETE);
    assertThat(site.requestedUrls()).doesNotContain("/spip.php?page=plan");
    assertThat(harness.records().keySet()).containsExactlyInAnyOrderElementsOf(site.publicArticleIds());
  }

  @Test
  void aRobotsTxtRedirectLoopIsTakenAsUnavailableNotAsDisallowingEverything() throws Exception {
    int port = site.root().getPort();
    site.server().stubFor(WireMock.get("/robots.txt").withHost(WireMock.equalTo("127.0.0.1")).atPriority(1)
        .willReturn(WireMock.aResponse().withStatus(302).withHeader("Location", "http://localhost:" + port + "/robots.txt")));
    site.server().stubFor(WireMock.get("/robots.txt").withHost(WireMock.equalTo("localhost")).atPriority(1)
        .willReturn(WireMock.aResponse().withStatus(302).withHeader("Location", "http://127.0.0.1:" + port + "/robots.txt")));

    CrawlRun run = harness.crawl();

    // RFC 9309: past five redirects the file may be taken as unavailable, and then everything is allowed.
    assertThat(run.outcome).isEqualTo(CrawlRun.Outcome.COMPLETE);
    assertThat(site.requestedUrls().stream().filter("/robots.txt"::equals).count()).isBetween(6L, 7L);
    assertThat(harness.records().keySet()).containsExactlyInAnyOrderElementsOf(site.publicArticleIds());
  }

  @Test
  void aPageBeyondTheParseLimitsIsArchivedAndReportedTooComplexAndTheRunGoesOn() throws Exception {
    int deep = site.publicArticleIds().stream().mapToInt(Integer::intValue).max().orElseThrow();
    String path = "/spip.php?article" + deep;
    // 200,000 nested tags: beyond HtmlPages' depth and element limits.
    site.replace(path, 200, HTML, "<html><body class=\"page_article\">" + "<div>".repeat(200_000) + "</body></html>");

    CrawlRun run = harness.crawl();

    URI url = URI.create(site.root() + "spip.php?article" + deep);
    assertThat(run.outcome).isEqualTo(CrawlRun.Outcome.COMPLETE);
    assertThat(run.failures).singleElement().satisfies(f -> {
      assertThat(f.url()).isEqualTo(url);
      assertThat(f.error()).startsWith("archived, too complex to extract");
    });
    assertThat(site.requestedUrls()).contains(path);
    java.util.Set<Integer> others = new java.util.HashSet<>(site.publicArticleIds());
    others.remove(deep);
    assertThat(harness.records().keySet()).containsAll(others).doesNotContain(deep);
  }
}
