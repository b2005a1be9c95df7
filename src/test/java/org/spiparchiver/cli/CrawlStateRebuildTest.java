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
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.model.Article;
import org.spiparchiver.testing.FixtureSite;

/**
 * A deleted or damaged crawl.db is rebuilt from the archive (WARC files and records): the next crawl
 * fetches what a crawl with the intact crawl.db fetches, not the whole site again.
 */
class CrawlStateRebuildTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  static FixtureSite spip4;
  /** A mirror after one complete crawl, copied for each test. */
  static Path crawled;
  /** Article pages a re-crawl with the intact crawl.db requests (the normal revisit budget and discovery). */
  static List<String> intactArticleRequests;
  @TempDir Path mirror;

  @BeforeAll
  static void crawlOnce(@TempDir Path dir) throws Exception {
    spip4 = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start();
    crawled = dir.resolve("crawled");
    StringWriter log = new StringWriter();
    assertThat(Main.run(CrawlCommandTest.crawlArgs(spip4, crawled), new PrintWriter(log), new PrintWriter(log)))
        .as(log.toString()).isZero();
    Path intact = dir.resolve("intact");
    copyTree(crawled, intact);
    spip4.resetJournal();
    assertThat(Main.run(CrawlCommandTest.crawlArgs(spip4, intact), new PrintWriter(log), new PrintWriter(log)))
        .as(log.toString()).isZero();
    intactArticleRequests = articleRequests();
    // A full re-crawl would ask for every article: the comparison below would catch it.
    assertThat(intactArticleRequests.size()).isLessThan(spip4.publicArticleIds().size());
  }

  @AfterAll
  static void stopServer() {
    spip4.close();
  }

  @BeforeEach
  void copyArchive() throws IOException {
    spip4.reset();
    copyTree(crawled, mirror);
  }

  int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void deletedCrawlDbIsRebuiltFromTheArchiveNotRecrawled() throws Exception {
    Map<Integer, Article> before = records(mirror);
    for (String f : List.of("crawl.db", "crawl.db-wal", "crawl.db-shm")) Files.deleteIfExists(mirror.resolve(f));

    assertThat(run(CrawlCommandTest.crawlArgs(spip4, mirror))).as(out + "" + err).isZero();

    assertThat(out + "" + err).contains("crawl.db missing: rebuilt from the archive");
    assertThat(articleRequests()).as("article pages requested").hasSameElementsAs(intactArticleRequests);
    assertThat(records(mirror)).isEqualTo(before);
    assertThat(run("--mirror", mirror.toString(), "verify")).as(out + "" + err).isZero();
  }

  @Test
  void damagedCrawlDbIsNamedWithTheWayOutAndKept() throws Exception {
    byte[] garbage = "this is not a SQLite database, it was overwritten by accident".repeat(100).getBytes();
    Path db = mirror.resolve("crawl.db");
    for (String f : List.of("crawl.db-wal", "crawl.db-shm")) Files.deleteIfExists(mirror.resolve(f));
    Files.write(db, garbage);

    assertThat(run(CrawlCommandTest.crawlArgs(spip4, mirror))).as(out + "" + err).isEqualTo(2);

    String message = err.toString().strip();
    assertThat(message).contains(db.toString()).contains("crawl --rebuild-state").doesNotContain("Exception").doesNotContain("\n");
    assertThat(Files.readAllBytes(db)).isEqualTo(garbage);
    assertThat(spip4.requestedUrls()).isEmpty();
  }

  @Test
  void aCrawlDbWithAPageOverwrittenInTheMiddleIsNamedWithTheWayOutByCrawlAndStatus() throws Exception {
    Path db = mirror.resolve("crawl.db");
    for (String f : List.of("crawl.db-wal", "crawl.db-shm")) Files.deleteIfExists(mirror.resolve(f));
    byte[] bytes = Files.readAllBytes(db);
    int pageSize = ((bytes[16] & 0xff) << 8 | (bytes[17] & 0xff)) == 1 ? 65536 : (bytes[16] & 0xff) << 8 | (bytes[17] & 0xff);
    int pages = bytes.length / pageSize;
    assertThat(pages).as("a real crawl.db of several pages").isGreaterThan(8);
    byte[] garbage = new byte[pageSize];
    new java.util.Random(11).nextBytes(garbage);
    System.arraycopy(garbage, 0, bytes, pages / 2 * pageSize, pageSize);
    Files.write(db, bytes);

    assertThat(run(CrawlCommandTest.crawlArgs(spip4, mirror))).as(out + "" + err).isEqualTo(2);

    assertThat(err.toString().strip()).startsWith("spip-archiver: cannot open crawl state " + db + ": damaged")
        .contains("crawl --rebuild-state").doesNotContain("Exception").doesNotContain("\n");
    assertThat(spip4.requestedUrls()).isEmpty();
    assertThat(Files.readAllBytes(db)).isEqualTo(bytes);

    err.getBuffer().setLength(0);
    assertThat(run("--mirror", mirror.toString(), "status")).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith("spip-archiver: cannot open crawl state " + db + ": damaged")
        .contains("crawl --rebuild-state").doesNotContain("\n");
  }

  @Test
  void rebuildStateSetsTheDamagedFileAsideAndCrawlsOnlyWhatIsDue() throws Exception {
    Map<Integer, Article> before = records(mirror);
    byte[] garbage = "not a database".repeat(300).getBytes();
    for (String f : List.of("crawl.db-wal", "crawl.db-shm")) Files.deleteIfExists(mirror.resolve(f));
    Files.write(mirror.resolve("crawl.db"), garbage);

    assertThat(run(CrawlCommandTest.crawlArgs(spip4, mirror, "--rebuild-state"))).as(out + "" + err).isZero();

    assertThat(out + "" + err).contains("rebuilt from the archive");
    try (Stream<Path> s = Files.list(mirror)) {
      List<Path> aside = s.filter(p -> p.getFileName().toString().startsWith("crawl.db.damaged-")).toList();
      assertThat(aside).hasSize(1);
      assertThat(Files.readAllBytes(aside.get(0))).isEqualTo(garbage);
    }
    assertThat(articleRequests()).hasSameElementsAs(intactArticleRequests);
    assertThat(records(mirror)).isEqualTo(before);
    assertThat(run("--mirror", mirror.toString(), "verify")).as(out + "" + err).isZero();
  }

  private static List<String> articleRequests() {
    return spip4.requestedUrls().stream().filter(u -> u.matches(".*article\\d+.*")).toList();
  }

  private static Map<Integer, Article> records(Path mirror) throws Exception {
    ArticleRecords r = new ArticleRecords(mirror);
    Map<Integer, Article> out = new java.util.HashMap<>();
    for (int id : r.ids()) out.put(id, r.read(id).orElseThrow());
    return out;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else if (!p.getFileName().toString().equals(".lock")) Files.copy(p, target);
      }
    }
  }
}
