package org.spiparchiver.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.spiparchiver.model.Json;

/**
 * A captured SPIP site ({@code src/test/resources/fixtures/NAME}: index.json + bodies/) served by an
 * in-process WireMock on loopback, with the capture's origin rewritten to the server's address.
 *
 * <p>The whole capture is one routing stub (lowest priority) that answers from an in-memory map, so
 * a start costs one Jetty start, not one stub per captured URL; stubs a test adds with
 * {@link #server()} or {@link #failFirst} take precedence. A test class can share one site and call
 * {@link #reset()} between tests: it drops every stub, scenario, {@link #replace} and the journal.
 *
 * <p>Overlays change the site between two crawls: a folder in the capture's format, or single
 * responses, replace or add URLs (a 404 entry removes a page). Faults can be put in front of any
 * URL for its first N requests. Every request is journaled with {@link System#nanoTime()} at its
 * start and end, and the number of requests in flight is tracked, so politeness can be asserted.
 * With {@link Builder#withStaticValidators()}, static files answer 304 to a matching
 * If-None-Match / If-Modified-Since as on Apache (SPIP pages never do), like the replay server.
 */
public final class FixtureSite implements AutoCloseable {
  public static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  private static final Pattern BINARY = Pattern.compile(".*\\.(jpe?g|png|gif|pdf|webp|ico|bin|otf|ttf|woff2?)$");
  private static final Set<String> DROPPED_HEADERS = Set.of("host", "date", "connection", "content-length", "transfer-encoding");
  private static final String ROUTER = "fixture-routes";
  /** Unlisted URLs: the 404 page of a SPIP site, as the replay server answers. */
  private static final byte[] NOT_FOUND =
      "<!DOCTYPE html><html><head><title>404</title></head><body><h1>Page introuvable</h1></body></html>"
          .getBytes(StandardCharsets.UTF_8);
  /** The fixed Last-Modified of static files served with validators. */
  private static final String STATIC_DATE = "Tue, 14 Nov 2023 22:13:20 GMT";
  /** Captures read once per JVM (escal-dev is 33 MB); each start rewrites the origin in a copy. */
  private static final Map<Path, Capture> CAPTURES = new ConcurrentHashMap<>();

  /** One request as the server saw it. */
  public record Exchange(String url, String userAgent, long startNanos, long endNanos, int status) {}

  /** One response of a capture or an overlay. */
  public record Entry(int status, List<String[]> headers, byte[] body) {}

  /** Unmatched requests are normal here (a crawler asks for what it finds): no near-miss reports on stdout. */
  private static final com.github.tomakehurst.wiremock.common.Notifier SILENT = new com.github.tomakehurst.wiremock.common.Notifier() {
    @Override
    public void info(String message) {}

    @Override
    public void error(String message) {}

    @Override
    public void error(String message, Throwable t) {}
  };

  private final String name;
  private final WireMockServer server;
  private final Journal journal;
  private final Router router;

  private FixtureSite(String name, WireMockServer server, Journal journal, Router router) {
    this.name = name;
    this.server = server;
    this.journal = journal;
    this.router = router;
  }

  public static Builder builder(String fixture) {
    return new Builder(fixture);
  }

  /** The site's root URL, e.g. {@code http://127.0.0.1:34567/}. */
  public URI root() {
    return URI.create("http://127.0.0.1:" + server.port() + "/");
  }

  public WireMockServer server() {
    return server;
  }

  /** Responses (by path + query) of the capture, overlays and replacements, as served now. */
  public Map<String, Entry> routes() {
    return router.routes;
  }

  public List<Exchange> exchanges() {
    return List.copyOf(journal.exchanges);
  }

  /** Path + query of every request, in order. */
  public List<String> requestedUrls() {
    return journal.exchanges.stream().map(Exchange::url).toList();
  }

  public int maxInFlight() {
    return journal.maxInFlight.get();
  }

  public void resetJournal() {
    journal.exchanges.clear();
  }

  /**
   * Back to the site as built, for the next test of a class sharing it: stubs added through
   * {@link #server()} or {@link #failFirst}, their scenarios and {@link #replace}ments are dropped,
   * the journal and the in-flight maximum are cleared.
   */
  public void reset() {
    server.resetMappings();
    server.resetScenarios();
    server.resetRequests();
    router.restore();
    server.stubFor(routingStub());
    journal.exchanges.clear();
    journal.maxInFlight.set(0);
  }

