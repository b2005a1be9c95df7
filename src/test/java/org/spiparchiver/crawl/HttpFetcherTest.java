package org.spiparchiver.crawl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.testing.CrawlHarness;
import org.spiparchiver.testing.FixtureSite;

/** Faults on the wire: the run finishes, failures are retried, nothing is lost. */
class HttpFetcherTest {
  @TempDir Path mirror;
  static FixtureSite site;
  CrawlHarness harness;

  @BeforeAll
  static void startServer() {
    site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start();
  }

  @AfterAll
  static void stopServer() {
    site.close();
  }

  @BeforeEach
  void serve() {
    site.reset();
    harness = new CrawlHarness(site.root(), mirror);
  }

  @AfterEach
  void stop() {
    site.reset();
  }

  long requestsTo(String url) {
    return site.requestedUrls().stream().filter(url::equals).count();
  }

  @Test
  void retriesServerErrorsResetsTruncatedAndSlowBodies() throws Exception {
    site.failFirst("/spip.php?article849", 2, aResponse().withStatus(500));
    site.failFirst("/spip.php?article848", 1, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    site.failFirst("/spip.php?article847", 1, aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
    site.failFirst("/spip.php?article846", 1, aResponse().withFault(Fault.EMPTY_RESPONSE));
    site.failFirst("/IMG/jpg/photo-athenes-decembre-2008.jpg", 1, aResponse().withStatus(502));
    byte[] slow = site.routes().get("/spip.php?article845").body();
    site.server().stubFor(any(urlEqualTo("/spip.php?article845")).atPriority(1)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8").withBody(slow)
            .withChunkedDribbleDelay(5, 600)));

    CrawlRun run = harness.crawl();

    assertThat(run.outcome).isEqualTo(CrawlRun.Outcome.COMPLETE);
    assertThat(run.failures).isEmpty();
    assertThat(harness.records().keySet()).containsExactlyInAnyOrderElementsOf(site.publicArticleIds());
    assertThat(requestsTo("/spip.php?article849")).isEqualTo(3);
    assertThat(requestsTo("/spip.php?article848")).isEqualTo(2);
    assertThat(requestsTo("/spip.php?article847")).isEqualTo(2);
    assertThat(requestsTo("/IMG/jpg/photo-athenes-decembre-2008.jpg")).isEqualTo(2);
    assertThat(harness.records().get(845).title()).isNotBlank();
  }

  @Test
  void waitsForRetryAfter() throws Exception {
    site.failFirst("/spip.php?article849", 1, aResponse().withStatus(503).withHeader("Retry-After", "1"));
    site.failFirst("/spip.php?article848", 1, aResponse().withStatus(429).withHeader("Retry-After", "1"));

    CrawlRun run = harness.crawl();

    assertThat(run.failures).isEmpty();
    assertThat(gapAfterFirst("/spip.php?article849")).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(gapAfterFirst("/spip.php?article848")).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  /** Time between the end of the first request to {@code url} and the next request. */
  Duration gapAfterFirst(String url) {
    List<FixtureSite.Exchange> ex = site.exchanges();
    for (int i = 0; i + 1 < ex.size(); i++) {
      if (ex.get(i).url().equals(url)) return Duration.ofNanos(ex.get(i + 1).startNanos() - ex.get(i).endNanos());
    }
    throw new AssertionError("no request to " + url);
  }

  @Test
  void recordsPersistentFailuresAndRetriesThemNextRun() throws Exception {
    site.failFirst("/spip.php?article849", 3, aResponse().withStatus(500));

    CrawlRun first = harness.crawl();
    assertThat(first.outcome).isEqualTo(CrawlRun.Outcome.COMPLETE);
    assertThat(first.failures).extracting(f -> f.url().getRawQuery()).containsExactly("article849");
    assertThat(requestsTo("/spip.php?article849")).isEqualTo(3);
    assertThat(harness.records()).doesNotContainKey(849);

    CrawlRun second = harness.crawl();
    assertThat(second.failures).isEmpty();
    assertThat(harness.records().keySet()).containsExactlyInAnyOrderElementsOf(site.publicArticleIds());
  }

  @Test
  void stopsWhenRetryAfterExceedsTheCapAndResumesLater() throws Exception {
    site.failFirst("/spip.php?article849", 1, aResponse().withStatus(503).withHeader("Retry-After", "3600"));

    CrawlRun first = harness.crawl();
    assertThat(first.outcome).isEqualTo(CrawlRun.Outcome.PAUSED);
    assertThat(first.reason).contains("3600");

    CrawlRun tooEarly = harness.crawl();
    assertThat(tooEarly.outcome).isEqualTo(CrawlRun.Outcome.PAUSED);
    assertThat(tooEarly.requests).isZero();

    harness.clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
    CrawlRun later = harness.crawl();
    assertThat(later.outcome).isEqualTo(CrawlRun.Outcome.COMPLETE);
    assertThat(harness.records().keySet()).containsExactlyInAnyOrderElementsOf(site.publicArticleIds());
  }

  @Test
  void stopsAfterConsecutiveFailures() throws Exception {
    site.server().stubFor(any(anyUrl()).atPriority(2).willReturn(aResponse().withStatus(500)));
    site.server().stubFor(any(urlEqualTo("/robots.txt")).atPriority(1)
        .willReturn(aResponse().withStatus(200).withBody("User-agent: *\nDisallow: /ecrire/\n")));
    harness.maxConsecutiveFailures = 3;

    CrawlRun run = harness.crawl();

    assertThat(run.outcome).isEqualTo(CrawlRun.Outcome.SITE_DOWN);
    assertThat(run.failures).hasSize(3);
    assertThat(site.requestedUrls()).hasSize(1 + 3 * 3);
  }

  @Test
  void abandonsBodiesOverTheSizeLimit() throws Exception {
    byte[] big = new byte[64 * 1024];
    site.server().stubFor(any(urlEqualTo("/IMG/pdf/divergences-n13-mai-2008.pdf")).atPriority(1)
        .willReturn(aResponse().withStatus(200).withBody(big)));
    harness.maxBodySize = 32L * 1024;

    CrawlRun run = harness.crawl();

    assertThat(run.failures).extracting(CrawlRun.Failure::error).anyMatch(e -> e.contains("larger than 32768"));
    assertThat(requestsTo("/IMG/pdf/divergences-n13-mai-2008.pdf")).isEqualTo(1);
  }
}
