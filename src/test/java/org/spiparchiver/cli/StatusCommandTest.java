package org.spiparchiver.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.model.Json;
import org.spiparchiver.testing.FixtureSite;

/** {@code status} over a mirror crawled from the spip4-dist fixture, one stylesheet failing with 503. */
class StatusCommandTest {
  static final String FAILING = "/squelettes-dist/css/reset.css?1738231487";

  @TempDir static Path dir;
  static Path mirror;
  static String failingUrl;
  static Instant crawlStarted;
  static Instant crawlFinished;

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void crawl() {
    mirror = dir.resolve("mirror");
    try (FixtureSite site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start()) {
      site.failFirst(FAILING, 100, aResponse().withStatus(503));
      failingUrl = site.root().resolve(FAILING).toString();
      crawlStarted = Instant.now();
      StringWriter err = new StringWriter();
      int code = Main.run(CrawlCommandTest.crawlArgs(site, mirror), new PrintWriter(new StringWriter()), new PrintWriter(err));
      crawlFinished = Instant.now();
      assertThat(code).as(err.toString()).isEqualTo(ExitCode.PARTIAL.code);
    }
  }

  int status(Path mirror, String... args) {
    String[] all = Stream.concat(Stream.of("--mirror", mirror.toString(), "status"), Stream.of(args)).toArray(String[]::new);
    return Main.run(all, new PrintWriter(out), new PrintWriter(err));
  }

  JsonNode statusJson(String... args) throws IOException {
    String[] all = Stream.concat(Stream.of(args), Stream.of("--json")).toArray(String[]::new);
    assertThat(status(mirror, all)).as(err.toString()).isZero();
    return Json.mapper().readTree(out.toString());
  }

  /** What the test counts itself, from the files of the mirror. */
  record OnDisk(int articles, int removed, Set<String> languages, Set<String> issues, int warcFiles, long warcBytes,
      long images, JsonNode report) {}

  static OnDisk onDisk() throws IOException {
    int articles = 0;
    int removed = 0;
    Set<String> langs = new HashSet<>();
    Set<String> issues = new HashSet<>();
    try (Stream<Path> s = Files.list(mirror.resolve("articles"))) {
      for (Path p : s.filter(p -> p.getFileName().toString().matches("\\d+\\.json")).toList()) {
        JsonNode a = Json.mapper().readTree(p.toFile());
        articles++;
        if (!a.path("removed_at").isNull()) removed++;
        langs.add(a.get("lang").asText());
        if (!a.path("issue").isNull()) issues.add(a.get("issue").get("title").asText());
      }
    }
    List<Path> warcs;
    try (Stream<Path> s = Files.list(mirror.resolve("warc"))) {
      warcs = s.filter(p -> p.toString().endsWith(".warc.gz")).toList();
    }
    long warcBytes = 0;
    for (Path w : warcs) warcBytes += Files.size(w);
    JsonNode report;
    try (Stream<Path> s = Files.list(mirror.resolve("runs"))) {
      report = Json.mapper().readTree(s.findFirst().orElseThrow().toFile());
    }
    return new OnDisk(articles, removed, langs, issues, warcs.size(), warcBytes, archivedImages(), report);
  }

  /** Image URLs answered 200, from the CDXJ indexes of the WARC files (each capture of a URL once). */
  static long archivedImages() throws IOException {
    Set<String> urls = new HashSet<>();
    try (Stream<Path> s = Files.list(mirror.resolve("warc"))) {
      for (Path cdxj : s.filter(p -> p.toString().endsWith(".cdxj")).toList()) {
        for (String line : Files.readAllLines(cdxj)) {
          JsonNode j = Json.mapper().readTree(line.substring(line.indexOf('{')));
          if (j.path("status").asText().equals("200") && j.path("mime").asText().startsWith("image/")) urls.add(j.get("url").asText());
        }
      }
    }
    return urls.size();
  }

