package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.crawl.CrawlState;
import org.spiparchiver.model.Json;

/** {@code crawl --max-duration} stops the run on time even while a server drips a body far more slowly. */
class MaxDurationTest {
  static final Duration LIMIT = Duration.ofSeconds(3);
  /** One byte per tick: the 10,000-byte page would take over half an hour, under every read timeout. */
  static final Duration TICK = Duration.ofMillis(200);
  /** The dripping handler gives up by itself after this, so that the server never outlives the test. */
  static final Duration DRIP_AT_MOST = Duration.ofSeconds(30);

  @TempDir Path dir;
  HttpServer server;
  ExecutorService handlers;
  final List<String> requested = new CopyOnWriteArrayList<>();

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    handlers = Executors.newCachedThreadPool();
    server.setExecutor(handlers);
    server.createContext("/", exchange -> {
      requested.add(exchange.getRequestURI().toString());
      if (exchange.getRequestURI().getPath().equals("/robots.txt")) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, 10_000);
      long end = System.nanoTime() + DRIP_AT_MOST.toNanos();
      try (OutputStream body = exchange.getResponseBody()) {
        while (System.nanoTime() < end) {
          body.write('x');
          body.flush();
          Thread.sleep(TICK.toMillis());
        }
      } catch (IOException | InterruptedException e) {
        // the crawler hung up
      }
    });
    server.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.stop(0);
    handlers.shutdownNow();
    handlers.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void stopsOnTimeDuringASlowlyDrippedBodyAndLeavesThePageForTheNextRun() throws Exception {
    URI site = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    Path mirror = dir.resolve("mirror");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    long start = System.nanoTime();
    int code = Main.run(new String[] {"--site", site.toString(), "--mirror", mirror.toString(), "crawl",
        "--max-duration", "3s", "--delay", "10ms", "--no-index"}, new PrintWriter(out), new PrintWriter(err));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(code).as(out + "" + err).isZero();
    assertThat(elapsed).isGreaterThanOrEqualTo(LIMIT).isLessThan(LIMIT.plusSeconds(10));
    Path report;
    try (Stream<Path> runs = Files.list(mirror.resolve("runs"))) {
      report = runs.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    JsonNode r = Json.mapper().readTree(report.toFile());
    assertThat(r.get("exit_code").asInt()).isZero();
    assertThat(r.get("outcome").asText()).isEqualTo("limit_reached");
    assertThat(r.get("reason").asText()).isEqualTo("--max-duration 3s reached");
    assertThat(r.get("failures")).isEmpty();
    // The page being dripped when time ran out is no failure of the site: still to fetch, next run.
    String dripped = requested.stream().filter(u -> !u.equals("/robots.txt")).findFirst().orElseThrow();
    try (CrawlState state = CrawlState.open(mirror.resolve("crawl.db"))) {
      CrawlState.UrlRow row = state.get(site.resolve(dripped.substring(1))).orElseThrow();
      assertThat(row.status()).isEqualTo(CrawlState.Status.PENDING);
      assertThat(state.failingUrls()).isEmpty();
    }
  }
}
