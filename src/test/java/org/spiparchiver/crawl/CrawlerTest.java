package org.spiparchiver.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.config.Config;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.ArticleSource;
import org.spiparchiver.model.Article;
import org.spiparchiver.testing.FixtureSite;
import org.spiparchiver.testing.CrawlHarness;

class CrawlerTest {
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

  CrawlRun crawl(Duration delay, long maxRequests) throws Exception {
    harness.root = site.root();
    harness.delay = delay;
    harness.maxRequests = maxRequests;
    return harness.crawl();
  }

  CrawlRun crawl() throws Exception {
    return crawl(CrawlHarness.FAST, 0);
  }

  Map<Integer, Article> records() throws Exception {
    return harness.records();
  }

  @Test
  void archivesEveryPublicArticleAndNoOther() throws Exception {
    CrawlRun run = crawl();

    assertThat(run.outcome).isEqualTo(CrawlRun.Outcome.COMPLETE);
    assertThat(run.failures).isEmpty();
    assertThat(records().keySet()).containsExactlyInAnyOrderElementsOf(site.publicArticleIds());
    assertThat(run.newArticles).hasSameSizeAs(site.publicArticleIds());
    for (int id : site.nonPublicArticleIds()) {
      assertThat(site.requestedUrls()).noneMatch(u -> u.matches(".*article" + id + "(\\D.*)?$"));
    }
  }

  @Test
  void neverFetchesTrapsOrDisallowedUrls() throws Exception {
    crawl();

    assertThat(site.requestedUrls())
        .isNotEmpty()
        .noneMatch(u -> u.contains("action=") || u.contains("page=login") || u.contains("recherche=")
            || u.contains("calendrier") || u.contains("agenda") || u.contains("page=forum") || u.contains("var_mode")
            || u.startsWith("/ecrire/") || u.startsWith("/prive/") || u.contains("lang="));
  }

  @Test
  void fetchesEachCanonicalUrlOnce() throws Exception {
    crawl();

    UrlRules rules = new UrlRules(site.root(), List.of());
    Map<URI, Long> perCanonical = site.requestedUrls().stream()
        .map(u -> rules.decide(site.root(), u, UrlRules.Role.EMBED))
        .filter(UrlRules.Decision::accepted)
        .collect(Collectors.groupingBy(d -> d.target().url(), Collectors.counting()));
    assertThat(perCanonical).allSatisfy((url, n) -> assertThat(n).as(url.toString()).isEqualTo(1L));
    assertThat(perCanonical).hasSize(site.requestedUrls().size());
  }

  @Test
  void sendsTheConfiguredUserAgentOneRequestAtATime() throws Exception {
    crawl();

    assertThat(site.exchanges()).allSatisfy(e -> assertThat(e.userAgent()).isEqualTo(CrawlHarness.UA));
    assertThat(site.maxInFlight()).isEqualTo(1);
  }

  @Test
  void archivesImagesOfArticlesWithLocalPaths() throws Exception {
    crawl();

    List<org.spiparchiver.model.Image> images = records().values().stream().flatMap(a -> a.images().stream()).toList();
    assertThat(images).isNotEmpty().allSatisfy(i -> {
      assertThat(i.localPath()).startsWith("site/");
      assertThat(mirror.resolve(i.localPath())).exists();
      assertThat(i.digest()).startsWith("sha1:");
    });
    assertThat(site.requestedUrls()).anyMatch(u -> u.startsWith("/IMG/jpg/"));
    assertThat(site.requestedUrls()).anyMatch(u -> u.startsWith("/local/cache-vignettes/"));
    assertThat(site.requestedUrls()).anyMatch(u -> u.endsWith(".css?1738231487"));
  }

