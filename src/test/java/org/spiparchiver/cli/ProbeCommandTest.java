package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.model.Json;
import org.spiparchiver.testing.FixtureSite;

/** {@code probe} against the captured Escal site (one server for the class) and small hand-made sites. */
class ProbeCommandTest {
  private static final long DELAY_MS = 60;
  private static Site escal;

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void startSite() throws Exception {
    escal = Site.capture("escal-dev");
  }

  @AfterAll
  static void stopSite() {
    escal.close();
  }

  @BeforeEach
  void resetJournal() {
    escal.requests.clear();
    escal.exchanges.clear();
  }

  int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void fetchesRobotsFirstThenTheHomePageThenTheSampleWithTheCrawlDelay(@TempDir Path dir) {
    Path mirror = dir.resolve("mirror");
    int code = run("--site", escal.root(), "--mirror", mirror.toString(), "probe", "--sample", "3",
        "--delay", DELAY_MS + "ms");
    assertThat(code).as(err.toString()).isZero();
    List<Exchange> ex = List.copyOf(escal.exchanges);
    assertThat(ex).extracting(Exchange::url).startsWith("/robots.txt", "/").hasSize(5);
    assertThat(ex.subList(2, 5)).extracting(Exchange::url).allMatch(u -> u.matches("/spip\\.php\\?article\\d+.*"));
    assertThat(ex).extracting(Exchange::userAgent).allMatch(ua -> ua.startsWith("spip-archiver/"));
    // The delay counts from the end of each response as the client reads it; the server sees the
    // next request start at least that long after the previous one started (its own end time can
    // be late on a loaded machine: the thread that wrote the response may be descheduled).
    for (int i = 1; i < ex.size(); i++) {
      long gapMs = (ex.get(i).startNanos() - ex.get(i - 1).startNanos()) / 1_000_000;
      assertThat(gapMs).as("start to start before " + ex.get(i).url()).isGreaterThanOrEqualTo(DELAY_MS);
    }
    assertThat(out.toString()).contains("template escal on 3/3 pages; title 3/3, published 3/3, text 3/3")
        .contains("issue 3/3");
    assertThat(mirror).as("nothing written to the mirror").doesNotExist();
  }

  @Test
  void printsJsonForScripts(@TempDir Path dir) throws Exception {
    int code = run("--site", escal.root(), "--mirror", dir.resolve("m").toString(), "probe", "--sample", "2",
        "--delay", "5ms", "--json");
    assertThat(code).as(err.toString()).isZero();
    JsonNode json = Json.mapper().readTree(out.toString());
    assertThat(json.get("outcome").asText()).isEqualTo("OK");
    assertThat(json.get("articles")).hasSize(2);
    JsonNode first = json.get("articles").get(0);
    assertThat(first.get("template").asText()).isEqualTo("escal");
    assertThat(publicIds("escal-dev")).contains(first.get("id").asInt());
    assertThat(first.get("found").toString()).contains("title", "published", "text");
  }

  @Test
  void saysWhichArticleLacksItsDateOrTextAndExitsOne(@TempDir Path dir) throws Exception {
    try (Site site = new Site(Map.of(
        "/robots.txt", "User-agent: *\nDisallow: /ecrire/\n",
        "/", "<html><body><a href='spip.php?article5'>Un article</a></body></html>",
        "/spip.php?article5", "<html lang=fr><head><title>Sans date - Site</title></head><body class='page_article article5'>"
            + "<div id='titre-article'>Sans date</div></body></html>"))) {
      int code = run("--site", site.root(), "--mirror", dir.resolve("m").toString(), "probe", "--delay", "1ms");
      assertThat(code).as(err.toString()).isEqualTo(1);
      assertThat(out.toString()).contains("template escal on 1/1 pages; title 1/1, published 0/1, text 0/1")
          .contains("some articles lack a title, date or text").contains("spip.php?article5: published, text");
    }
  }

  @Test
  void anArticleWhoseGzipDoesNotDecodeIsNamedNotACrash(@TempDir Path dir) throws Exception {
    try (Site site = new Site(Map.of(
        "/robots.txt", "User-agent: *\nDisallow: /ecrire/\n",
        "/", "<html><body><a href='spip.php?article5'>Un article</a></body></html>",
        "/spip.php?article5", "not gzip at all"))) {
      site.claimGzip("/spip.php?article5");
      int code = run("--site", site.root(), "--mirror", dir.resolve("m").toString(), "probe", "--delay", "1ms");
      assertThat(code).as(err.toString()).isEqualTo(1);
      assertThat(out.toString()).contains("spip.php?article5").contains("undecodable body");
      assertThat(err.toString()).doesNotContain("Exception");
    }
  }

