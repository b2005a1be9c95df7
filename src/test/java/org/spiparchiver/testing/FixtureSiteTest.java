package org.spiparchiver.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test site itself: what the crawl tests rely on when they share one server per class. */
class FixtureSiteTest {
  static final String IMAGE = "/IMG/jpg/photo-athenes-decembre-2008.jpg";
  static FixtureSite site;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().withStaticValidators().start();
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @BeforeEach
  void reset() {
    site.reset();
  }

  HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(site.root().resolve(pathAndQuery.substring(1)));
    if (headers.length > 0) b.headers(headers);
    HttpResponse<byte[]> response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    site.settle(); // this client's next request starts after WireMock has finished with this one
    return response;
  }

  @Test
  void servesTheCaptureWithItsOriginRewrittenAndA404ForTheRest() throws Exception {
    HttpResponse<byte[]> page = get("/spip.php?article849");
    assertThat(page.statusCode()).isEqualTo(200);
    String html = new String(page.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(html).contains(site.root().toString().replaceFirst("/$", "")).doesNotContain(captureOrigin());
    assertThat(get("/spip.php?article99999").statusCode()).isEqualTo(404);
    assertThat(new String(get("/robots.txt").body(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContainIgnoringCase("crawl-delay");
  }

  @Test
  void staticFilesAnswer304ToTheirValidatorsAndSpipPagesNever() throws Exception {
    HttpResponse<byte[]> first = get(IMAGE);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
    assertThat(first.body()).isEqualTo(Files.readAllBytes(FixtureSite.FIXTURES.resolve("spip4-dist").resolve(bodyFile(IMAGE))));
    assertThat(get(IMAGE, "If-None-Match", etag).statusCode()).isEqualTo(304);
    assertThat(get(IMAGE, "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
    assertThat(get(IMAGE, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    assertThat(get("/spip.php?article849", "If-Modified-Since", lastModified).statusCode()).isEqualTo(200);
  }

  @Test
  void resetDropsReplacementsFaultsAndTheJournal() throws Exception {
    site.replace("/spip.php?article849", 404, "text/html", "gone");
    site.failFirst("/spip.php?article848", 5, aResponse().withStatus(503));
    assertThat(get("/spip.php?article849").statusCode()).isEqualTo(404);
    assertThat(get("/spip.php?article848").statusCode()).isEqualTo(503);

    site.reset();

    assertThat(site.requestedUrls()).isEmpty();
    assertThat(get("/spip.php?article849").statusCode()).isEqualTo(200);
    assertThat(get("/spip.php?article848").statusCode()).isEqualTo(200);
    assertThat(site.requestedUrls()).containsExactly("/spip.php?article849", "/spip.php?article848");
    assertThat(site.maxInFlight()).isEqualTo(1);
  }

  static String captureOrigin() throws Exception {
    return org.spiparchiver.model.Json.mapper().readTree(FixtureSite.FIXTURES.resolve("spip4-dist/index.json").toFile())
        .get("origin").asText();
  }

  /** The body file the capture's index.json names for {@code url}, read without FixtureSite. */
  static String bodyFile(String url) throws Exception {
    var index = org.spiparchiver.model.Json.mapper().readTree(FixtureSite.FIXTURES.resolve("spip4-dist/index.json").toFile());
    for (var r : index.get("responses")) if (r.get("url").asText().equals(url)) return r.get("body").asText();
    throw new AssertionError("not in the capture: " + url);
  }
}
