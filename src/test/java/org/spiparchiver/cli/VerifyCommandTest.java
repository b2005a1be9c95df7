package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.model.Json;
import org.spiparchiver.testing.FixtureSite;

/**
 * {@code verify} and the archive's safety end to end: one crawl of the spip4-dist fixture for the
 * class, copied for each case; each case asserts the exit code, the message, that nothing outside
 * the mirror changed, and what verify says of the archive afterwards.
 */
class VerifyCommandTest {
  static FixtureSite site;
  @TempDir static Path shared;
  static Path pristine;

  @TempDir Path work;
  Path mirror;
  Path index;
  StringWriter out;
  StringWriter err;

  @BeforeAll
  static void crawlOnce() throws Exception {
    site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start();
    pristine = shared.resolve("mirror");
    int code = Main.run(new String[] {"--site", site.root().toString(), "--mirror", pristine.toString(), "--index",
        pristine.resolveSibling("index").toString(), "crawl", "--delay", "2ms"}, new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
    assertThat(code).isZero();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  @BeforeEach
  void copy() throws IOException {
    mirror = work.resolve("mirror");
    index = work.resolve("index");
    copyTree(pristine, mirror);
    copyTree(pristine.resolveSibling("index"), index);
    out = new StringWriter();
    err = new StringWriter();
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
  }

  /** Every file under {@code dir} with the SHA-256 of its content. */
  static Map<String, String> tree(Path dir) throws Exception {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    }
    return m;
  }

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    String[] all = Stream.concat(Stream.of("--mirror", mirror.toString(), "--index", index.toString()), Stream.of(args))
        .toArray(String[]::new);
    return Main.run(all, new PrintWriter(out), new PrintWriter(err));
  }

  Path newestWarc() throws IOException {
    List<Path> files = WarcArchive.files(mirror.resolve("warc"));
    return files.get(files.size() - 1);
  }

  @Test
  void findsAFreshCrawlIntactAndChangesNothing() throws Exception {
    Map<String, String> before = tree(work);

    assertThat(run("verify")).as(err.toString()).isZero();
    assertThat(out.toString()).contains(": intact").contains("records read back").contains("pages in the offline copy")
        .doesNotContain("problem");
    assertThat(run("verify", "--quick")).as(out.toString()).isZero();
    assertThat(run("verify", "--json")).isZero();
    JsonNode j = Json.mapper().readTree(out.toString());
    assertThat(j.get("intact").asBoolean()).isTrue();
    assertThat(j.get("articles").asInt()).isEqualTo(site.publicArticleIds().size());
    assertThat(j.get("index_articles").asInt()).isEqualTo(site.publicArticleIds().size());
    assertThat(j.get("crawl_db_captures").asLong()).isPositive();
    assertThat(j.get("problems")).isEmpty();

    assertThat(tree(work)).isEqualTo(before);
  }

  @Test
  @SuppressWarnings("try") // the lock is held for the block, not used in it
  void runsWhileACrawlHoldsTheLock() throws Exception {
    try (MirrorLock lock = MirrorLock.acquire(mirror)) {
      assertThat(run("verify")).as(out.toString()).isZero();
    }
  }

  @Test
  void reportsAFlippedByteNamingTheFileAndOffset() throws Exception {
    Path warc = newestWarc();
    byte[] bytes = Files.readAllBytes(warc);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(warc, bytes);

    assertThat(run("verify")).isEqualTo(1);
    assertThat(out.toString()).contains("problem").contains("warc/" + warc.getFileName() + ": damaged at offset ");
  }

  @Test
  void aCrawlSetsADamagedFileAsideWithEveryByteAndExitsOne() throws Exception {
    Path warc = newestWarc();
    byte[] bytes = Files.readAllBytes(warc);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(warc, bytes);
    Map<String, String> outside = tree(work.resolve("index"));

    int code = Main.run(new String[] {"--site", site.root().toString(), "--mirror", mirror.toString(), "crawl",
        "--delay", "2ms", "--no-index", "--max-requests", "3"}, new PrintWriter(out), new PrintWriter(err));

    assertThat(code).as(out + "\n" + err).isEqualTo(1);
    assertThat(err.toString()).containsOnlyOnce("WARC file damaged at offset").contains(".damaged");
    Path aside = warc.resolveSibling(warc.getFileName() + WarcArchive.DAMAGED);
    assertThat(Files.readAllBytes(aside)).isEqualTo(bytes);
    assertThat(newestWarc()).isNotEqualTo(warc);
    assertThat(tree(work.resolve("index"))).isEqualTo(outside);
    assertThat(run("verify")).isEqualTo(1);
    assertThat(out.toString()).contains(aside.getFileName() + ": a damaged WARC file set aside");
  }

  @Test
  void reportsAMissingOfflinePage() throws Exception {
    int id = site.publicArticleIds().iterator().next();
    Path page;
    try (Stream<Path> s = Files.walk(mirror.resolve("site"))) {
      page = s.filter(p -> p.getFileName().toString().equals("article" + id + ".html")).findFirst().orElseThrow();
    }
    Files.delete(page);

    assertThat(run("verify")).isEqualTo(1);
    assertThat(out.toString()).contains("articles/" + id + ".json: article " + id + ": its page is missing");
  }

  @Test
  void reportsAnIndexThatLacksAnArticle() throws Exception {
    int id = site.publicArticleIds().iterator().next();
    Files.delete(mirror.resolve("articles/" + id + ".json"));

    assertThat(run("verify")).isEqualTo(1);
    assertThat(out.toString()).contains("articles searchable but removed or without a record: " + id);
  }

  @Test
  void refusesADirectoryThatIsNotAnArchive() throws Exception {
    mirror = Files.createDirectories(work.resolve("empty"));
    assertThat(run("verify")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("spip-archiver: " + mirror + ": not an archive (no warc/ directory, no crawl.db)");
  }
}
