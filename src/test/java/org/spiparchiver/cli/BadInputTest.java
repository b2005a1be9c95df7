package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Operator mistakes: one plain line, the documented exit code, no Java exception text, nothing written. */
class BadInputTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  void assertPlain() {
    assertThat(err.toString()).doesNotContain("Exception", "java.", "\tat ", "internal error");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "127.0.0.1:8089              | '127.0.0.1:8089' is not a URL: give it with its scheme, e.g. http://127.0.0.1:8089/",
      "http://127.0.0.1:99999/     | port 99999 is out of range (1-65535)",
      "http://127.0.0.1:8089/ecrire/ | is inside SPIP's ecrire/ directory, not the site's root: give the address of the site's home page, e.g. http://127.0.0.1:8089/",
      "http://127.0.0.1:8089/squelettes/ | is inside SPIP's squelettes/ directory, not the site's root: give the address of the site's home page, e.g. http://127.0.0.1:8089/",
      "http://127.0.0.1:8089/revue/IMG/ | 'http://127.0.0.1:8089/revue/IMG/' is inside SPIP's IMG/ directory, not the site's root: give the address of the site's home page, e.g. http://127.0.0.1:8089/revue/",
      "http://127.0.0.1:8089/spip.php?article1 | 'http://127.0.0.1:8089/spip.php?article1' is a page of the site, not its root: give the address of the site's home page, e.g. http://127.0.0.1:8089/",
  })
  void refusesASiteThatCannotBeCrawled(String site, String message) throws Exception {
    Path mirror = dir.resolve("mirror");
    assertThat(run("--site", site, "--mirror", mirror.toString(), "crawl", "--no-index")).isEqualTo(2);
    assertThat(err.toString()).contains(message);
    assertPlain();
    assertThat(mirror).doesNotExist();
  }

  @Test
  void refusesADateThatDoesNotExist() {
    assertThat(run("--index", dir.resolve("index").toString(), "search", "--from", "2010-02-30", "x")).isEqualTo(2);
    assertThat(err.toString()).startsWith("spip-archiver: Invalid value for option '--from': '2010-02-30' is not a date");
    assertPlain();
  }

  @Test
  void aMirrorPathThatIsAFileIsAUsageError() throws Exception {
    Path file = Files.writeString(dir.resolve("mirror"), "not a directory");
    assertThat(run("--site", "http://127.0.0.1:1/", "--mirror", file.toString(), "crawl", "--no-index")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("spip-archiver: " + file + ": is a file, not a directory: give --mirror / --index a directory");
    assertThat(Files.readString(file)).isEqualTo("not a directory");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.toList()).containsExactly(file);
    }
  }

  @Test
  void parseStopsReadingAnEndlessFileAtTheSizeLimit() {
    assertThat(run("parse", "/dev/zero")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("spip-archiver: /dev/zero: larger than 20 MB, not a saved page");
  }

  @Test
  void refusesToCrawlAnotherSiteIntoAMirrorUnlessItMoved() throws Exception {
    Path mirror = Files.createDirectories(dir.resolve("mirror"));
    Files.writeString(mirror.resolve("origin"), "http://old.example/\n");
    // Port 1 on loopback: nothing listens, so an accepted crawl stops at once (exit 4).
    assertThat(run("--site", "http://127.0.0.1:1/", "--mirror", mirror.toString(), "crawl", "--no-index")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("spip-archiver: the mirror " + mirror + " was made from http://old.example/, "
        + "not http://127.0.0.1:1/: give another --mirror, or --site-moved if the site moved to this address");
    try (Stream<Path> s = Files.list(mirror)) {
      assertThat(s.toList()).containsExactly(mirror.resolve("origin"));
    }

    assertThat(run("--site", "http://127.0.0.1:1/", "--mirror", mirror.toString(), "crawl", "--no-index", "--site-moved", "--delay", "1ms"))
        .isEqualTo(4);
    assertThat(Files.readAllLines(mirror.resolve("origin"))).containsExactly("http://old.example/", "http://127.0.0.1:1/");
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"search grève", "index", "index --rebuild"})
  void anIndexPathThatIsAFileIsAUsageError(String command) throws Exception {
    Path file = Files.writeString(dir.resolve("index"), "not a directory");
    org.spiparchiver.index.TruthArticles.writeMirror(dir.resolve("mirror"), org.spiparchiver.index.TruthArticles.all());
    String[] args = Stream.concat(Stream.of("--mirror", dir.resolve("mirror").toString(), "--index", file.toString()),
        Stream.of(command.split(" "))).toArray(String[]::new);
    assertThat(run(args)).as(err.toString()).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("spip-archiver: " + file + ": is a file, not a directory: give --mirror / --index a directory");
    assertThat(Files.readString(file)).isEqualTo("not a directory");
  }
}
