package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.model.Article;
import org.spiparchiver.testing.FixtureSite;

class ExtractCommandTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  static Map<Integer, Article> records(Path mirror) throws Exception {
    ArticleRecords r = new ArticleRecords(mirror);
    Map<Integer, Article> out = new HashMap<>();
    for (int id : r.ids()) out.put(id, r.read(id).orElseThrow());
    return out;
  }

  @Test
  void rebuildsTheRecordsFromTheWarcFilesWithoutNetwork(@TempDir Path mirror) throws Exception {
    String root;
    try (FixtureSite site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start()) {
      root = site.root().toString();
      assertThat(run("--site", root, "--mirror", mirror.toString(), "crawl", "--delay", "2ms", "--no-index")).isZero();
    }
    Map<Integer, Article> crawled = records(mirror);
    try (Stream<Path> files = Files.list(mirror.resolve("articles"))) {
      for (Path f : files.toList()) Files.delete(f);
    }

    // The site is gone: extraction reads the archive only.
    assertThat(run("--site", root, "--mirror", mirror.toString(), "extract")).as(err.toString()).isZero();

    assertThat(records(mirror)).isEqualTo(crawled);
    assertThat(out.toString()).contains(crawled.size() + " records written");
  }

  @Test
  void refusesAMirrorWithoutWarcFiles(@TempDir Path mirror) {
    assertThat(run("--site", "http://127.0.0.1:1/", "--mirror", mirror.toString(), "extract")).isEqualTo(2);
    assertThat(err.toString()).contains("no WARC files");
  }

  @SuppressWarnings("try") // the resource is held for the block, not used in it
  @Test
  void waitsForNoCrawlHoldingTheLock(@TempDir Path mirror) throws Exception {
    Files.createDirectories(mirror.resolve("warc"));
    try (MirrorLock held = MirrorLock.acquire(mirror)) {
      assertThat(run("--site", "http://127.0.0.1:1/", "--mirror", mirror.toString(), "extract")).isEqualTo(3);
    }
  }

  /** One crawl of spip4-dist, copied by the tests that start from an archived mirror. */
  static Path crawled;
  static String crawledRoot;

  @org.junit.jupiter.api.BeforeAll
  static void crawlOnce(@TempDir Path dir) throws Exception {
    crawled = dir.resolve("mirror");
    try (FixtureSite site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start()) {
      crawledRoot = site.root().toString();
      int code = Main.run(new String[] {"--site", crawledRoot, "--mirror", crawled.toString(), "crawl", "--delay", "2ms",
          "--no-index"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
      assertThat(code).isZero();
    }
  }

  static Path copyOfCrawled(Path target) throws Exception {
    try (Stream<Path> all = Files.walk(crawled)) {
      for (Path p : all.toList()) {
        Path t = target.resolve(crawled.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
    return target;
  }

  @Test
  void keepsTheRemovalMarkThatACrawlSet(@TempDir Path dir) throws Exception {
    Path mirror = copyOfCrawled(dir.resolve("m"));
    ArticleRecords records = new ArticleRecords(mirror);
    int id = records.ids().get(0);
    // What a crawl writes when the article answered 404 twice: after its last capture.
    String removedAt = java.time.Instant.now().toString();
    records.write(records.read(id).orElseThrow().withRemovedAt(removedAt));

    assertThat(run("--site", crawledRoot, "--mirror", mirror.toString(), "extract")).as(err.toString()).isZero();

    assertThat(records.read(id).orElseThrow().removedAt()).isEqualTo(removedAt);
  }

  @Test
  void recordsTheChangesItMakesInTheChangeLogForTheNextReport(@TempDir Path dir) throws Exception {
    Path mirror = copyOfCrawled(dir.resolve("m"));
    ArticleRecords records = new ArticleRecords(mirror);
    int id = records.ids().get(0);
    Article stored = records.read(id).orElseThrow();
    // A record made by an older extractor that read another title.
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        (com.fasterxml.jackson.databind.node.ObjectNode) org.spiparchiver.model.Json.mapper().readTree(records.file(id).toFile());
    tree.put("title", "An older reading of the title");
    Files.write(records.file(id), org.spiparchiver.model.Json.mapper().writeValueAsBytes(tree));

    assertThat(run("--site", crawledRoot, "--mirror", mirror.toString(), "extract")).as(err.toString()).isZero();

    assertThat(records.read(id).orElseThrow().title()).isEqualTo(stored.title());
    assertThat(records.history(id)).hasSize(1);
    try (org.spiparchiver.crawl.CrawlState state = org.spiparchiver.crawl.CrawlState.open(mirror.resolve("crawl.db"))) {
      assertThat(state.unreportedChanges()).singleElement().satisfies(c -> {
        assertThat(c.articleId()).isEqualTo(id);
        assertThat(c.kind()).isEqualTo(ArticleRecords.Change.Kind.MODIFIED);
        assertThat(c.fields()).containsExactly("title");
      });
    }
    assertThat(out.toString()).contains("1 modified");
  }
}
