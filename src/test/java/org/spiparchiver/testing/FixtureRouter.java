package org.spiparchiver.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.spiparchiver.model.Json;
import org.spiparchiver.testing.FixtureSite.Entry;

/** The routing stub's answer: the response listed for the request's path + query, or the 404 page. */
final class FixtureRouter implements ResponseDefinitionTransformerV2 {
  static final String NAME = "fixture-routes";
  private static final Pattern BINARY = Pattern.compile(".*\\.(jpe?g|png|gif|pdf|webp|ico|bin|otf|ttf|woff2?)$");
  private static final Set<String> DROPPED_HEADERS = Set.of("host", "date", "connection", "content-length", "transfer-encoding");
  /** Unlisted URLs: the 404 page of a SPIP site, as the replay server answers. */
  private static final byte[] NOT_FOUND =
      "<!DOCTYPE html><html><head><title>404</title></head><body><h1>Page introuvable</h1></body></html>"
          .getBytes(StandardCharsets.UTF_8);
  /** The fixed Last-Modified of static files served with validators. */
  private static final String STATIC_DATE = "Tue, 14 Nov 2023 22:13:20 GMT";
  /** Captures read once per JVM (escal-dev is 33 MB); each start rewrites the origin in a copy. */
  private static final Map<Path, Capture> CAPTURES = new ConcurrentHashMap<>();

  final Map<String, Entry> routes = Collections.synchronizedMap(new LinkedHashMap<>());
  private final boolean staticValidators;
  private Map<String, Entry> initial = Map.of();
  private String captureOrigin = "";
  private String origin = "";

  FixtureRouter(boolean staticValidators) {
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
      String etag = "\"" + Integer.toHexString(Arrays.hashCode(e.body())) + "-" + e.body().length + "\"";
      hs.removeIf(h -> h.keyEquals("ETag") || h.keyEquals("Last-Modified"));
      hs.add(new HttpHeader("ETag", etag));
      hs.add(new HttpHeader("Last-Modified", STATIC_DATE));
      String inm = event.getRequest().getHeader("If-None-Match");
      String ims = event.getRequest().getHeader("If-Modified-Since");
      boolean notModified = inm != null
          ? inm.strip().equals("*") || Arrays.stream(inm.split(",")).map(String::strip).anyMatch(etag::equals)
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
    return NAME;
  }

  /** A capture folder as read from disk, with its own origin still in the bodies. */
  record Capture(String origin, Map<String, Entry> entries, Set<String> binary) {
    static Capture of(Path folder) {
      return CAPTURES.computeIfAbsent(folder.toAbsolutePath().normalize(), Capture::read);
    }

    private static Capture read(Path folder) {
      try {
        JsonNode index = Json.mapper().readTree(folder.resolve("index.json").toFile());
        Map<String, Entry> entries = new LinkedHashMap<>();
        Set<String> binary = new HashSet<>();
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
}
