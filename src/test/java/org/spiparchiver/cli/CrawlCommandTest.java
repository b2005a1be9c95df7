package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;
import org.spiparchiver.testing.FixtureSite;

/** The crawl command end to end, with the real extractor. */
class CrawlCommandTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  /** The small site, one server for the class, reset before each test. */
  static FixtureSite spip4;
  /** The records of one uninterrupted crawl of {@link #spip4}, without provenance. */
  static Map<Integer, Article> uninterrupted;

  @BeforeAll
  static void serveAndCrawlOnce(@TempDir Path reference) throws Exception {
    spip4 = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start();
    StringWriter log = new StringWriter();
    assertThat(Main.run(crawlArgs(spip4, reference), new PrintWriter(log), new PrintWriter(log))).as(log.toString()).isZero();
    uninterrupted = recordsWithoutProvenance(reference);
  }

  @AfterAll
  static void stopServer() {
    spip4.close();
  }

  @BeforeEach
  void resetSite() {
    spip4.reset();
  }

  int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  static String[] crawlArgs(FixtureSite site, Path mirror, String... extra) {
    return crawlArgsWithDelay(site, mirror, "2ms", extra);
  }

  static String[] crawlArgsWithDelay(FixtureSite site, Path mirror, String delay, String... extra) {
    List<String> args = new ArrayList<>(List.of("--site", site.root().toString(), "--mirror", mirror.toString(),
        "crawl", "--delay", delay, "--no-index"));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  static Map<Integer, Article> recordsWithoutProvenance(Path mirror) throws Exception {
    ArticleRecords r = new ArticleRecords(mirror);
    Map<Integer, Article> out = new HashMap<>();
    for (int id : r.ids()) out.put(id, r.read(id).orElseThrow().withProvenance(null, null, 0, null));
    return out;
  }

  @Test
  void capturesEveryPublicArticleOfTheEscalSiteAndWritesARunReport(@TempDir Path mirror) throws Exception {
    try (FixtureSite site = FixtureSite.builder("escal-dev").withoutCrawlDelay().start()) {
      assertThat(run(crawlArgs(site, mirror))).as(err.toString()).isZero();

      Map<Integer, Article> records = recordsWithoutProvenance(mirror);
      assertThat(records.keySet()).containsExactlyInAnyOrderElementsOf(site.publicArticleIds());
      assertThat(site.maxInFlight()).isEqualTo(1);
      assertThat(site.requestedUrls()).noneMatch(u -> u.contains("lang=") || u.contains("page=login")
          || u.contains("action=") || u.contains("page=recherche"));
      assertThat(out.toString()).contains("crawl complete").contains(site.publicArticleIds().size() + " new");
      try (Stream<Path> reports = Files.list(mirror.resolve("runs"))) {
        JsonNode report = Json.mapper().readTree(reports.findFirst().orElseThrow().toFile());
        assertThat(report.get("exit_code").asInt()).isZero();
        assertThat(report.get("requests").asLong()).isEqualTo(site.requestedUrls().size());
        assertThat(report.get("articles").get("new")).hasSize(site.publicArticleIds().size());
        assertThat(report.has("started") && report.has("finished") && report.has("bytes") && report.has("failures")).isTrue();
      }
    }
  }

  @Test
  void updatesTheSearchIndexAtTheEndOfTheRunUnlessNoIndex(@TempDir Path dir) throws Exception {
    Path mirror = dir.resolve("mirror");
    Path index = dir.resolve("index");
    FixtureSite site = spip4;
    assertThat(run("--site", site.root().toString(), "--mirror", mirror.toString(), "--index", index.toString(),
        "crawl", "--delay", "2ms")).as(err.toString()).isZero();
    int articles = site.publicArticleIds().size();
    assertThat(out.toString()).contains("index " + index + ": " + articles + " added, 0 updated, 0 deleted; " + articles + " articles");

    out.getBuffer().setLength(0);
    assertThat(run("--mirror", mirror.toString(), "--index", index.toString(), "search", "--count", "--lang", "fr"))
        .as(err.toString()).isZero();
    assertThat(Integer.parseInt(out.toString().strip())).isPositive().isLessThan(articles);
  }

  @Test
  void aRecrawlWithNoSiteGivenCrawlsTheSiteTheMirrorRecords(@TempDir Path dir) throws Exception {
    FixtureSite site = spip4;
    Path mirror = dir.resolve("mirror");
    assertThat(run(crawlArgs(site, mirror, "--max-requests", "3"))).as(err.toString()).isZero();
    Files.writeString(dir.resolve("config.yaml"), ""); // no site configured: never the shipped config's
    site.resetJournal();

    assertThat(run("--config", dir.resolve("config.yaml").toString(), "--mirror", mirror.toString(), "crawl",
        "--delay", "2ms", "--no-index", "--max-requests", "3")).as(err.toString()).isZero();
    assertThat(site.requestedUrls()).hasSize(3);
  }

  @Test
  void noIndexLeavesTheIndexAlone(@TempDir Path dir) throws Exception {
    FixtureSite site = spip4;
    assertThat(run("--site", site.root().toString(), "--mirror", dir.resolve("mirror").toString(),
        "--index", dir.resolve("index").toString(), "crawl", "--delay", "2ms", "--no-index")).isZero();
    assertThat(dir.resolve("mirror/articles")).isNotEmptyDirectory();
    assertThat(dir.resolve("index")).doesNotExist();
    assertThat(out.toString()).doesNotContain("index ");
  }

  @SuppressWarnings("try") // the resource is held for the block, not used in it
  @Test
  void secondRunOnALockedMirrorExits3NamingThePid(@TempDir Path mirror) throws Exception {
    FixtureSite site = spip4;
    try (MirrorLock held = MirrorLock.acquire(mirror)) {
      assertThat(run(crawlArgs(site, mirror))).isEqualTo(3);
      assertThat(err.toString().strip()).isEqualTo("spip-archiver: another run holds the lock on " + mirror
          + " (PID " + ProcessHandle.current().pid() + ")");
      assertThat(site.requestedUrls()).isEmpty();
    }
  }

  @Test
  void unreachableSiteExits4WithOneLine(@TempDir Path mirror) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    int code = run("--site", "http://127.0.0.1:" + port + "/", "--mirror", mirror.toString(), "crawl", "--no-index",
        "--delay", "2ms");
    assertThat(code).isEqualTo(4);
    assertThat(err.toString().strip()).startsWith("spip-archiver: site unreachable: ").doesNotContain("\n");
  }

  @Test
  void unknownHostExits4(@TempDir Path mirror) {
    int code = run("--site", "http://no-such-host.invalid/", "--mirror", mirror.toString(), "crawl", "--no-index",
        "--delay", "2ms");
    assertThat(code).isEqualTo(4);
    assertThat(err.toString().strip()).startsWith("spip-archiver: site unreachable: ").contains("unknown host");
  }

  @Test
  void quietPrintsTheSummaryAndChangedArticlesAndNothingWhenNothingChanged(@TempDir Path mirror) throws Exception {
    FixtureSite site = spip4;
    String[] quiet = Stream.concat(Stream.of("-q"), Stream.of(crawlArgs(site, mirror))).toArray(String[]::new);
    assertThat(run(quiet)).isZero();
    assertThat(err.toString()).isEmpty();
    List<String> lines = out.toString().strip().lines().toList();
    assertThat(lines.get(0)).startsWith("crawl complete");
    assertThat(lines).contains("articles: " + site.publicArticleIds().size() + " new, 0 modified, 0 removed; failures: 0");
    assertThat(lines).anyMatch(l -> l.matches("  new +3  Contacts et abonnements"));
    // 44 articles in 12 issue groups fit under the 60-line cap: each one is listed.
    assertThat(lines).filteredOn(l -> l.startsWith("  new ")).hasSize(site.publicArticleIds().size());
    assertThat(lines).noneMatch(l -> l.startsWith("report:"));

    out.getBuffer().setLength(0);
    assertThat(run(quiet)).isZero();
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void maxRequestsStopsGracefullyWithExit0(@TempDir Path mirror) throws Exception {
    FixtureSite site = spip4;
    assertThat(run(crawlArgs(site, mirror, "--max-requests", "12"))).isZero();
    assertThat(site.requestedUrls()).hasSize(12);
    assertThat(out.toString()).contains("--max-requests 12 reached");
  }

  @Test
  void badDurationIsAUsageError(@TempDir Path mirror) {
    assertThat(run("--site", "http://127.0.0.1:1/", "--mirror", mirror.toString(), "crawl", "--delay", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not a duration");
  }

  /** kill -9 of a real crawl process after some requests, then a normal run: the same records as one uninterrupted crawl. */
  @ParameterizedTest(name = "killed after {0} requests")
  @ValueSource(ints = {20, 90})
  void killedCrawlResumesToTheSameRecords(int killAfter, @TempDir Path mirror) throws Exception {
    FixtureSite site = spip4;

    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", cp, Main.class.getName()));
    cmd.addAll(List.of(crawlArgsWithDelay(site, mirror, "20ms")));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (site.requestedUrls().size() < killAfter && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
    child.destroyForcibly().waitFor();
    assertThat(site.requestedUrls().size()).as("killed mid-crawl").isBetween(killAfter, killAfter + 3);

    assertThat(run(crawlArgs(site, mirror))).as(err.toString()).isZero();
    assertThat(recordsWithoutProvenance(mirror)).isEqualTo(uninterrupted);
  }
}
