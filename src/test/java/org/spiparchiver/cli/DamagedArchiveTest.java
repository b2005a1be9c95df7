package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.testing.FixtureSite;

/**
 * A damaged part of an archive (an older WARC file, the search index) or an index path that is a file,
 * met by crawl and the offline commands: one line naming the file and the way out, the documented exit
 * code (never 5), the damaged file left as it was. One crawl of spip4-dist for the class, its WARC files
 * rotated small so that the archive has several; copied for each case.
 */
class DamagedArchiveTest {
  /** Small enough that the spip4-dist crawl writes several WARC files. */
  private static final String CONFIG = "site:\n  url: %s\ncrawl:\n  warc_max_size: 60000\n";
  static FixtureSite site;
  @TempDir static Path shared;
  static Path pristine;
  static Path config;

  @TempDir Path work;
  Path mirror;
  Path index;
  StringWriter out;
  StringWriter err;

  @BeforeAll
  static void crawlOnce() throws Exception {
    site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start();
    config = Files.writeString(shared.resolve("config.yaml"), CONFIG.formatted(site.root()));
    pristine = shared.resolve("mirror");
    StringWriter o = new StringWriter();
    int code = Main.run(new String[] {"--config", config.toString(), "--mirror",
        pristine.toString(), "--index", shared.resolve("index").toString(), "crawl", "--delay", "2ms"}, new PrintWriter(o),
        new PrintWriter(o));
    assertThat(code).as(o.toString()).isZero();
    assertThat(WarcArchive.files(pristine.resolve("warc"))).hasSizeGreaterThan(2);
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  @BeforeEach
  void copy() throws IOException {
    mirror = work.resolve("mirror");
    index = work.resolve("index");
    VerifyCommandTest.copyTree(pristine, mirror);
    VerifyCommandTest.copyTree(shared.resolve("index"), index);
  }

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    String[] all = Stream.concat(Stream.of("--config", config.toString(), "--mirror", mirror.toString(), "--index",
        index.toString()), Stream.of(args)).toArray(String[]::new);
    return Main.run(all, new PrintWriter(out), new PrintWriter(err));
  }

  int crawl(String... extra) {
    return run(Stream.concat(Stream.of("crawl", "--delay", "2ms", "--max-requests", "5"),
        Stream.of(extra)).toArray(String[]::new));
  }

  void assertPlain(String text) {
    assertThat(text).doesNotContain("Exception", "java.", "\tat ", "internal error");
  }

  /** The lines of {@code text} that contain {@code s}. */
  static List<String> linesWith(String text, String s) {
    return text.lines().filter(l -> l.contains(s)).toList();
  }

