package org.spiparchiver.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RobotsGateTest {
  static final URI ROBOTS = URI.create("https://mag.example/robots.txt");
  static final String SPIP = """
      User-agent: *
      Allow:    /local/cache-css/
      Noindex: /local/
      Disallow: /ecrire/
      Disallow: /spip.php?action=*
      Disallow: /spip.php?page=login*
      Disallow: /*.api/
      Disallow: /*.pdf$
      Crawl-delay: 2

      User-agent: spip-archiver
      Disallow: /spip.php?page=backend
      Disallow: /ecrire/
      Disallow: /spip.php?action=*
      Crawl-delay: 3

      Sitemap: https://mag.example/sitemap.xml
      """;

  RobotsGate gate(int status, String body) {
    RobotsGate g = new RobotsGate("spip-archiver/0.1 (+https://example.org)");
    g.load("mag.example", ROBOTS, status, body.getBytes(StandardCharsets.UTF_8), "text/plain");
    return g;
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "/spip.php?article1, true",
      "/spip.php?page=backend, false",
      "/spip.php?action=cookie, false",
      "/ecrire/?exec=x, false",
      "/robots.txt, true",
  })
  void usesTheGroupNamingOurProductToken(String path, boolean allowed) {
    assertThat(gate(200, SPIP).allowed(URI.create("https://mag.example" + path))).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "/IMG/pdf/n13.pdf, false",
      "/IMG/pdf/n13.pdf?x=1, true",
      "/x.api/y, false",
      "/spip.php?page=login&url=a, false",
      "/spip.php?page=plan, true",
  })
  void matchesWildcardsAndEndAnchors(String path, boolean allowed) {
    RobotsGate g = new RobotsGate("other-bot/1.0");
    g.load("mag.example", ROBOTS, 200, SPIP.getBytes(StandardCharsets.UTF_8), "text/plain");
    assertThat(g.allowed(URI.create("https://mag.example" + path))).isEqualTo(allowed);
  }

  @Test
  void readsCrawlDelayAndSitemaps() {
    RobotsGate g = gate(200, SPIP);
    assertThat(g.crawlDelay("mag.example")).contains(Duration.ofSeconds(3));
    assertThat(g.sitemaps("mag.example")).containsExactly("https://mag.example/sitemap.xml");
  }

  @Test
  void missingRobotsAllowsEverythingAndServerErrorNothing() {
    assertThat(gate(404, "").allowed(URI.create("https://mag.example/ecrire/"))).isTrue();
    assertThat(gate(503, "").allowed(URI.create("https://mag.example/spip.php?article1"))).isFalse();
  }

  @Test
  void anUnknownHostIsClosed() {
    assertThat(gate(200, SPIP).allowed(URI.create("https://cdn.example/IMG/a.jpg"))).isFalse();
  }
}
