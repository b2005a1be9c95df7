package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

class ParseCommandTest {
  static final Path PAGES = Path.of("src/test/resources/extract/pages");
  static final Path ESCAL = Path.of("src/test/resources/fixtures/escal-dev/bodies");
  // A fixture body (see escal-dev/index.json): /spip.php?article1224&lang=fr
  static final Path ESCAL_ARTICLE_1224 = ESCAL.resolve("766794dc3c11eb8a2daccefd3f83603fa158d0c8.html");

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void printsTheRecordOfAnArticleAsJson() throws Exception {
    int code = run("parse", ESCAL_ARTICLE_1224.toString(), "--url", "https://divergences.be/spip.php?article1224&lang=fr");
    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).isEmpty();
    Article a = Json.mapper().readValue(out.toString(), Article.class);
    assertThat(a.id()).isEqualTo(1224);
    assertThat(a.url()).isEqualTo("https://divergences.be/spip.php?article1224");
    assertThat(a.title()).isEqualTo("Athènes, 5 mai 2010 : la journée où tout a basculé");
    JsonNode json = Json.mapper().readTree(out.toString());
    assertThat(json.has("rubrique_path")).as("snake_case field names").isTrue();
    assertThat(json.get("modified").asText()).isEqualTo("2010-05-12");
    assertThat(out.toString()).as("pretty-printed").contains("\n  \"id\" : 1224,");
  }

  @Test
  void withoutUrlResolvesAgainstTheCanonicalLink() throws Exception {
    assertThat(run("parse", ESCAL_ARTICLE_1224.toString())).isZero();
    Article a = Json.mapper().readValue(out.toString(), Article.class);
    assertThat(a.url()).isEqualTo("http://127.0.0.1:8091/spip.php?article1224");
  }

  @Test
  void readsStandardInputForDash() throws Exception {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(Files.readAllBytes(ESCAL_ARTICLE_1224)));
      assertThat(run("parse", "-", "--url", "https://divergences.be/spip.php?article1224")).isZero();
    } finally {
      System.setIn(saved);
    }
    assertThat(Json.mapper().readValue(out.toString(), Article.class).id()).isEqualTo(1224);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "spip4-dist | /spip.php?rubrique7           | not an article: a rubrique page: N°10. Novembre/november/ 2007",
      "escal-dev  | /spip.php?rubrique111&lang=fr | not an article: a rubrique page: N°22. Mai/may/ 2010",
      "spip4-dist | /IMG/jpg/une-n10.jpg          | not an article: a 404 (not found) page",
      "escal-dev  | /?lang=fr                     | not an article: the home page",
  })
  void saysWhatAPageIsAndExits1(String site, String path, String message) throws Exception {
    Path file = fixtureBody(site, path);
    assertThat(run("parse", file.toString())).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).startsWith(file + ": " + message);
    assertThat(err.toString().strip()).doesNotContain("\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "empty.html  | not an article: an empty page",
      "garbage.bin | not an article: binary data, not an HTML page",
  })
  void refusesEmptyAndBinaryFilesWithExit1(String name, String message) {
    Path file = PAGES.resolve(name);
    assertThat(run("parse", file.toString())).isEqualTo(1);
    assertThat(err.toString()).isEqualTo(file + ": " + message + System.lineSeparator());
  }

  @Test
  void aDeviceThatNeverEndsStopsAtTheSizeLimitWithExit2() {
    assertThat(run("parse", "/dev/zero")).isEqualTo(2);
    assertThat(err.toString()).contains("/dev/zero: larger than 20 MB").doesNotContain("Exception");
  }

  @Test
  void aPageTooComplexToExtractIsExit1OneLine(@TempDir Path dir) throws Exception {
    Path page = dir.resolve("deep.html");
    Files.writeString(page, "<html><body>" + "<div>".repeat(org.spiparchiver.mirror.HtmlPages.MAX_ELEMENTS + 1) + "</body></html>");
    assertThat(run("parse", page.toString(), "--url", "https://example.org/spip.php?article5")).isEqualTo(1);
    assertThat(err.toString()).contains("not an article: too complex to extract");
  }

  @Test
  void missingFileIsExit2OneLine() {
    assertThat(run("parse", "no/such/page.html")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("spip-archiver: no/such/page.html: no such file" + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void directoryIsExit2OneLine(@TempDir Path dir) {
    assertThat(run("parse", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("spip-archiver: " + dir + ": is a directory, not a saved page" + System.lineSeparator());
  }

  @Test
  void unreadableFileIsExit2OneLine(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("page.html"), "<html></html>");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(file), "running as a user who can read anything (root)");
    assertThat(run("parse", file.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("spip-archiver: " + file + ": permission denied" + System.lineSeparator());
  }

  @Test
  void relativeUrlIsUsageError() {
    assertThat(run("parse", ESCAL_ARTICLE_1224.toString(), "--url", "spip.php?article1")).isEqualTo(2);
    assertThat(err.toString()).contains("--url: 'spip.php?article1' is not an absolute URL");
  }

  @Test
  void helpDocumentsExitCodes() {
    assertThat(run("parse", "--help")).isZero();
    assertThat(out.toString()).contains("FILE").contains("--url").contains("1  not an article (rubrique, home or 404 page")
        .contains("2  FILE missing or unreadable");
  }

  private static Path fixtureBody(String site, String path) throws Exception {
    Path dir = Path.of("src/test/resources/fixtures", site);
    for (JsonNode r : Json.mapper().readTree(dir.resolve("index.json").toFile()).get("responses")) {
      if (r.get("url").asText().equals(path)) return dir.resolve(r.get("body").asText());
    }
    throw new IllegalArgumentException(path);
  }
}
