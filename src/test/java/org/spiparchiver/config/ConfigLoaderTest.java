package org.spiparchiver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

  @Test
  void loadsTheShippedDivergencesConfiguration() {
    Config c = ConfigLoader.load(Path.of("config.yaml"));
    assertThat(c.site().url()).isEqualTo(URI.create("https://divergences.be/"));
    assertThat(c.userAgent()).contains("spip-archiver").contains("https://");
    assertThat(c.crawl().delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.crawl().maxBodySize()).isEqualTo(20L << 20);
    assertThat(c.crawl().requestDeadline()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.paths().mirror()).isEqualTo(Path.of("mirror"));
    assertThat(c.revisit().maxAge()).isEqualTo(Duration.ofDays(30));
    assertThat(c.extraction().surtitleAsAuthor()).isEqualTo(Config.SurtitleAuthors.AUTO);
    assertThat(c.extraction().issuePattern().matcher("N°13. Mai/may/ 2008").matches()).isTrue();
    assertThat(c.crawlSites()).extracting(Config.SiteEntry::name, e -> e.url().toString())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("divergences", "https://divergences.be/"),
            org.assertj.core.groups.Tuple.tuple("divergences2", "https://divergences2.divergences.be/"));
  }

  @Test
  void readsAListOfSitesWithTheirOwnSettings() {
    Config c = ConfigLoader.parse("sites:\n"
        + "  - url: http://a.example\n    name: a\n    crawl:\n      delay: 3s\n"
        + "  - url: http://b.example/\n    extra_hosts: [cdn.example]\n    extraction:\n      surtitle_as_author: never\n"
        + "crawl:\n  parallel_hosts: 2\n", "c.yaml");
    assertThat(c.crawlSites()).hasSize(2);
    Config.SiteEntry a = c.crawlSites().get(0);
    Config.SiteEntry b = c.crawlSites().get(1);
    assertThat(a.url()).isEqualTo(URI.create("http://a.example/"));
    assertThat(c.forSite(a, Path.of("m")).crawl().delay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.forSite(b, Path.of("m")).crawl().delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.forSite(b, Path.of("m")).extraction().surtitleAsAuthor()).isEqualTo(Config.SurtitleAuthors.NEVER);
    assertThat(c.forSite(a, Path.of("m")).extraction().surtitleAsAuthor()).isEqualTo(Config.SurtitleAuthors.AUTO);
    assertThat(c.forSite(b, Path.of("m/sites/b")).site().extraHosts()).containsExactly("cdn.example");
    assertThat(c.crawl().parallelHosts()).isEqualTo(2);
    assertThat(c.site().url()).as("the first site, for what is about one").isEqualTo(URI.create("http://a.example/"));
  }

  @Test
  void repeatedSiteOptionsReplaceTheListKeepingKnownSitesSettings() {
    Config c = ConfigLoader.parse("sites:\n  - url: http://a.example/\n    name: a\n  - url: http://b.example/\n", "c.yaml");
    Config two = c.withSites(List.of(URI.create("http://a.example/"), URI.create("http://c.example")));
    assertThat(two.crawlSites()).extracting(Config.SiteEntry::name).containsExactly("a", null);
    assertThat(c.withSites(List.of(URI.create("http://c.example/"))).crawlSites())
        .extracting(e -> e.url().toString()).containsExactly("http://c.example/");
    assertThat(ConfigLoader.parse("", "c.yaml").crawl().parallelHosts()).isEqualTo(4);
  }

  @Test
  void emptyFileGivesDefaults() {
    Config c = ConfigLoader.parse("", "empty.yaml");
    assertThat(c.crawl().maxTries()).isEqualTo(3);
    assertThat(c.site().url()).isNull();
  }

  @Test
  void readsTheRequestDeadline() {
    assertThat(ConfigLoader.parse("crawl:\n  request_deadline: 30s\n", "c.yaml").crawl().requestDeadline())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(ConfigLoader.parse("crawl:\n  delay: 2s\n", "c.yaml").crawl().requestDeadline())
        .isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void addsTrailingSlashToBareSiteUrl() {
    Config c = ConfigLoader.parse("site:\n  url: http://127.0.0.1:8089\n", "c.yaml");
    assertThat(c.site().url()).isEqualTo(URI.create("http://127.0.0.1:8089/"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "crawl:\\n  dealy: 1s                | c.yaml:2: unknown key 'crawl.dealy'",
      "crawl:\\n  delay: fast              | c.yaml:2: bad value for 'crawl.delay': 'fast' is not a duration",
      "crawl:\\n  max_tries: three         | c.yaml:2: bad value for 'crawl.max_tries'",
      "crawl:\\n  max_tries: 0             | c.yaml:2: bad value for 'crawl': max_tries must be at least 1",
      "crawl:\\n  max_body_size: huge      | c.yaml:2: bad value for 'crawl.max_body_size': 'huge' is not a size",
      "site:\\n  url: ftp://example.org/   | c.yaml:2: bad value for 'site'",
      "extraction:\\n  surtitle_as_author: maybe | c.yaml:2: bad value for 'extraction.surtitle_as_author': expected one of auto, always, never",
      "extraction:\\n  issue_pattern: '(['  | c.yaml:2: bad value for 'extraction.issue_pattern': not a valid regular expression",
      "crawl:\\n  delay: 1s: 2s           | c.yaml:2: not valid YAML",
      "sites:\\n  - url: http://a.example/\\n    name: A | c.yaml:3: bad value for 'sites[0]': name 'A' must be lower-case",
      "sites:\\n  - name: a               | c.yaml:2: bad value for 'sites[0]': url is required",
      "site:\\n  url: http://a.example/\\nsites:\\n  - url: http://b.example/\\n | c.yaml:3: bad value for 'sites': give either site (one site) or sites (a list), not both (site on line 1)",
      "sites:\\n  - url: http://a.example/\\n  - url: http://a.example\\n | c.yaml:3: bad value for 'sites[1].url': http://a.example/ is listed twice (sites[0].url on line 2)",
      "sites:\\n  - url: http://a.example/\\n    name: a\\n  - url: http://b.example/\\n    name: a\\n | c.yaml:5: bad value for 'sites[1].name': the name a is given twice (sites[0].name on line 3)",
      "sites:\\n  - url: http://a.example/\\n  - name: x\\n | c.yaml:3: bad value for 'sites[1]': url is required",
      "sites:\\n  - url: ftp://a.example/\\n | c.yaml:2: bad value for 'sites[0]': url 'ftp://a.example/' is not an http(s) URL",
      "sites:\\n  - url: http://a.example/\\n    crawl:\\n      delay: 0s\\n | c.yaml:4: bad value for 'sites[0].crawl': delay must be positive",
      "sites:\\n  - url: http://a.example/\\n    crawl:\\n      dealy: 1s\\n | c.yaml:4: unknown key 'sites[0].crawl.dealy'",
      "sites:\\n  - url: http://a.example/\\n    extraction:\\n      surtitle_as_author: maybe\\n | c.yaml:4: bad value for 'sites[0].extraction.surtitle_as_author': expected one of auto, always, never",
      "sites: http://a.example/ | c.yaml:1: bad value for 'sites': expected a list",
      "crawl:\\n  parallel_hosts: 0       | c.yaml:2: bad value for 'crawl': parallel_hosts must be at least 1",
  })
  void rejectsBadConfigurationNamingLineAndKey(String yaml, String expected) {
    assertThatThrownBy(() -> ConfigLoader.parse(yaml.replace("\\n", "\n"), "c.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "site:\\n  url: http://x.example/\\ncrawl:\\n  delay: 1s\\n  dealy: 2s\\n | c.yaml:5: unknown key 'crawl.dealy'",
      "crawl:\\n  extra:\\n    nested: 1\\n  delay: 1s\\n                | c.yaml:2: unknown key 'crawl.extra'",
      "paths:\\n  mirror: m\\nsurprise: 1\\n                         | c.yaml:3: unknown key 'surprise'",
      "crawl:\\n  max_tries: three                                 | c.yaml:2: bad value for 'crawl.max_tries': expected a whole number, got 'three'",
      "crawl:\\n  max_tries: 2.5                                   | c.yaml:2: bad value for 'crawl.max_tries': expected a whole number, got '2.5'",
      "crawl:\\n  delay: [1, 2]                                    | c.yaml:2: bad value for 'crawl.delay': expected a single value",
      "crawl: 12                                                  | c.yaml:1: bad value for 'crawl': expected a section of keys, got '12'",
      "crawl:\\n  delay: 1s\\n  delay: 2s\\n                      | c.yaml:3: duplicate key 'crawl.delay' (first given on line 2)",
      "site:\\n  extra_hosts: cdn.example                          | c.yaml:2: bad value for 'site.extra_hosts': expected a list, got 'cdn.example'",
  })
  void explainsWhatWasExpectedOnTheKeysOwnLine(String yaml, String expected) {
    assertThatThrownBy(() -> ConfigLoader.parse(yaml.replace("\\n", "\n"), "c.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("jackson", "snakeyaml", "java.", "`"));
  }

  @Test
  void missingFileIsNamed() {
    assertThatThrownBy(() -> ConfigLoader.load(Path.of("no/such.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("no/such.yaml: no such configuration file");
  }

  @ParameterizedTest
  @CsvSource({"250ms,250", "1s,1000", "1.5s,1500", "5m,300000", "2h,7200000", "30d,2592000000"})
  void parsesDurations(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @CsvSource({"250,250ms", "1000,1s", "1500,1500ms", "7200000,2h", "2592000000,30d"})
  void formatsDurationsInTheirShortestExactForm(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
  }
}