  @Test
  void writesAnOfflineCopyWhoseLinksLeadToArchivedFiles() throws Exception {
    crawl();

    Path page = mirror.resolve(org.spiparchiver.mirror.SiteCopy.relativePath(site.root().resolve("spip.php?article839"), true));
    org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(Files.readString(page));
    List<String> local = doc.select("img[src], link[rel=stylesheet]").stream()
        .map(e -> e.hasAttr("src") ? e.attr("src") : e.attr("href"))
        .filter(u -> !u.startsWith("http"))
        .toList();
    assertThat(local).isNotEmpty().allSatisfy(u ->
        assertThat(page.getParent().resolve(java.net.URLDecoder.decode(u, java.nio.charset.StandardCharsets.UTF_8))).exists());
    assertThat(doc.select("a[href]").eachAttr("href")).contains("rubrique1.html");
  }

  @Test
  void followsSameHostRedirectsAndOnlyRecordsOthers() throws Exception {
    try (FixtureSite elsewhere = FixtureSite.builder("spip4-dist").start()) {
      site.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
              com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/spip.php?article849")).atPriority(1)
          .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(301)
              .withHeader("Location", "/spip.php?article848&lang=fr")));
      site.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
              com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/IMG/pdf/divergences-n13-mai-2008.pdf")).atPriority(1)
          .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(302)
              .withHeader("Location", elsewhere.root() + "IMG/pdf/divergences-n13-mai-2008.pdf")));

      CrawlRun run = crawl();

      assertThat(run.failures).isEmpty();
      assertThat(site.requestedUrls()).containsOnlyOnce("/spip.php?article849", "/spip.php?article848");
      assertThat(elsewhere.requestedUrls()).isEmpty();
      assertThat(records()).doesNotContainKey(849).containsKey(848);
    }
  }

  @Test
  void followsPaginationOfListings() throws Exception {
    crawl();

    assertThat(site.requestedUrls()).contains("/?debut_articles=10", "/?debut_articles=20");
  }

  @Test
  void keepsTheDelayBetweenTheEndOfAResponseAndTheNextRequest() throws Exception {
    Duration delay = Duration.ofMillis(120);
    crawl(delay, 8);

    List<FixtureSite.Exchange> ex = site.exchanges();
    assertThat(ex).hasSizeGreaterThanOrEqualTo(8);
    for (int i = 1; i < ex.size(); i++) {
      assertThat(ex.get(i).startNanos() - ex.get(i - 1).endNanos()).as("gap before " + ex.get(i).url())
          .isGreaterThanOrEqualTo(delay.toNanos());
    }
  }

  @Test
  void keepsTheDelayAcrossRuns() throws Exception {
    Duration delay = Duration.ofMillis(400);
    crawl(delay, 2);
    long endOfFirst = site.exchanges().get(site.exchanges().size() - 1).endNanos();
    site.resetJournal();

    crawl(delay, 1);

    assertThat(site.exchanges().get(0).startNanos() - endOfFirst).isGreaterThanOrEqualTo(delay.toNanos());
  }

  @Test
  void honoursRobotsCrawlDelayWhenLarger() throws Exception {
    site.close();
    site = FixtureSite.builder("spip4-dist")
        .override("/robots.txt", 200, "text/plain", "User-agent: *\nDisallow: /ecrire/\nCrawl-delay: 0.3\n").start();
    crawl(CrawlHarness.FAST, 4);

    List<FixtureSite.Exchange> ex = site.exchanges();
    for (int i = 1; i < ex.size(); i++) {
      assertThat(ex.get(i).startNanos() - ex.get(i - 1).endNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
    }
  }

  @Test
  void stopsGracefullyAtMaxRequestsAndResumes() throws Exception {
    CrawlRun first = crawl(CrawlHarness.FAST, 30);
    assertThat(first.outcome).isEqualTo(CrawlRun.Outcome.LIMIT_REACHED);
    assertThat(first.requests).isEqualTo(30);

    CrawlRun second = crawl();
    assertThat(second.outcome).isEqualTo(CrawlRun.Outcome.COMPLETE);
    assertThat(records().keySet()).containsExactlyInAnyOrderElementsOf(site.publicArticleIds());
    Set<String> seen = new TreeSet<>();
    assertThat(site.requestedUrls()).filteredOn(u -> !u.equals("/robots.txt")).allMatch(seen::add);
  }
}