  /** The CDXJ entry of the first article page captured in {@code warc}, or null. */
  static com.fasterxml.jackson.databind.JsonNode articleCapture(Path warc) {
    try {
      for (String line : Files.readAllLines(warc.resolveSibling(warc.getFileName().toString().replace(".warc.gz", ".cdxj")))) {
      com.fasterxml.jackson.databind.JsonNode j = org.spiparchiver.model.Json.mapper().readTree(line.substring(line.indexOf('{')));
        if (j.get("url").asText().contains("?article") && j.path("status").asText().equals("200")) return j;
      }
      return null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aDamagedOlderWarcFileIsLeftAloneByCrawlAndNamedByExtractMirrorRebuildAndVerify() throws Exception {
    // A byte of an article's capture in an older file (extract and mirror --rebuild both read it): its gzip
    // member's length field, which every reader checks (a flip in the deflated data can go unnoticed by them:
    // only verify's digests catch it).
    List<Path> warcs = WarcArchive.files(mirror.resolve("warc"));
    Path older = warcs.stream().limit(warcs.size() - 1).filter(f -> articleCapture(f) != null).findFirst().orElseThrow();
    com.fasterxml.jackson.databind.JsonNode capture = articleCapture(older);
    byte[] bytes = Files.readAllBytes(older);
    bytes[(int) (capture.get("offset").asLong() + capture.get("length").asLong() - 2)] ^= 0x10;
    Files.write(older, bytes);
    Map<String, String> outside = VerifyCommandTest.tree(index);

    assertThat(crawl("--no-index")).as(out + "\n" + err).isZero();
    assertThat(Files.readAllBytes(older)).isEqualTo(bytes);
    assertThat(older.resolveSibling(older.getFileName() + WarcArchive.DAMAGED)).doesNotExist();
    assertThat(err.toString()).doesNotContain(older.getFileName().toString());
    assertThat(VerifyCommandTest.tree(index)).isEqualTo(outside);

    String url = capture.get("url").asText();
    Map<String, String> records = VerifyCommandTest.tree(mirror.resolve("articles"));
    assertThat(run("extract")).as(out + "\n" + err).isEqualTo(1);
    // Where zlib notices the flip (inside the body, or at the member's end as the reader moves on) varies with the
    // compressed bytes: the capture alone is left out, or the rest of that file.
    assertThat(linesWith(err.toString(), older.getFileName().toString())).singleElement().asString()
        .contains(older + ": damaged at offset " + capture.get("offset").asLong())
        .containsAnyOf(url + " was not extracted", "the rest of this file was not read, the other files were");
    assertPlain(err.toString());
    assertThat(out.toString()).contains(" not articles, 1 failed");
    // The records, the damaged page's included, are as they were.
    assertThat(VerifyCommandTest.tree(mirror.resolve("articles"))).isEqualTo(records);

    assertThat(run("mirror", "--rebuild")).as(out + "\n" + err).isEqualTo(1);
    assertThat(linesWith(err.toString(), older.getFileName().toString())).singleElement().asString()
        .contains(older + ": damaged at offset " + capture.get("offset").asLong())
        .containsAnyOf(url + " was left out of the copy", "the captures after it were left out of the copy");
    assertPlain(err.toString());
    // The other files were copied: every article captured elsewhere has its page.
    String inDamaged = Files.readString(older.resolveSibling(older.getFileName().toString().replace(".warc.gz", ".cdxj")));
    List<String> pages;
    try (Stream<Path> s = Files.walk(mirror.resolve("site"))) {
      pages = s.map(p -> p.getFileName().toString()).toList();
    }
    for (int id : site.publicArticleIds()) {
      if (!inDamaged.contains("?article" + id + "\"")) assertThat(pages).contains("article" + id + ".html");
    }

    assertThat(run("verify")).isEqualTo(1);
    assertThat(out.toString()).contains("warc/" + older.getFileName() + ": damaged at offset ");
    assertThat(Files.readAllBytes(older)).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "a segment file {0}")
  @ValueSource(strings = {"overwritten", "deleted"})
  void aDamagedIndexMakesTheCrawlExitOneNamingTheIndexAndTheWayOut(String damage) throws Exception {
    IndexDamage.damage(index, damage);
    Map<String, String> damaged = VerifyCommandTest.tree(index);

    assertThat(crawl()).as(out + "\n" + err).isEqualTo(1);
    String all = out + "\n" + err;
    assertThat(linesWith(all, "index --rebuild")).hasSize(1).allMatch(l -> l.contains(index.toString()));
    assertPlain(all);
    assertThat(VerifyCommandTest.tree(index)).isEqualTo(damaged);
    // The way out works, and the archive is intact.
    assertThat(run("index", "--rebuild")).as(err.toString()).isZero();
    assertThat(run("verify")).as(out.toString()).isZero();
  }

  @Test
  void anIndexPathThatIsAFileStopsTheCrawlBeforeItStarts() throws Exception {
    try (Stream<Path> s = Files.walk(index)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
    Files.writeString(index, "not a directory");
    Map<String, String> before = VerifyCommandTest.tree(mirror);
    site.resetJournal();

    assertThat(crawl()).as(out + "\n" + err).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("spip-archiver: " + index + ": is a file, not a directory: give --mirror / --index a directory");
    assertThat(Files.readString(index)).isEqualTo("not a directory");
    assertThat(site.requestedUrls()).isEmpty();
    assertThat(VerifyCommandTest.tree(mirror)).isEqualTo(before);
  }
}
