package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.Warcinfo;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.testing.FixtureSite;

/**
 * Two sites of one archive that share a host (the second lists the first's host among its
 * {@code extra_hosts}, as two sites sharing a CDN would): that host never has two requests in
 * flight, because the two sites are then crawled one after the other, each completely.
 */
class SitesSharingAHostTest {
  @TempDir static Path dir;
  static FixtureSite shared;
  static FixtureSite other;
  static int code;
  static String said;

  @BeforeAll
  static void crawlBoth() throws IOException {
    shared = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start();
    other = FixtureSite.builder("escal-dev").withoutCrawlDelay().start();
    Files.writeString(dir.resolve("config.yaml"), "sites:\n"
        + "  - url: " + shared.root() + "\n    name: first\n"
        + "  - url: " + other.root() + "\n    name: second\n    extra_hosts: [" + shared.root().getHost() + "]\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    code = Main.run(new String[] {"--config", dir.resolve("config.yaml").toString(),
        "--mirror", dir.resolve("m").toString(), "crawl", "--delay", "20ms", "--no-index"},
        new PrintWriter(out), new PrintWriter(err));
    said = out + "" + err;
  }

  @AfterAll
  static void stop() {
    shared.close();
    other.close();
  }

  @Test
  void sitesSharingAHostNeverHaveTwoRequestsInFlightToIt() throws IOException {
    assertThat(code).as(said).isZero();
    assertThat(new HashSet<>(new ArticleRecords(dir.resolve("m")).ids())).isEqualTo(shared.publicArticleIds());
    assertThat(new HashSet<>(new ArticleRecords(dir.resolve("m/sites/second")).ids())).isEqualTo(other.publicArticleIds());
    assertThat(shared.maxInFlight()).isEqualTo(1);
    // The servers' own journals: every request the second site sent came after the first site's last
    // had been answered, or before its first; never while one of them was open.
    List<FixtureSite.Exchange> a = shared.exchanges();
    List<FixtureSite.Exchange> b = other.exchanges();
    long aStart = a.get(0).startNanos();
    long aEnd = a.get(a.size() - 1).endNanos();
    long bStart = b.get(0).startNanos();
    long bEnd = b.get(b.size() - 1).endNanos();
    assertThat(bStart > aEnd || aStart > bEnd).as("one site's crawl lies wholly before the other's: %s-%s vs %s-%s",
        aStart, aEnd, bStart, bEnd).isTrue();
  }

  @Test
  void eachSitesWarcFilesSayWhichSiteTheyAreOf() throws IOException {
    assertThat(warcinfo(dir.resolve("m/warc"))).contains("isPartOf: " + shared.root()).contains("site: first");
    assertThat(warcinfo(dir.resolve("m/sites/second/warc"))).contains("isPartOf: " + other.root()).contains("site: second");
  }

  /** The fields of the first warcinfo record of the folder's first WARC file. */
  private static String warcinfo(Path warcDir) throws IOException {
    Path file;
    try (Stream<Path> s = Files.list(warcDir)) {
      file = s.filter(p -> p.toString().endsWith(".warc.gz")).sorted().findFirst().orElseThrow();
    }
    try (WarcReader r = new WarcReader(file)) {
      Warcinfo info = (Warcinfo) r.next().orElseThrow();
      return new String(info.body().stream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
