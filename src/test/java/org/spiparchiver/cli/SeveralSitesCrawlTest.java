package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.model.Json;
import org.spiparchiver.testing.FixtureSite;

/**
 * Two fixture sites served at once on two loopback ports, crawled by one {@code crawl} into one
 * archive: each completely, each host's delay kept with one request in flight, both at the same time.
 */
class SeveralSitesCrawlTest {
  static final Duration DELAY = Duration.ofMillis(10);

  @TempDir static Path dir;
  static FixtureSite escal;
  static FixtureSite spip4;
  static Path mirror;
  static int code;
  static String out;
  static String err;

  @BeforeAll
  static void crawlBoth() throws IOException {
    escal = FixtureSite.builder("escal-dev").withoutCrawlDelay().start();
    spip4 = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start();
    mirror = dir.resolve("mirror");
    Files.writeString(dir.resolve("config.yaml"), "sites:\n"
        + "  - url: " + escal.root() + "\n    name: escal\n"
        + "  - url: " + spip4.root() + "\n    name: spip4\n");
    code = run("crawl", "--delay", DELAY.toMillis() + "ms");
  }

  @AfterAll
  static void stop() {
    escal.close();
    spip4.close();
  }

  static int run(String... args) {
    List<String> all = new ArrayList<>(List.of("--config", dir.resolve("config.yaml").toString(), "--mirror", mirror.toString(),
        "--index", dir.resolve("index").toString()));
    all.addAll(List.of(args));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int c = Main.run(all.toArray(String[]::new), new PrintWriter(o), new PrintWriter(e));
    out = o.toString();
    err = e.toString();
    return c;
  }

  @Test
  void crawlsTwoSitesSideBySideEachCompletely() throws IOException {
    assertThat(code).as(out + err).isZero();
    ArticleRecords first = new ArticleRecords(mirror);
    ArticleRecords second = new ArticleRecords(mirror.resolve("sites/spip4"));
    assertThat(new HashSet<>(first.ids())).isEqualTo(escal.publicArticleIds());
    assertThat(new HashSet<>(second.ids())).isEqualTo(spip4.publicArticleIds());
    assertThat(first.read(first.ids().get(0)).orElseThrow().site()).isEqualTo("escal");
    assertThat(second.read(second.ids().get(0)).orElseThrow().site()).isEqualTo("spip4");
    assertThat(out).contains("escal (" + escal.root() + "):").contains("spip4 (" + spip4.root() + "):");
  }

  @Test
  void eachHostKeepsItsDelayWithOneRequestInFlightWhileBothAreFetchedAtOnce() {
    for (FixtureSite site : List.of(escal, spip4)) {
      List<FixtureSite.Exchange> ex = site.exchanges();
      assertThat(site.maxInFlight()).isEqualTo(1);
      // Start to start: the server's end stamps lag behind the bytes on a busy machine, its start stamps do not
      // make a gap shorter than it was (the delay-after-the-end itself is CrawlerTest's, on one site).
      for (int i = 1; i < ex.size(); i++) {
        assertThat(ex.get(i).startNanos() - ex.get(i - 1).startNanos()).as("gap before " + ex.get(i).url())
            .isGreaterThanOrEqualTo(DELAY.toNanos());
      }
    }
    List<FixtureSite.Exchange> a = escal.exchanges();
    List<FixtureSite.Exchange> b = spip4.exchanges();
    // The smaller site's whole crawl lies within the larger one's: they ran side by side, not one after the other.
    assertThat(b.get(0).startNanos()).isLessThan(a.get(a.size() - 1).startNanos());
    assertThat(a.get(0).startNanos()).isLessThan(b.get(b.size() - 1).startNanos());
  }

  @Test
  void oneReportWithASectionPerSite() throws IOException {
    Path report;
    try (Stream<Path> s = Files.list(mirror.resolve("runs"))) {
      report = s.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
    }
    JsonNode r = Json.mapper().readTree(report.toFile());
    assertThat(r.get("exit_code").asInt()).isZero();
    Set<String> keys = new HashSet<>();
    long requests = 0;
    for (JsonNode s : r.get("sites")) {
      keys.add(s.get("site").asText());
      requests += s.get("requests").asLong();
    }
    assertThat(keys).containsExactlyInAnyOrder("escal", "spip4");
    assertThat(r.get("requests").asLong()).isEqualTo(requests);
    assertThat(Files.exists(mirror.resolve("sites/spip4/runs"))).isFalse();
  }

  @Test
  void aLoneSiteTheArchiveDoesNotHoldIsRefused() throws IOException {
    int before = escal.exchanges().size();
    assertThat(run("--site", "http://127.0.0.1:9/", "crawl")).isEqualTo(2);
    assertThat(err).contains("none of the sites given").doesNotContain("Exception");
    assertThat(escal.exchanges()).hasSize(before);
  }

  @Test
  void onlyCrawlsOneSiteAndAnUnknownOneIsNamed() throws IOException {
    assertThat(run("crawl", "--only", "nowhere")).isEqualTo(2);
    assertThat(err).contains("--only nowhere: not a site of the configuration").contains("escal").contains("spip4");
  }

  @Test
  void aDeadSiteDoesNotStopTheOther(@TempDir Path other) throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (FixtureSite small = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start()) {
      List<String> args = List.of("--site", small.root().toString(), "--site", "http://127.0.0.1:" + closed + "/",
          "--mirror", other.resolve("m").toString(), "--index", other.resolve("i").toString(), "crawl", "--delay", "2ms",
          "--no-index");
      StringWriter o = new StringWriter();
      StringWriter e = new StringWriter();
      int c = Main.run(args.toArray(String[]::new), new PrintWriter(o), new PrintWriter(e));
      assertThat(c).as(o + "" + e).isEqualTo(1);
      assertThat(new HashSet<>(new ArticleRecords(other.resolve("m")).ids())).isEqualTo(small.publicArticleIds());
      JsonNode r;
      try (Stream<Path> s = Files.list(other.resolve("m/runs"))) {
        r = Json.mapper().readTree(s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow().toFile());
      }
      List<String> outcomes = new ArrayList<>();
      for (JsonNode s : r.get("sites")) outcomes.add(s.get("site").asText() + "=" + s.get("outcome").asText());
      assertThat(outcomes).contains("127.0.0.1_" + closed + "=unreachable")
          .anySatisfy(x -> assertThat(x).endsWith("=complete"));
    }
  }
}