  @Test
  void printsTheArchiveAsCountedOnDisk() throws Exception {
    OnDisk disk = onDisk();
    assertThat(disk.articles()).isPositive();
    assertThat(disk.images()).isPositive();
    assertThat(disk.issues()).isNotEmpty();

    assertThat(status(mirror)).as(err.toString()).isZero();

    JsonNode run = disk.report();
    assertThat(out.toString().lines().toList()).contains(
        "archive   " + mirror + "  (WARC: " + disk.warcFiles() + (disk.warcFiles() == 1 ? " file, " : " files, ") + org.spiparchiver.crawl.RunReport.bytes(disk.warcBytes()) + ")",
        "articles  " + disk.articles() + " (" + disk.removed() + " removed), " + disk.languages().size() + " languages",
        "images    " + disk.images(),
        "last run  " + run.get("started").asText().substring(0, 16).replace('T', ' ') + " UTC, exit 1 (complete): "
            + disk.articles() + " new, 0 modified, 0 removed; " + run.get("requests").asLong() + " requests, "
            + org.spiparchiver.crawl.RunReport.bytes(run.get("bytes").asLong()),
        "lock      free");
    assertThat(out.toString()).containsPattern("(?m)^issues    " + disk.issues().size() + ", latest N°\\d+");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void printsTheSameFiguresAsJson() throws Exception {
    OnDisk disk = onDisk();
    JsonNode s = statusJson();

    assertThat(s.get("mirror").asText()).isEqualTo(mirror.toString());
    assertThat(s.get("warc").get("files").asInt()).isEqualTo(disk.warcFiles());
    assertThat(s.get("warc").get("bytes").asLong()).isEqualTo(disk.warcBytes());
    assertThat(s.get("articles").get("total").asInt()).isEqualTo(disk.articles());
    assertThat(s.get("articles").get("removed").asInt()).isEqualTo(disk.removed());
    assertThat(s.get("articles").get("languages").asInt()).isEqualTo(disk.languages().size());
    assertThat(s.get("issues").get("count").asInt()).isEqualTo(disk.issues().size());
    assertThat(disk.issues()).contains(s.get("issues").get("latest").asText());
    assertThat(s.get("images").asLong()).isEqualTo(disk.images());
    JsonNode last = s.get("last_run");
    assertThat(last.get("started").asText()).isEqualTo(disk.report().get("started").asText());
    assertThat(last.get("finished").asText()).isEqualTo(disk.report().get("finished").asText());
    assertThat(last.get("exit_code").asInt()).isEqualTo(1);
    assertThat(last.get("outcome").asText()).isEqualTo("complete");
    assertThat(last.get("requests").asLong()).isEqualTo(disk.report().get("requests").asLong());
    assertThat(last.get("bytes").asLong()).isEqualTo(disk.report().get("bytes").asLong());
    assertThat(last.get("articles").get("new").asInt()).isEqualTo(disk.articles());
    assertThat(s.get("lock").get("held").asBoolean()).isFalse();
    assertThat(s.get("lock").get("pid").isNull()).isTrue();
    assertThat(s.get("warnings")).isEmpty();
  }

  @Test
  void listsTheFailingUrlWithSinceWhen() throws Exception {
    JsonNode failing = statusJson().get("failing");

    assertThat(failing).hasSize(1);
    JsonNode f = failing.get(0);
    assertThat(f.get("url").asText()).isEqualTo(failingUrl);
    assertThat(f.get("last_error").asText()).isEqualTo("HTTP 503");
    assertThat(f.get("attempts").asInt()).isPositive();
    assertThat(Instant.parse(f.get("failing_since").asText())).isBetween(crawlStarted, crawlFinished);

    out.getBuffer().setLength(0);
    assertThat(status(mirror)).isZero();
    String since = f.get("failing_since").asText().substring(0, 16).replace('T', ' ');
    assertThat(out.toString()).contains("failing   1 URL:\n          " + failingUrl + " since " + since
        + " UTC (HTTP 503, " + f.get("attempts").asInt() + " attempt");
  }

  @Test
  void nothingIsDueRightAfterACrawlAndTheNextDueIsMaxAgeLater() throws Exception {
    JsonNode r = statusJson().get("revisits");

    assertThat(r.get("archived").asInt()).isEqualTo(onDisk().articles());
    assertThat(r.get("due_now").asInt()).isZero();
    assertThat(r.get("next_run").asInt()).isZero();
    assertThat(r.get("budget").asInt()).isEqualTo(200);
    // Default policy: published dates unknown to the crawl state count as old, due after max_age (30 days).
    assertThat(Instant.parse(r.get("next_due").asText()))
        .isBetween(crawlStarted.plus(Duration.ofDays(30)), crawlFinished.plus(Duration.ofDays(30)));
  }

  @Test
  void countsTheRevisitsDueAndTheBudgetOfTheNextRun() throws Exception {
    Path config = dir.resolve("short-max-age.yaml");
    Files.writeString(config, "revisit:\n  max_age: 1ms\n  recent_max_age: 1ms\n  budget: 3\n");
    int articles = onDisk().articles();

    assertThat(status(mirror, "--config", config.toString())).as(err.toString()).isZero();

    assertThat(out.toString()).contains("revisits  " + articles + " due now, next run takes 3 (budget 3)\n");
  }

  @SuppressWarnings("try") // the resource is held for the block, not used in it
  @Test
  void showsThePidOfTheRunHoldingTheLock() throws Exception {
    try (MirrorLock lock = MirrorLock.acquire(mirror)) {
      assertThat(status(mirror)).isZero();
      assertThat(out.toString()).contains("lock      held by PID " + ProcessHandle.current().pid());
    }
  }

  @Test
  void namesACorruptRunReportAndShowsTheLastReadableRun(@TempDir Path copy) throws Exception {
    copyTree(mirror, copy);
    Path broken = copy.resolve("runs/29991231T000000Z.json");
    Files.writeString(broken, "{\"started\": \"2999-12-31T00:");

    assertThat(status(copy)).isZero();

    assertThat(err.toString()).startsWith("spip-archiver: warning: " + broken + ": unreadable run report");
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(out.toString()).contains("last run  " + onDisk().report().get("started").asText().substring(0, 10));
  }

  @Test
  void saysWhenTheLastRunWasKilledBeforeItsReport(@TempDir Path copy) throws Exception {
    copyTree(mirror, copy);
    assertThat(status(copy)).isZero();
    assertThat(err.toString()).as("a run that wrote its report leaves no marker").doesNotContain("crashed");
    // What a run killed by kill -9 or an OutOfMemoryError leaves: its start marker, no report.
    Files.writeString(copy.resolve("runs/29991231T000000Z.running"), "2999-12-31T00:00:00Z\n");

    assertThat(status(copy)).isZero();

    assertThat(err.toString()).contains("last run: crashed or killed (started 2999-12-31T00:00:00Z, no report)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"absent", "empty"})
  void refusesAMirrorWithoutCrawlState(String kind, @TempDir Path tmp) throws Exception {
    Path m = tmp.resolve("mirror");
    if (kind.equals("empty")) Files.createDirectories(m);

    assertThat(status(m)).isEqualTo(ExitCode.USAGE.code);

    assertThat(err.toString()).isEqualTo("spip-archiver: no archive at " + m + ": run `spip-archiver crawl` first\n");
    assertThat(out.toString()).isEmpty();
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.toList()).isEqualTo(kind.equals("empty") ? List.of(m) : List.of());
    }
    if (kind.equals("empty")) {
      try (Stream<Path> s = Files.list(m)) {
        assertThat(s.count()).isZero();
      }
    }
  }

  @Test
  void namesADamagedCrawlStateInOneLine(@TempDir Path m) throws Exception {
    Files.writeString(m.resolve("crawl.db"), "not a database, not even close to one");

    assertThat(status(m)).isEqualTo(ExitCode.USAGE.code);

    assertThat(err.toString()).startsWith("spip-archiver: cannot open crawl state " + m.resolve("crawl.db") + ": ");
    assertThat(err.toString().lines()).hasSize(1);
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }
}
