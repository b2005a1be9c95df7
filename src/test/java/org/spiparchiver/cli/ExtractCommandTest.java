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
}
