package org.spiparchiver.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.spiparchiver.config.Config;
import org.spiparchiver.extract.ArticleExtractor;
import org.spiparchiver.extract.PageResult;
import org.spiparchiver.testing.CrawlHarness;
import org.spiparchiver.testing.FixtureSite;

/**
 * One crawl of the spip4-dist fixture with the real extractor, shared by the export tests of a test
 * run (the mirror is only read by them): WARC files, CDXJ, records with local images, offline copy.
 */
public final class CrawledArchive {
  private static Path mirror;

  private CrawledArchive() {}

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }

  public static synchronized Path mirror() {
    if (mirror != null) return mirror;
    try {
      Path dir = Files.createTempDirectory("export-archive");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      try (FixtureSite site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start()) {
        CrawlHarness harness = new CrawlHarness(site.root(), dir.resolve("mirror"));
        ArticleExtractor extractor = new ArticleExtractor(Config.defaults().extraction());
        harness.source = (html, url) -> extractor.extract(html, url) instanceof PageResult.ArticlePage p
            ? Optional.of(p.article()) : Optional.empty();
        harness.crawl();
      }
      mirror = dir.resolve("mirror");
      return mirror;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("fixture crawl failed", e);
    }
  }
}
