package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.model.Json;
import org.spiparchiver.testing.FixtureSite;

/**
 * Issue 11 items 3 and 5 through the command line: one article whose handling crashes two runs in a
 * row (its record path is a directory, so writing the record throws) is quarantined, and one article
 * over {@code crawl.max_body_size} is skipped; {@code status} and the run report name both with
 * their reasons, and {@code crawl --retry-failed} fetches the quarantined one again.
 */
class FailingUrlsEndToEndTest {
  static final String SKIPPED = "skipped: over max_body_size (raise it in config.yaml)";
  static final String QUARANTINED = "quarantined after crashing or stalling the run 2 times, skipped until crawl --retry-failed";

  @TempDir static Path dir;
  static FixtureSite site;
  static Path mirror;
  static String crashing;
  static String oversize;
  /** Per crawl: exit code, what it said, the paths it requested. */
  static final List<Integer> codes = new ArrayList<>();
  static final List<String> said = new ArrayList<>();
  static final List<List<String>> requested = new ArrayList<>();
  static String statusText;
  static JsonNode statusJson;
  static String statusAfterRaise;
  static JsonNode firstReport;
  static JsonNode secondReport;

  @BeforeAll
  static void crawlTwiceThenRetry() throws Exception {
    site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start();
    mirror = dir.resolve("m");
    // Two public articles the home page links to; robots.txt confines the crawl to them and the home
    // page, so that three crawls take seconds.
    List<Integer> ids = java.util.regex.Pattern.compile("spip\\.php\\?article(\\d+)").matcher(site.body("/")).results()
        .map(m -> Integer.valueOf(m.group(1))).filter(site.publicArticleIds()::contains).distinct().limit(2).toList();
    crashing = "/spip.php?article" + ids.get(0);
    oversize = "/spip.php?article" + ids.get(1);
    site.replace("/robots.txt", 200, "text/plain", "User-agent: *\nAllow: /$\nAllow: " + crashing + "$\nAllow: " + oversize
        + "$\nDisallow: /\n");
    // Incompressible, so that it is over the limit even when the server gzips it.
    byte[] noise = new byte[300_000];
    new java.util.Random(7).nextBytes(noise);
    site.replace(oversize, 200, "text/html; charset=utf-8",
        "<html><body>" + java.util.Base64.getEncoder().encodeToString(noise) + "</body></html>");
    Files.writeString(dir.resolve("config.yaml"), "crawl:\n  max_body_size: 100KB\n");
    Files.createDirectories(mirror.resolve("articles").resolve(ids.get(0) + ".json"));

    crawl();
    crawl();
    statusText = run("status");
    statusJson = Json.mapper().readTree(run("status", "--json"));
    try (Stream<Path> s = Files.list(mirror.resolve("runs"))) {
      List<Path> reports = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      firstReport = Json.mapper().readTree(reports.get(0).toFile());
      secondReport = Json.mapper().readTree(reports.get(1).toFile());
    }
    // The operator deals with the cause, then asks for the quarantined URL again.
    Files.delete(mirror.resolve("articles").resolve(ids.get(0) + ".json"));
    crawl("--retry-failed");
    // As the message says: the limit raised in config.yaml, the next run fetches the page.
    Files.writeString(dir.resolve("config.yaml"), "crawl:\n  max_body_size: 1MB\n");
    crawl();
    statusAfterRaise = run("status");
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  static void crawl(String... extra) {
    site.resetJournal();
    List<String> args = new ArrayList<>(List.of("--config", dir.resolve("config.yaml").toString()));
    args.addAll(List.of(CrawlCommandTest.crawlArgs(site, mirror, extra)));
    StringWriter out = new StringWriter();
    codes.add(Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(out)));
    said.add(out.toString());
    requested.add(site.requestedUrls());
  }

  static String run(String... command) {
    List<String> args = new ArrayList<>(List.of("--config", dir.resolve("config.yaml").toString(), "--mirror", mirror.toString()));
    args.addAll(List.of(command));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }

  static String url(String path) {
    return site.root().resolve(path).toString();
  }

  @Test
  void aUrlCrashingTwoRunsIsQuarantinedAndStatusAndTheReportSaySo() {
    assertThat(codes.subList(0, 2)).as(String.join("\n---\n", said)).containsExactly(1, 1);
    assertThat(requested.get(0)).contains(crashing);
    assertThat(requested.get(1)).contains(crashing);
    assertThat(said.get(1)).contains(url(crashing) + ": " + QUARANTINED);

    assertThat(statusText.lines().filter(l -> l.contains(url(crashing)))).singleElement()
        .satisfies(l -> assertThat(l).contains("(" + QUARANTINED));
    assertThat(statusText).contains("failing  ");
    JsonNode failing = statusJson.get("failing");
    assertThat(failing.findValuesAsText("url")).contains(url(crashing));
    assertThat(secondReport.get("failures").findValuesAsText("url")).contains(url(crashing));
    for (JsonNode f : secondReport.get("failures")) {
      if (f.get("url").asText().equals(url(crashing))) assertThat(f.get("error").asText()).startsWith(QUARANTINED);
    }
  }

  @Test
  void retryFailedFetchesTheQuarantinedUrlAgainAndRecordsIt() throws Exception {
    assertThat(codes.get(2)).as(said.get(2)).isZero();
    assertThat(requested.get(2)).contains(crashing);
    String id = crashing.substring(crashing.indexOf("article") + "article".length());
    assertThat(mirror.resolve("articles").resolve(id + ".json")).isRegularFile();
    assertThat(run("status")).doesNotContain(url(crashing));
    StringWriter out = new StringWriter();
    assertThat(Main.run(new String[] {"--mirror", mirror.toString(), "verify"}, new PrintWriter(out), new PrintWriter(out)))
        .as(out.toString()).isZero();
  }

  @Test
  void aPageOverMaxBodySizeIsCountedAndNamedByStatusInTextAndJson() {
    assertThat(requested.get(0)).contains(oversize);
    assertThat(said.get(0)).contains(url(oversize) + ": " + SKIPPED);
    assertThat(statusText.lines().filter(l -> l.contains(url(oversize)))).singleElement()
        .satisfies(l -> assertThat(l).contains("(" + SKIPPED));
    assertThat(statusText).containsPattern("failing +2 URLs:");
    JsonNode failing = statusJson.get("failing");
    assertThat(failing).hasSize(2);
    for (JsonNode f : failing) {
      if (f.get("url").asText().equals(url(oversize))) assertThat(f.get("last_error").asText()).startsWith(SKIPPED);
    }
    assertThat(failing.findValuesAsText("url")).contains(url(oversize));
    assertThat(firstReport.get("failures")).anySatisfy(f -> {
      assertThat(f.get("url").asText()).isEqualTo(url(oversize));
      assertThat(f.get("error").asText()).startsWith(SKIPPED);
    });
  }

  @Test
  void aPageOverMaxBodySizeIsNotFetchedAgainUntilTheLimitIsRaised() {
    assertThat(requested.get(1)).doesNotContain(oversize);
    assertThat(requested.get(2)).doesNotContain(oversize);
    assertThat(said.get(3)).contains("1 URLs skipped as over a smaller max_body_size are tried again");
    assertThat(requested.get(3)).contains(oversize);
    assertThat(statusAfterRaise).doesNotContain(SKIPPED);
  }
}
