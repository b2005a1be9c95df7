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
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.spiparchiver.model.Json;

/**
 * A captured SPIP site ({@code src/test/resources/fixtures/NAME}: index.json + bodies/) served by an
 * in-process WireMock on loopback, with the capture's origin rewritten to the server's address.
 *
 * <p>The whole capture is one routing stub ({@link FixtureRouter}, lowest priority) answering from a map, so
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
  private final FixtureRouter router;

  private FixtureSite(String name, WireMockServer server, Journal journal, FixtureRouter router) {
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
    journal.settle();
    return List.copyOf(journal.exchanges);
  }

  /** Path + query of every request, in order. */
  public List<String> requestedUrls() {
    journal.settle();
    return journal.exchanges.stream().map(Exchange::url).toList();
  }

  public int maxInFlight() {
    return journal.maxInFlight.get();
  }

  /** Whether a request for {@code pathAndQuery} has reached the server and is not yet answered. */
  public boolean inFlight(String pathAndQuery) {
    return journal.live.containsValue(pathAndQuery);
  }

  /** Waits (bounded) until WireMock has journaled every exchange whose response was sent. */
  public void settle() {
    journal.settle();
  }

  public void resetJournal() {
    journal.settle();
    journal.exchanges.clear();
  }

  /**
   * Back to the site as built, for the next test of a class sharing it: stubs added through
   * {@link #server()} or {@link #failFirst}, their scenarios and {@link #replace}ments are dropped,
   * the journal and the in-flight maximum are cleared.
   */
  public void reset() {
    journal.settle();
    server.resetMappings();
    server.resetScenarios();
    server.resetRequests();
    router.restore();
    server.stubFor(routingStub());
    journal.exchanges.clear();
    journal.maxInFlight.set(0);
  }

  private static com.github.tomakehurst.wiremock.client.MappingBuilder routingStub() {
    return any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(FixtureRouter.NAME));
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

  /** As {@link #replace(String, int, String, String)}, with bytes and headers as given (a gzip body, NUL bytes). */
  public void replace(String pathAndQuery, int status, List<String[]> headers, byte[] body) {
    router.routes.put(pathAndQuery, new Entry(status, List.copyOf(headers), body));
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
      FixtureRouter router = new FixtureRouter(staticValidators);
      WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().jettyAcceptors(1)
          .disableRequestJournal().extensions(journal, router).notifier(SILENT));
      server.start();
      String origin = "http://127.0.0.1:" + server.port();
      Map<String, Entry> routes = new LinkedHashMap<>();
      FixtureRouter.Capture main = FixtureRouter.Capture.of(FIXTURES.resolve(fixture));
      main.copyInto(routes, origin);
      for (Path o : overlays) FixtureRouter.Capture.of(o).copyInto(routes, origin);
      overrides.forEach((url, e) -> routes.put(url, new Entry(e.status(), e.headers(),
          new String(e.body(), StandardCharsets.UTF_8).replace("ORIGIN", origin).getBytes(StandardCharsets.UTF_8))));
      if (withoutCrawlDelay && routes.containsKey("/robots.txt")) {
        Entry r = routes.get("/robots.txt");
        String text = new String(r.body(), StandardCharsets.UTF_8).replaceAll("(?im)^Crawl-delay:.*\\R", "");
        routes.put("/robots.txt", new Entry(r.status(), r.headers(), text.getBytes(StandardCharsets.UTF_8)));
      }
      router.init(routes, main.origin(), origin);
      server.stubFor(routingStub());
      return new FixtureSite(fixture, server, journal, router);
    }
  }

  /** Journals every request with its start and end, and the largest number in flight at once. */
  static final class Journal implements ServeEventListener {
    final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    private final Map<java.util.UUID, Long> starts = new ConcurrentHashMap<>();
    /** Path + query of each request in flight. */
    final Map<java.util.UUID, String> live = new ConcurrentHashMap<>();

    @Override
    public void beforeMatch(ServeEvent e, Parameters p) {
      starts.put(e.getId(), System.nanoTime());
      live.put(e.getId(), e.getRequest().getUrl());
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    @Override
    public void afterComplete(ServeEvent e, Parameters p) {
      long end = System.nanoTime();
      Long start = starts.remove(e.getId());
      live.remove(e.getId());
      int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
      exchanges.add(new Exchange(e.getRequest().getUrl(), e.getRequest().getHeader("User-Agent"),
          start == null ? end : start, end, status));
      inFlight.decrementAndGet(); // after the journal entry: settle() then sees it
    }

    /**
     * WireMock journals an exchange just after the client has its response: waits (bounded) until no
     * exchange is in flight, so a test reading the journal right after its last request sees it.
     */
    void settle() {
      long deadline = System.nanoTime() + SETTLE_LIMIT_NANOS;
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        Thread.yield();
      }
    }

    /** Long enough for a loaded machine to run WireMock's completion listener; a live request is not waited for. */
    private static final long SETTLE_LIMIT_NANOS = 2_000_000_000L;

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
