package org.spiparchiver.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.config.Config;
import org.spiparchiver.extract.ArticleExtractor;
import org.spiparchiver.extract.PageResult;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.model.Article;
import org.spiparchiver.testing.CrawlHarness;
import org.spiparchiver.testing.FixtureSite;

/**
 * Re-crawls of an archived Escal site that an editor changed in between: a new article (in the
 * RSS backend and its rubrique listing), an edited article (its listing shows the new modification
 * date), a removed article (404), everything else unchanged.
 */
class RecrawlTest {
  /** The newest rubrique of the fixture, N°30's "Cinéma", lists 1330 and 1329. */
  static final String LISTING = "/spip.php?rubrique151";
  static final int EDITED = 1330;
  static final int REMOVED = 1328;
  /** The rubrique that listed the removed article (N°30's "International"). */
  static final String REMOVED_LISTING = "/spip.php?rubrique150";
  static final int ADDED = 1999;
  static final String HTML = "text/html; charset=utf-8";

  @TempDir Path mirror;
  static FixtureSite site;
  /** The mirror after the first crawl of the unchanged site, copied for each test. */
  static Path firstCrawl;
  CrawlHarness harness;

  @BeforeAll
  static void firstCrawlOnce(@TempDir Path dir) throws Exception {
    site = FixtureSite.builder("escal-dev").withoutCrawlDelay().start();
    firstCrawl = dir;
    CrawlHarness h = harness(dir);
    CrawlRun first = h.crawl();
    assertThat(first.newArticles).hasSameSizeAs(site.publicArticleIds());
  }

  @AfterAll
  static void stopServer() {
    site.close();
  }

  static CrawlHarness harness(Path mirror) {
    CrawlHarness h = new CrawlHarness(site.root(), mirror);
    ArticleExtractor extractor = new ArticleExtractor(Config.defaults().extraction());
    h.source = (html, url) -> extractor.extract(html, url) instanceof PageResult.ArticlePage p
        ? Optional.of(p.article()) : Optional.empty();
    h.revisit = new Config.Revisit(Duration.ofDays(30), 200, Duration.ofDays(60), Duration.ofDays(7), 5);
    return h;
  }

  @BeforeEach
  void firstCrawl() throws Exception {
    site.reset();
    copyTree(firstCrawl, mirror);
    harness = harness(mirror);
  }

  @AfterEach
  void stop() {
    site.reset();
  }

