package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRevisit;
import org.spiparchiver.crawl.CrawlState;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.SiteMove;
import org.spiparchiver.mirror.site.SiteLayout;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;
import org.spiparchiver.testing.FixtureSite;

/**
 * The site moves to a new address (the same fixture served on another port): {@code crawl
 * --site NEW --site-moved} re-bases the mirror made from the old address, and the crawl of the new
 * address is a re-crawl, not a first crawl.
 */
class SiteMovedCrawlTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  static FixtureSite oldSite;
  static FixtureSite newSite;
  /** The mirror after one complete crawl of the old address, copied for each test. */
  static Path crawled;
  /** Article pages a re-crawl of the old address requests (normal revisit budget and discovery). */
  static List<String> plainArticleRequests;
  @TempDir Path mirror;

  @BeforeAll
  static void crawlTheOldAddress(@TempDir Path dir) throws Exception {
    oldSite = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start();
    newSite = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start();
    crawled = dir.resolve("crawled");
    StringWriter log = new StringWriter();
    assertThat(Main.run(CrawlCommandTest.crawlArgs(oldSite, crawled), new PrintWriter(log), new PrintWriter(log)))
        .as(log.toString()).isZero();
    Path plain = dir.resolve("plain");
    CrawlStateRebuildTest.copyTree(crawled, plain);
    oldSite.resetJournal();
    assertThat(Main.run(CrawlCommandTest.crawlArgs(oldSite, plain), new PrintWriter(log), new PrintWriter(log)))
        .as(log.toString()).isZero();
    plainArticleRequests = articleRequests(oldSite);
    assertThat(plainArticleRequests.size()).as("a re-crawl does not ask for every article")
        .isLessThan(oldSite.publicArticleIds().size());
  }

  @AfterAll
  static void stopServers() {
    oldSite.close();
    newSite.close();
  }

  @BeforeEach
  void copyArchive() throws IOException {
    newSite.reset();
    CrawlStateRebuildTest.copyTree(crawled, mirror);
  }

  int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void theMovedSiteIsRecrawledAtItsNewAddressWithNothingModified() throws Exception {
    Map<Path, byte[]> warcBefore = warcFiles(mirror);
    Map<Integer, Article> before = records(mirror);

    assertThat(run(CrawlCommandTest.crawlArgs(newSite, mirror, "--site-moved"))).as(out + "" + err).isZero();

    assertThat(out + "" + err).contains("site moved from " + oldSite.root() + " to " + newSite.root());
    JsonNode report = lastReport(mirror);
    assertThat(report.at("/articles/modified")).as("modified in " + report).isEmpty();
    assertThat(report.at("/articles/new")).isEmpty();
    assertThat(articleRequests(newSite)).as("article pages requested").hasSameElementsAs(plainArticleRequests);
    assertThat(Files.readAllLines(mirror.resolve("origin"))).containsExactly(oldSite.root().toString(), newSite.root().toString());

    List<String> urls = crawlDbUrls(mirror);
    assertThat(urls).noneMatch(u -> u.startsWith(oldSite.root().toString()));
    assertThat(urls).filteredOn(u -> u.matches(".*spip\\.php\\?article\\d+")).hasSize(before.size())
        .allMatch(u -> u.startsWith(newSite.root().toString()));
    Map<Integer, Article> after = records(mirror);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    for (Article a : after.values()) {
      assertThat(a.url()).isEqualTo(newSite.root() + "spip.php?article" + a.id());
      assertThat(a.images()).allSatisfy(i -> assertThat(i.url()).doesNotStartWith(oldSite.root().toString()));
      assertThat(a).as("the same article").isEqualTo(new SiteMove(oldSite.root().toString(), newSite.root().toString())
          .rebase(before.get(a.id())).withProvenance(a.capturedAt(), a.warcFile(), a.warcOffset(), a.payloadDigest()));
      assertThat(new ArticleRecords(mirror).history(a.id())).as("no earlier version of " + a.id()).isEmpty();
    }
    warcBefore.forEach((f, bytes) -> assertThat(readAll(f)).as(f + " kept, only appended to").startsWith(bytes));
    assertThat(revisitsAt(mirror, newSite.root().toString())).as("revisits name the capture they refer to, at the old address")
        .isNotEmpty().allMatch(t -> t.startsWith(oldSite.root().toString()));

    out.getBuffer().setLength(0);
    assertThat(run("--mirror", mirror.toString(), "verify")).as("the offline copy shows every article at the new address: "
        + out + err).isZero();
    assertThat(run("--site", newSite.root().toString(), "--mirror", mirror.toString(), "mirror", "--rebuild"))
        .as(out + "" + err).isZero();
    assertThat(run("--mirror", mirror.toString(), "verify")).as("rebuilt from the WARC files: " + out + err).isZero();
    Article one = after.values().stream().filter(a -> a.title() != null && a.title().matches("\\p{L}{4,}.*")).findFirst().orElseThrow();
    Path index = mirror.resolveSibling(mirror.getFileName() + "-index");
    assertThat(run("--mirror", mirror.toString(), "--index", index.toString(), "index")).as(out + "" + err).isZero();
    out.getBuffer().setLength(0);
    String word = one.title().split("[^\\p{L}]+")[0];
    assertThat(run("--mirror", mirror.toString(), "--index", index.toString(), "search", "--json", "title:" + word))
        .as(out + "" + err).isZero();
    assertThat(out.toString().lines().map(SiteMovedCrawlTest::json).filter(j -> j.path("id").asInt() == one.id()))
        .singleElement().satisfies(j -> assertThat(j.path("url").asText()).isEqualTo(one.url()));
    out.getBuffer().setLength(0);
    assertThat(run("--mirror", mirror.toString(), "--index", index.toString(), "show", String.valueOf(one.id()))).as(out + "" + err).isZero();
    assertThat(out.toString()).contains(one.title()).contains(one.url())
        .contains(mirror.resolve(SiteLayout.page(URI.create(one.url()))).toString());
  }

  @Test
  void aMoveKilledMidwayIsFinishedByTheNextRun() throws Exception {
    // What a run killed after committing crawl.db and re-basing some records leaves: origin still the old address.
    SiteMove move = new SiteMove(oldSite.root().toString(), newSite.root().toString());
    try (CrawlState state = CrawlState.open(mirror.resolve("crawl.db"))) {
      state.rebase(move);
    }
    ArticleRecords records = new ArticleRecords(mirror);
    int half = records.ids().size() / 2;
    for (int id : records.ids().subList(0, half)) {
      Article a = records.read(id).orElseThrow();
      Files.writeString(records.file(id), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(move.rebase(a)));
    }

    assertThat(run(CrawlCommandTest.crawlArgs(newSite, mirror, "--site-moved"))).as(out + "" + err).isZero();

    assertThat(lastReport(mirror).at("/articles/modified")).isEmpty();
    assertThat(articleRequests(newSite)).hasSameElementsAs(plainArticleRequests);
    assertThat(records(mirror).values()).allSatisfy(a -> assertThat(a.url()).startsWith(newSite.root().toString()));
    assertThat(crawlDbUrls(mirror)).noneMatch(u -> u.startsWith(oldSite.root().toString()));
    assertThat(Files.readAllLines(mirror.resolve("origin"))).containsExactly(oldSite.root().toString(), newSite.root().toString());
  }

  @Test
  void anotherAddressWithoutSiteMovedIsStillRefusedNamingBoth() throws Exception {
    Map<Path, byte[]> files = new HashMap<>();
    try (Stream<Path> s = Files.walk(mirror)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) files.put(p, Files.readAllBytes(p));
    }

    assertThat(run(CrawlCommandTest.crawlArgs(newSite, mirror))).isEqualTo(2);

    assertThat(err.toString().strip()).isEqualTo("spip-archiver: the mirror " + mirror + " was made from " + oldSite.root()
        + ", not " + newSite.root() + ": give another --mirror, or --site-moved if the site moved to this address");
    assertThat(newSite.requestedUrls()).isEmpty();
    files.forEach((f, bytes) -> assertThat(readAll(f)).as(f.toString()).isEqualTo(bytes));
  }

  @Test
  void aCrawlDbRebuiltAfterTheMoveNamesTheNewAddress() throws Exception {
    assertThat(run(CrawlCommandTest.crawlArgs(newSite, mirror, "--site-moved"))).as(out + "" + err).isZero();
    for (String f : List.of("crawl.db", "crawl.db-wal", "crawl.db-shm")) Files.deleteIfExists(mirror.resolve(f));
    newSite.resetJournal();

    assertThat(run(CrawlCommandTest.crawlArgs(newSite, mirror))).as(out + "" + err).isZero();

    assertThat(out + "" + err).contains("crawl.db missing: rebuilt from the archive");
    assertThat(crawlDbUrls(mirror)).noneMatch(u -> u.startsWith(oldSite.root().toString()));
    assertThat(lastReport(mirror).at("/articles/new")).isEmpty();
    assertThat(articleRequests(newSite).size()).isLessThan(newSite.publicArticleIds().size());
  }

  private static List<String> articleRequests(FixtureSite site) {
    return site.requestedUrls().stream().filter(u -> u.matches("/spip\\.php\\?article\\d+")).toList();
  }

  private static Map<Integer, Article> records(Path mirror) throws IOException {
    ArticleRecords r = new ArticleRecords(mirror);
    Map<Integer, Article> out = new HashMap<>();
    for (int id : r.ids()) out.put(id, r.read(id).orElseThrow());
    return out;
  }

  private static List<String> crawlDbUrls(Path mirror) throws Exception {
    List<String> urls = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + mirror.resolve("crawl.db"));
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT url FROM urls")) {
      while (rs.next()) urls.add(rs.getString(1));
    }
    return urls;
  }

  private static JsonNode lastReport(Path mirror) throws IOException {
    try (Stream<Path> s = Files.list(mirror.resolve("runs"))) {
      Path last = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().reduce((a, b) -> b).orElseThrow();
      return Json.mapper().readTree(last.toFile());
    }
  }

  private static Map<Path, byte[]> warcFiles(Path mirror) throws IOException {
    Map<Path, byte[]> files = new HashMap<>();
    try (Stream<Path> s = Files.list(mirror.resolve("warc"))) {
      for (Path p : s.filter(p -> p.toString().endsWith(".warc.gz")).toList()) files.put(p, Files.readAllBytes(p));
    }
    return files;
  }

  /** The WARC-Refers-To-Target-URI of the revisit records of URLs under {@code root}. */
  private static List<String> revisitsAt(Path mirror, String root) throws IOException {
    List<String> targets = new ArrayList<>();
    try (Stream<Path> s = Files.list(mirror.resolve("warc"))) {
      for (Path p : s.filter(p -> p.toString().endsWith(".warc.gz")).toList()) {
        try (WarcReader reader = new WarcReader(p)) {
          for (WarcRecord r : reader) {
            if (r instanceof WarcRevisit v && v.target().startsWith(root)) {
              v.headers().first("WARC-Refers-To-Target-URI").ifPresent(targets::add);
            }
          }
        }
      }
    }
    return targets;
  }

  private static JsonNode json(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] readAll(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
