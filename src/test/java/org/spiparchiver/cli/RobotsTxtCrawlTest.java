package org.spiparchiver.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.model.Json;
import org.spiparchiver.testing.FixtureSite;

/**
 * robots.txt through the command line: redirects followed as RFC 9309 asks, and each way it can
 * fail said as it is (redirects, a server error, a broken connection), never as "disallows everything".
 */
class RobotsTxtCrawlTest {
  static FixtureSite site;
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void serve() {
    site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start();
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @BeforeEach
  void reset() {
    site.reset();
  }

  int crawl(String... extra) {
    return Main.run(CrawlCommandTest.crawlArgs(site, dir.resolve("m"), extra), new PrintWriter(out), new PrintWriter(err));
  }

  String said() {
    return out + "" + err;
  }

  /**
   * robots.txt answers a chain of {@code hops} redirects, alternating between the server's two names
   * (as http -> https -> www -> bare host would), each to another /robots.txt; the last one answers {@code robots}.
   */
  String redirectChain(int hops, String robots) {
    int port = site.root().getPort();
    String at = "/robots.txt";
    for (int i = 1; i <= hops; i++) {
      String host = i % 2 == 1 ? "localhost" : "127.0.0.1";
      String next = "/robots.txt?hop=" + i;
      site.server().stubFor(get(urlEqualTo(at)).withHost(com.github.tomakehurst.wiremock.client.WireMock.equalTo(
          i % 2 == 1 ? "127.0.0.1" : "localhost")).atPriority(1)
          .willReturn(aResponse().withStatus(i % 2 == 1 ? 301 : 302).withHeader("Location", "http://" + host + ":" + port + next)));
      at = next;
    }
    site.server().stubFor(get(urlEqualTo(at)).atPriority(1)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(robots)));
    return at;
  }

  JsonNode report() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("m/runs"))) {
      return Json.mapper().readTree(s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow().toFile());
    }
  }

  @Test
  void aRobotsTxtReachedThroughThreeRedirectsIsReadAndItsDisallowObeyed() throws Exception {
    String last = redirectChain(3, site.body("/robots.txt") + "\nUser-agent: *\nDisallow: /spip.php?page=plan\n");

    assertThat(crawl("--max-requests", "12")).as(said()).isZero();

    // The discovery seeds but the plan (home, sitemap, RSS backend) come first: the plan was skipped, not left for later.
    assertThat(site.requestedUrls()).containsSequence("/robots.txt", "/robots.txt?hop=1", "/robots.txt?hop=2", last)
        .contains("/", "/spip.php?page=backend").doesNotContain("/spip.php?page=plan");
    assertThat(err.toString()).contains("robots.txt of 127.0.0.1:" + site.root().getPort() + " read at http://localhost:"
        + site.root().getPort() + last + " (redirected)");
    assertThat(Main.run(new String[] {"--mirror", dir.resolve("m").toString(), "verify"}, new PrintWriter(out),
        new PrintWriter(err))).as(said()).isZero();
  }

  @Test
  void aChainOfSixRedirectsIsSaidToBeRedirectsAndTheSiteIsCrawledAsWithoutRobotsTxt() throws Exception {
    // Behind the sixth redirect lies a file closing the site: past five hops it is not read (RFC 9309 2.3.1.2).
    String last = redirectChain(6, "User-agent: *\nDisallow: /\n");

    assertThat(crawl("--max-requests", "10")).as(said()).isZero();

    int port = site.root().getPort();
    assertThat(site.requestedUrls()).doesNotContain(last).contains("/robots.txt?hop=5");
    assertThat(err.toString()).contains("robots.txt of 127.0.0.1:" + port + " redirects beyond http://localhost:" + port
        + "/robots.txt?hop=5 (not followed further): taken as unavailable, as RFC 9309 allows; everything is allowed")
        .doesNotContain("disallows everything");
    assertThat(site.requestedUrls()).filteredOn(u -> !u.startsWith("/robots.txt")).isNotEmpty();
  }

  @Test
  void aRobotsTxtAnsweringServerErrorsStopsTheRunSayingSo() throws Exception {
    site.server().stubFor(get(urlEqualTo("/robots.txt")).atPriority(1).willReturn(aResponse().withStatus(503)));

    assertThat(crawl()).isEqualTo(ExitCode.UNREACHABLE.code);

    String line = "robots.txt of 127.0.0.1:" + site.root().getPort() + " answered HTTP 503 (RFC 9309: nothing may be fetched)";
    assertThat(err.toString().strip()).isEqualTo("spip-archiver: " + line);
    assertThat(report().get("reason").asText()).isEqualTo(line);
    assertThat(report().get("exit_code").asInt()).isEqualTo(4);
    assertThat(site.requestedUrls()).containsOnly("/robots.txt");
  }

  @Test
  void aRobotsTxtWhoseConnectionBreaksStopsTheRunNamingTheCause() throws Exception {
    site.server().stubFor(get(urlEqualTo("/robots.txt")).atPriority(1)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThat(crawl()).isEqualTo(ExitCode.UNREACHABLE.code);

    String message = err.toString().strip();
    assertThat(message).doesNotContain("\n", "Exception", "disallows everything")
        .startsWith("spip-archiver: ").contains(site.root() + "robots.txt").contains("reset");
    assertThat(report().get("reason").asText()).isEqualTo(message.substring("spip-archiver: ".length()));
    assertThat(site.requestedUrls()).containsOnly("/robots.txt");
  }
}
