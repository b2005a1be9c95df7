package org.spiparchiver.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.testing.FixtureSite;

/**
 * {@code verify} while a real crawl writes into the mirror (a first crawl in another thread,
 * appending records, CDXJ lines, crawl.db rows and article records as it goes): no false problem
 * (a pointer at a record appended after verify read the file is not one), and nothing written by verify.
 */
class VerifyDuringCrawlTest {
  /** How long one page keeps the crawl waiting: room for two snapshots of the mirror and a verify on a loaded machine. */
  private static final int STALL_MS = 5000;
  /** The mirror unchanged this long while the crawl waits: its offline-copy thread has written what it had. */
  private static final int QUIET_MS = 200;
  /** Bound on any wait of the test (the crawl takes a few seconds). */
  private static final long WAIT_SECONDS = 60;

  @TempDir Path work;

  static int run(FixtureSite site, Path mirror, StringWriter out, String... args) {
    String[] all = Stream.concat(Stream.of("--site", site.root().toString(), "--mirror", mirror.toString(), "--index",
        mirror.resolveSibling("index").toString()), Stream.of(args)).toArray(String[]::new);
    return Main.run(all, new PrintWriter(out, true), new PrintWriter(out, true));
  }

  static long warcBytes(Path mirror) throws Exception {
    long n = 0;
    for (Path f : WarcArchive.files(mirror.resolve("warc"))) n += Files.size(f);
    return n;
  }

  @Test
  void verifyDuringACrawlFindsTheArchiveIntactAndWritesNothing() throws Exception {
    try (FixtureSite site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start()) {
      Path mirror = work.resolve("mirror");
      int last = site.publicArticleIds().stream().max(Integer::compare).orElseThrow();
      String stalled = "/spip.php?article" + last;
      // The page as the site serves it, only late: the crawl waits on it in the middle of its run.
      site.failFirst(stalled, 1, aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
          .withBody(site.body(stalled)).withFixedDelay(STALL_MS));
      StringWriter crawlOut = new StringWriter();
      CompletableFuture<Integer> crawl = CompletableFuture.supplyAsync(() -> run(site, mirror, crawlOut, "crawl", "--delay", "5ms"));

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (!site.inFlight(stalled) && !crawl.isDone() && System.nanoTime() < deadline) Thread.sleep(5);
      assertThat(site.inFlight(stalled)).as("the crawl reached " + stalled + ": " + crawlOut).isTrue();
      assertThat(warcBytes(mirror)).as("records already appended").isPositive();
      // The offline copy is written behind the crawl, on its own thread: wait until it has caught up.
      Map<String, String> quiet = VerifyCommandTest.tree(work);
      for (Map<String, String> was = null; !quiet.equals(was) && System.nanoTime() < deadline; ) {
        was = quiet;
        Thread.sleep(QUIET_MS);
        quiet = VerifyCommandTest.tree(work);
      }
      StringWriter out = new StringWriter();
      assertThat(run(site, mirror, out, "verify")).as(out.toString()).isZero();
      assertThat(out.toString()).contains(": intact").contains("index     not compared: a crawl is running");
      Map<String, String> after = VerifyCommandTest.tree(work);
      assertThat(site.inFlight(stalled)).as("the crawl still waited on the page: the snapshots bracket only verify").isTrue();
      assertThat(after).as("verify wrote nothing").isEqualTo(quiet);

      // Then while the crawl appends a record every few milliseconds. The crawl updates the index after
      // it releases the lock, so these runs leave the index out (an --index where there is none): a
      // verify between the two would rightly find it behind the records.
      int runs = 0;
      while (!crawl.isDone()) {
        StringWriter each = new StringWriter();
        assertThat(Main.run(new String[] {"--site", site.root().toString(), "--mirror", mirror.toString(), "--index",
            work.resolve("no-index").toString(), "verify", runs % 2 == 0 ? "--json" : "--quick"},
            new PrintWriter(each, true), new PrintWriter(each, true))).as(each.toString()).isZero();
        runs++;
      }
      assertThat(crawl.get(WAIT_SECONDS, TimeUnit.SECONDS)).as(crawlOut.toString()).isZero();
      assertThat(runs).as("verify runs while the crawl wrote").isPositive();
      out = new StringWriter();
      assertThat(run(site, mirror, out, "verify")).as(out.toString()).isZero();
      assertThat(out.toString()).contains(": intact");
    }
  }
}