  private static com.github.tomakehurst.wiremock.client.MappingBuilder routingStub() {
    return any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(ROUTER));
  }

  /** The ids of the articles the site's database says are public (truth.jsonl, status "publie"). */
  public Set<Integer> publicArticleIds() {
    return articleIds(true);
  }

  public Set<Integer> nonPublicArticleIds() {
    return articleIds(false);
  }

  private Set<Integer> articleIds(boolean published) {
    Set<Integer> ids = new TreeSet<>();
    try {
      for (String line : Files.readAllLines(FIXTURES.resolve(name).resolve("truth.jsonl"))) {
        if (line.isBlank()) continue;
        JsonNode n = Json.mapper().readTree(line);
        if ("publie".equals(n.get("status").asText()) == published) ids.add(n.get("id").asInt());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  /** The body served at {@code pathAndQuery}, as text (origin already this server's). */
  public String body(String pathAndQuery) {
    return new String(router.routes.get(pathAndQuery).body(), StandardCharsets.UTF_8);
  }

  /**
   * Changes the running site, as an editor would between two crawls: {@code pathAndQuery} answers
   * {@code status} with {@code body} from now on (a new page, an edited one, or a 404 for a removed one).
   */
  public void replace(String pathAndQuery, int status, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    router.routes.put(pathAndQuery, new Entry(status, List.<String[]>of(new String[] {"Content-Type", contentType}), bytes));
  }

  /**
   * The first {@code times} requests to {@code pathAndQuery} get {@code fault} (a WireMock response:
   * status, Retry-After, {@code withFault(...)}, {@code withChunkedDribbleDelay}…), later ones the capture.
   */
  public void failFirst(String pathAndQuery, int times, ResponseDefinitionBuilder fault) {
    String scenario = "fault " + pathAndQuery;
    for (int i = 0; i < times; i++) {
      server.stubFor(any(urlEqualTo(pathAndQuery)).atPriority(1)
          .inScenario(scenario)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "after " + i)
          .willSetStateTo("after " + (i + 1))
          .willReturn(fault));
    }
  }

  @Override
  public void close() {
    server.stop();
  }

  public static final class Builder {
    private final String fixture;
    private final List<Path> overlays = new ArrayList<>();
    private final Map<String, Entry> overrides = new LinkedHashMap<>();
    private boolean withoutCrawlDelay;
    private boolean staticValidators;

    private Builder(String fixture) {
      this.fixture = fixture;
    }

    /** Serves robots.txt without its Crawl-delay line, so tests can crawl with a delay of a few ms. */
    public Builder withoutCrawlDelay() {
      withoutCrawlDelay = true;
      return this;
    }

    /**
     * Static files (not spip.php, /, robots.txt, sitemap.xml) get an ETag and a Last-Modified and
     * answer 304 to a matching conditional request, as Apache does in front of SPIP.
     */
    public Builder withStaticValidators() {
      staticValidators = true;
      return this;
    }

    /** A folder in the capture's format whose entries replace or add URLs. */
    public Builder overlay(Path folder) {
      overlays.add(folder);
      return this;
    }

    /** Replaces or adds one URL (path + query); the body may use ORIGIN, rewritten like the capture's. */
    public Builder override(String pathAndQuery, int status, String contentType, String body) {
      List<String[]> headers = new ArrayList<>();
      headers.add(new String[] {"Content-Type", contentType});
      overrides.put(pathAndQuery, new Entry(status, headers, body.getBytes(StandardCharsets.UTF_8)));
      return this;
    }

    public FixtureSite start() {
      Journal journal = new Journal();
      Router router = new Router(staticValidators);
      WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().jettyAcceptors(1)
          .disableRequestJournal().extensions(journal, router).notifier(SILENT));
      server.start();
      String origin = "http://127.0.0.1:" + server.port();
      Map<String, Entry> routes = new LinkedHashMap<>();
      Capture main = capture(FIXTURES.resolve(fixture));
      main.copyInto(routes, origin);
      for (Path o : overlays) capture(o).copyInto(routes, origin);
      overrides.forEach((url, e) -> routes.put(url, new Entry(e.status(), e.headers(),
          new String(e.body(), StandardCharsets.UTF_8).replace("ORIGIN", origin).getBytes(StandardCharsets.UTF_8))));
      if (withoutCrawlDelay && routes.containsKey("/robots.txt")) {
        Entry r = routes.get("/robots.txt");
        String text = new String(r.body(), StandardCharsets.UTF_8).replaceAll("(?im)^Crawl-delay:.*\\R", "");
        routes.put("/robots.txt", new Entry(r.status(), r.headers(), text.getBytes(StandardCharsets.UTF_8)));
      }
      router.init(routes, main.origin, origin);
      server.stubFor(routingStub());
      return new FixtureSite(fixture, server, journal, router);
    }

    private static Capture capture(Path folder) {
      return CAPTURES.computeIfAbsent(folder.toAbsolutePath().normalize(), Capture::read);
    }
  }

  /** A capture folder as read from disk, with its own origin still in the bodies. */
  private record Capture(String origin, Map<String, Entry> entries, Set<String> binary) {
    static Capture read(Path folder) {
      try {
        JsonNode index = Json.mapper().readTree(folder.resolve("index.json").toFile());
        Map<String, Entry> entries = new LinkedHashMap<>();
        Set<String> binary = new java.util.HashSet<>();
        for (JsonNode r : index.get("responses")) {
          String bodyFile = r.get("body").asText();
          String url = r.get("url").asText();
          if (BINARY.matcher(bodyFile).matches()) binary.add(url);
          List<String[]> headers = new ArrayList<>();
          for (JsonNode h : r.get("headers")) headers.add(new String[] {h.get(0).asText(), h.get(1).asText()});
          entries.put(url, new Entry(r.get("status").asInt(), headers, Files.readAllBytes(folder.resolve(bodyFile))));
        }
        return new Capture(index.get("origin").asText(), entries, binary);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read fixture " + folder, e);
      }
    }

    /** Adds (or replaces) this capture's responses in {@code routes}, bodies rewritten to {@code to}. */
    void copyInto(Map<String, Entry> routes, String to) {
      entries.forEach((url, e) -> routes.put(url, binary.contains(url) ? e
          : new Entry(e.status(), e.headers(), replace(e.body(), origin, to))));
    }

    private static byte[] replace(byte[] body, String from, String to) {
      String s = new String(body, StandardCharsets.ISO_8859_1);
      return s.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  /** The routing stub's answer: the response listed for the request's path + query, or the 404 page. */
  static final class Router implements ResponseDefinitionTransformerV2 {
    final Map<String, Entry> routes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final boolean staticValidators;
    private Map<String, Entry> initial = Map.of();
    private String captureOrigin = "";
    private String origin = "";

    Router(boolean staticValidators) {
      this.staticValidators = staticValidators;
    }

    void init(Map<String, Entry> built, String captureOrigin, String origin) {
      this.initial = new LinkedHashMap<>(built);
      this.captureOrigin = captureOrigin;
      this.origin = origin;
      restore();
    }

    void restore() {
      synchronized (routes) {
        routes.clear();
        routes.putAll(initial);
      }
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      String url = event.getRequest().getUrl();
      Entry e = routes.get(url);
      if (e == null) {
        return aResponse().withStatus(404).withHeader("Content-Type", "text/html; charset=utf-8").withBody(NOT_FOUND).build();
      }
      List<HttpHeader> hs = new ArrayList<>();
      for (String[] h : e.headers()) {
        if (!DROPPED_HEADERS.contains(h[0].toLowerCase(Locale.ROOT))) hs.add(new HttpHeader(h[0], h[1].replace(captureOrigin, origin)));
      }
      if (staticValidators && e.status() == 200 && !dynamic(url)) {
        String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(e.body())) + "-" + e.body().length + "\"";
        hs.removeIf(h -> h.keyEquals("ETag") || h.keyEquals("Last-Modified"));
        hs.add(new HttpHeader("ETag", etag));
        hs.add(new HttpHeader("Last-Modified", STATIC_DATE));
        String inm = event.getRequest().getHeader("If-None-Match");
        String ims = event.getRequest().getHeader("If-Modified-Since");
        boolean notModified = inm != null
            ? inm.strip().equals("*") || java.util.Arrays.stream(inm.split(",")).map(String::strip).anyMatch(etag::equals)
            : STATIC_DATE.equals(ims);
        if (notModified) {
          hs.removeIf(h -> h.keyEquals("Content-Type"));
          return aResponse().withStatus(304).withHeaders(new HttpHeaders(hs)).build();
        }
      }
      return aResponse().withStatus(e.status()).withHeaders(new HttpHeaders(hs)).withBody(e.body()).build();
    }

    private static boolean dynamic(String url) {
      return url.equals("/") || url.equals("/robots.txt") || url.equals("/sitemap.xml") || url.startsWith("/spip.php")
          || url.startsWith("/?");
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return ROUTER;
    }
  }

  /** Journals every request with its start and end, and the largest number in flight at once. */
  static final class Journal implements ServeEventListener {
    final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    private final Map<java.util.UUID, Long> starts = new ConcurrentHashMap<>();

    @Override
    public void beforeMatch(ServeEvent e, Parameters p) {
      starts.put(e.getId(), System.nanoTime());
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    @Override
    public void afterComplete(ServeEvent e, Parameters p) {
      long end = System.nanoTime();
      inFlight.decrementAndGet();
      Long start = starts.remove(e.getId());
      int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
      exchanges.add(new Exchange(e.getRequest().getUrl(), e.getRequest().getHeader("User-Agent"),
          start == null ? end : start, end, status));
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    @Override
    public String getName() {
      return "fixture-journal";
    }
  }
}