  @Test
  void robotsForbiddingEverythingExitsFour(@TempDir Path dir) throws Exception {
    try (Site site = new Site(Map.of("/robots.txt", "User-agent: *\nDisallow: /\n", "/", "<html></html>"))) {
      int code = run("--site", site.root(), "--mirror", dir.resolve("m").toString(), "probe", "--delay", "1ms");
      assertThat(code).isEqualTo(4);
      assertThat(err.toString()).contains("disallows the site").doesNotContain("Exception");
      assertThat(site.requests).containsExactly("/robots.txt");
    }
  }

  @Test
  void anUnreachableSiteExitsFour(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    int code = run("--site", "http://127.0.0.1:" + port + "/", "--mirror", dir.resolve("m").toString(), "probe", "--delay", "1ms");
    assertThat(code).isEqualTo(4);
    assertThat(err.toString()).contains("unreachable").doesNotContain("Exception");
  }

  @Test
  void aSampleBelowOneIsAUsageError(@TempDir Path dir) {
    assertThat(run("--site", "http://127.0.0.1:9/", "--mirror", dir.toString(), "probe", "--sample", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--sample");
  }

  /** The public article ids of a fixture (truth.jsonl). */
  static List<Integer> publicIds(String fixture) throws java.io.IOException {
    List<Integer> ids = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(FixtureSite.FIXTURES.resolve(fixture).resolve("truth.jsonl"))) {
      if (line.isBlank()) continue;
      JsonNode n = Json.mapper().readTree(line);
      if ("publie".equals(n.get("status").asText())) ids.add(n.get("id").asInt());
    }
    return ids;
  }

  record Exchange(String url, String userAgent, long startNanos, long endNanos) {}

  private record Response(int status, String contentType, byte[] body) {}

  /**
   * A site on the JDK's HTTP server (starts in milliseconds): path + query to a response, 404
   * otherwise; each exchange is logged with its user agent and its start and end as the server sees them.
   */
  static final class Site implements AutoCloseable {
    final HttpServer server;
    final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<Exchange> exchanges = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Response> responses = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> claimsGzip = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Site(Map<String, String> pages) throws java.io.IOException {
      pages.forEach((k, v) -> responses.put(k, new Response(200, k.equals("/robots.txt") ? "text/plain" : "text/html; charset=utf-8",
          v.getBytes(StandardCharsets.UTF_8))));
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", x -> {
        long start = System.nanoTime();
        String key = x.getRequestURI().getRawPath() + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery());
        requests.add(key);
        Response r = responses.getOrDefault(key, new Response(404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8)));
        x.getResponseHeaders().add("Content-Type", r.contentType());
        if (claimsGzip.contains(key)) x.getResponseHeaders().add("Content-Encoding", "gzip");
        x.sendResponseHeaders(r.status(), r.body().length);
        x.getResponseBody().write(r.body());
        x.close();
        exchanges.add(new Exchange(key, x.getRequestHeaders().getFirst("User-Agent"), start, System.nanoTime()));
      });
      server.start();
    }

    /** Serves a captured fixture site (its 200 responses; robots.txt without its Crawl-delay line). */
    static Site capture(String fixture) throws java.io.IOException {
      Path dir = FixtureSite.FIXTURES.resolve(fixture);
      JsonNode index = Json.mapper().readTree(dir.resolve("index.json").toFile());
      Site site = new Site(Map.of());
      String origin = index.get("origin").asText();
      String here = site.root().substring(0, site.root().length() - 1);
      for (JsonNode r : index.get("responses")) {
        if (r.get("status").asInt() != 200) continue;
        String type = "application/octet-stream";
        for (JsonNode h : r.get("headers")) {
          if (h.get(0).asText().equalsIgnoreCase("Content-Type")) type = h.get(1).asText();
        }
        byte[] body = Files.readAllBytes(dir.resolve(r.get("body").asText()));
        if (type.startsWith("text/")) {
          String text = new String(body, StandardCharsets.UTF_8).replace(origin, here);
          if (r.get("url").asText().equals("/robots.txt")) text = text.replaceAll("(?im)^crawl-delay:.*$", "");
          body = text.getBytes(StandardCharsets.UTF_8);
        }
        site.responses.putIfAbsent(r.get("url").asText(), new Response(200, type, body));
      }
      return site;
    }

    /** The page at {@code pathAndQuery} is sent with {@code Content-Encoding: gzip} whatever its bytes. */
    void claimGzip(String pathAndQuery) {
      claimsGzip.add(pathAndQuery);
    }

    String root() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
