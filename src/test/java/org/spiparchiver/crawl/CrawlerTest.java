package org.spiparchiver.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.config.Config;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.ArticleSource;
import org.spiparchiver.model.Article;
import org.spiparchiver.testing.FixtureSite;
import org.spiparchiver.testing.CrawlHarness;

/**
 * One server for the class; the tests that only look at a plain complete crawl share one such crawl
 * ({@link #full}), the others run their own on a mirror of their own.
 */
class CrawlerTest {
  @TempDir Path mirror;
  static FixtureSite site;
  CrawlHarness harness;

  /** The plain complete crawl of the fixture: its run, what the server saw, its mirror. */
  record FullCrawl(CrawlRun run, List<String> requestedUrls, List<FixtureSite.Exchange> exchanges, int maxInFlight,
      Path mirror, Map<Integer, Article> records) {}

  static FullCrawl full;

  @BeforeAll
  static void serveAndCrawlOnce(@TempDir Path fullMirror) throws Exception {
    site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start();
    CrawlHarness h = new CrawlHarness(site.root(), fullMirror);
    CrawlRun run = h.crawl();
    full = new FullCrawl(run, site.requestedUrls(), site.exchanges(), site.maxInFlight(), fullMirror, h.records());
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
    CrawlRun run = full.run();

    assertThat(run.outcome).isEqualTo(CrawlRun.Outcome.COMPLETE);
    assertThat(run.failures).isEmpty();
    assertThat(full.records().keySet()).containsExactlyInAnyOrderElementsOf(site.publicArticleIds());
    assertThat(run.newArticles).hasSameSizeAs(site.publicArticleIds());
    for (int id : site.nonPublicArticleIds()) {
      assertThat(full.requestedUrls()).noneMatch(u -> u.matches(".*article" + id + "(\\D.*)?$"));
    }
  }

  @Test
  void neverFetchesTrapsOrDisallowedUrls() throws Exception {
    assertThat(full.requestedUrls())
        .isNotEmpty()
        .noneMatch(u -> u.contains("action=") || u.contains("page=login") || u.contains("recherche=")
            || u.contains("calendrier") || u.contains("agenda") || u.contains("page=forum") || u.contains("var_mode")
            || u.startsWith("/ecrire/") || u.startsWith("/prive/") || u.contains("lang="));
  }

  @Test
  void fetchesEachCanonicalUrlOnce() throws Exception {
    List<String> pages = full.requestedUrls().stream().map(CrawlerTest::designates).toList();
    assertThat(pages).doesNotHaveDuplicates().hasSameSizeAs(full.requestedUrls());
    for (int id : site.publicArticleIds()) assertThat(pages).containsOnlyOnce("article " + id);
  }

  private static final Pattern OBJECT = Pattern.compile("(article|rubrique|breve|auteur|mot|site)(\\d+)");

  /**
   * What a requested path + query designates, from SPIP's URL forms and independently of UrlRules:
   * an object page ({@code spip.php?article12}, {@code article12.html},
   * {@code spip.php?page=article&id_article=12}, any other parameter but pagination ignored) is
   * "article 12", else the path with its sorted parameters.
   */
  static String designates(String pathAndQuery) {
    URI u = URI.create(pathAndQuery);
    TreeMap<String, String> params = new TreeMap<>();
    if (u.getRawQuery() != null) {
      for (String p : u.getRawQuery().split("[&;]")) {
        int eq = p.indexOf('=');
        params.put(eq < 0 ? p : p.substring(0, eq), eq < 0 ? "" : p.substring(eq + 1));
      }
    }
    String object = null;
    Matcher html = OBJECT.matcher(u.getRawPath().replaceFirst("^/", "").replaceFirst("\\.html$", ""));
    if (html.matches() && u.getRawPath().endsWith(".html")) object = html.group(1) + " " + html.group(2);
    for (String key : params.keySet()) {
      Matcher bare = OBJECT.matcher(key);
      if (bare.matches() && params.get(key).isEmpty()) object = bare.group(1) + " " + bare.group(2);
    }
    if (params.containsKey("page") && params.containsKey("id_" + params.get("page"))) {
      object = params.get("page") + " " + params.get("id_" + params.get("page"));
    }
    if (object == null) return u.getRawPath() + "?" + params;
    String pagination = params.entrySet().stream().filter(e -> e.getKey().startsWith("debut_"))
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    return pagination.isEmpty() ? object : object + " " + pagination;
  }

  @Test
  void sendsTheConfiguredUserAgentOneRequestAtATime() throws Exception {
    assertThat(full.exchanges()).allSatisfy(e -> assertThat(e.userAgent()).isEqualTo(CrawlHarness.UA));
    assertThat(full.maxInFlight()).isEqualTo(1);
  }

  @Test
  void archivesImagesOfArticlesWithLocalPaths() throws Exception {
    List<org.spiparchiver.model.Image> images = full.records().values().stream().flatMap(a -> a.images().stream()).toList();
    assertThat(images).isNotEmpty().allSatisfy(i -> {
      assertThat(i.localPath()).startsWith("site/");
      assertThat(full.mirror().resolve(i.localPath())).exists();
      assertThat(i.digest()).startsWith("sha1:");
    });
    assertThat(full.requestedUrls()).anyMatch(u -> u.startsWith("/IMG/jpg/"));
    assertThat(full.requestedUrls()).anyMatch(u -> u.startsWith("/local/cache-vignettes/"));
    assertThat(full.requestedUrls()).anyMatch(u -> u.endsWith(".css?1738231487"));
  }

  @Test
  void writesAnOfflineCopyWhoseLinksLeadToArchivedFiles() throws Exception {
    Path page = full.mirror().resolve(org.spiparchiver.mirror.SiteCopy.relativePath(site.root().resolve("spip.php?article839"), true));
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
    assertThat(full.requestedUrls()).contains("/?debut_articles=10", "/?debut_articles=20");
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
    site.replace("/robots.txt", 200, "text/plain", "User-agent: *\nDisallow: /ecrire/\nCrawl-delay: 0.3\n");
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