  static void copyTree(Path from, Path to) throws java.io.IOException {
    try (java.util.stream.Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  /** The editor's changes. */
  void changeTheSite() {
    String edited = site.body("/spip.php?article" + EDITED);
    Document page = Jsoup.parse(edited);
    page.getElementById("texte-article").appendElement("p").text("Mise à jour : le film ressort en salles.");
    site.replace("/spip.php?article" + EDITED, 200, HTML, page.outerHtml());

    Document listing = Jsoup.parse(site.body(LISTING));
    Element entry = listing.selectFirst(".cadre-articles-rubrique:has(a[href*=article" + EDITED + "])");
    entry.selectFirst(".date-modif-article").text("dernière modification le 26 novembre 2026");
    Element added = entry.clone();
    added.select("a[href*=article" + EDITED + "]").attr("href", "spip.php?article" + ADDED + "&lang=fr");
    entry.before(added);
    site.replace(LISTING, 200, HTML, listing.outerHtml());

    String copy = site.body("/spip.php?article1329").replaceAll("(?<=\\D)1329(?=\\D)", String.valueOf(ADDED));
    site.replace("/spip.php?article" + ADDED, 200, HTML, copy);
    String rss = site.body("/spip.php?page=backend");
    String item = rss.substring(rss.indexOf("<item"), rss.indexOf("</item>") + 7)
        .replace("article" + EDITED, "article" + ADDED).replace("2012-11-19T11:50:00Z", "2026-11-26T10:00:00Z");
    site.replace("/spip.php?page=backend", 200, "text/xml; charset=utf-8", rss.replaceFirst("<item", item + "\n<item"));

    site.replace("/spip.php?article" + REMOVED, 404, HTML, "<html><body class=\"page-404\"><h1>Page introuvable</h1></body></html>");
    Document removedFrom = Jsoup.parse(site.body(REMOVED_LISTING));
    removedFrom.selectFirst(".cadre-articles-rubrique:has(a[href*=article" + REMOVED + "])").remove();
    site.replace(REMOVED_LISTING, 200, HTML, removedFrom.outerHtml());
  }

  @Test
  void findsExactlyTheNewEditedAndRemovedArticlesAndKeepsEveryEarlierRecord() throws Exception {
    changeTheSite();
    ArticleRecords records = new ArticleRecords(mirror);
    Article before = records.read(EDITED).orElseThrow();

    harness.clock = Clock.offset(Clock.systemUTC(), Duration.ofDays(31)); // every article is due
    CrawlRun second = harness.crawl();

    assertThat(second.newArticles).containsExactly(ADDED);
    assertThat(second.modifiedArticles).extracting(CrawlRun.Modified::id).containsExactly(EDITED);
    assertThat(second.modifiedArticles.get(0).fields()).containsExactly("text");
    assertThat(second.removedArticles).as("one 404 is not yet a removal").isEmpty();
    assertThat(records.read(EDITED).orElseThrow().text()).endsWith("Mise à jour : le film ressort en salles.");
    assertThat(records.history(EDITED)).singleElement()
        .satisfies(p -> assertThat(Files.readString(p)).contains(before.capturedAt()).doesNotContain("ressort en salles"));
    assertThat(site.requestedUrls()).as("archived images are not fetched again").noneMatch(u -> u.startsWith("/IMG/"));

    site.resetJournal();
    harness.clock = Clock.offset(Clock.systemUTC(), Duration.ofDays(32));
    CrawlRun third = harness.crawl();

    assertThat(third.removedArticles).containsExactly(REMOVED);
    assertThat(third.newArticles).isEmpty();
    assertThat(third.modifiedArticles).isEmpty();
    Article removed = records.read(REMOVED).orElseThrow();
    assertThat(removed.removedAt()).isNotNull();
    assertThat(removed.text()).isNotBlank();
    assertThat(articleRequests()).containsExactly("/spip.php?article" + REMOVED);
  }

  @Test
  void listingsAloneTriggerTheRefetchOfEditedNewAndVanishedArticlesWithoutAnyBudget() throws Exception {
    harness.revisit = new Config.Revisit(Duration.ofDays(30), 0, Duration.ofDays(60), Duration.ofDays(7), 5);
    changeTheSite();

    CrawlRun second = harness.crawl();

    assertThat(articleRequests()).containsExactlyInAnyOrder("/spip.php?article" + EDITED, "/spip.php?article" + ADDED,
        "/spip.php?article" + REMOVED);
    assertThat(second.modifiedArticles).extracting(CrawlRun.Modified::id).containsExactly(EDITED);
    assertThat(second.newArticles).containsExactly(ADDED);

    site.resetJournal();
    CrawlRun third = harness.crawl();
    assertThat(articleRequests()).as("the second 404 is asked for, nothing else").containsExactly("/spip.php?article" + REMOVED);
    assertThat(third.removedArticles).containsExactly(REMOVED);
  }

  @Test
  void aRunWithNoChangeFetchesOnlyTheDiscoveryPagesAndItsBudgetedRevisits() throws Exception {
    harness.revisit = new Config.Revisit(Duration.ofDays(30), 3, Duration.ofDays(60), Duration.ofDays(7), 5);
    harness.clock = Clock.offset(Clock.systemUTC(), Duration.ofDays(31));

    CrawlRun second = harness.crawl();

    assertThat(articleRequests()).hasSize(3);
    assertThat(site.requestedUrls()).filteredOn(u -> !u.matches("/spip\\.php\\?article\\d+"))
        .containsExactlyInAnyOrder("/robots.txt", "/", "/sitemap.xml", "/spip.php?page=backend", "/spip.php?page=plan",
            "/spip.php?rubrique151", "/spip.php?rubrique150", "/spip.php?rubrique149", "/spip.php?rubrique148",
            "/spip.php?rubrique147");
    assertThat(second.newArticles).isEmpty();
    assertThat(second.modifiedArticles).isEmpty();
    assertThat(second.revisits).as("identical pages are archived as WARC revisit records").isPositive();
  }

  @Test
  void anInterruptedRunAndItsResumptionReportEachChangeOnce() throws Exception {
    changeTheSite();
    harness.clock = Clock.offset(Clock.systemUTC(), Duration.ofDays(31));
    harness.maxRequests = 20;
    CrawlRun interrupted = harness.crawl();
    harness.maxRequests = 0;
    CrawlRun resumed = harness.crawl();

    List<Integer> added = new java.util.ArrayList<>(interrupted.newArticles);
    added.addAll(resumed.newArticles);
    List<Integer> modified = new java.util.ArrayList<>();
    interrupted.modifiedArticles.forEach(m -> modified.add(m.id()));
    resumed.modifiedArticles.forEach(m -> modified.add(m.id()));
    assertThat(added).containsExactly(ADDED);
    assertThat(modified).containsExactly(EDITED);
  }

  private List<String> articleRequests() {
    return site.requestedUrls().stream().filter(u -> u.matches("/spip\\.php\\?article\\d+")).toList();
  }
}
