package org.spiparchiver.crawl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.ArticleSource;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.model.Article;

/**
 * {@code extract}: the article records rebuilt from the WARC files alone, no network (after an
 * extractor improvement, say). Captures are read in archive order, so the latest capture of an
 * article makes its record; revisit records carry no payload and change nothing.
 */
public final class Reextraction {

  /** What a re-extraction did. */
  public record Result(int captures, int written, int unchanged, int notArticles, int failed) {}

  /** Pages larger than this are not article pages (the crawl's body cap is 20 MB by default). */
  private static final long MAX_PAGE = 64L << 20;

  private final Path mirror;
  private final URI site;
  private final ArticleSource source;

  public Reextraction(Path mirror, URI site, ArticleSource source) {
    this.mirror = mirror;
    this.site = site;
    this.source = source;
  }

  @SuppressWarnings("try") // the resource is held for the block, not used in it
  public Result run() throws IOException, MirrorLock.Held {
    try (MirrorLock lock = MirrorLock.acquire(mirror)) {
      UrlRules rules = new UrlRules(site, java.util.List.of());
      ArticleRecords records = new ArticleRecords(mirror);
      Path db = mirror.resolve("crawl.db");
      try (CrawlState state = Files.exists(db) ? CrawlState.open(db) : null) {
        LocalImages images = state == null ? null : new LocalImages(rules, state);
        int captures = 0;
        int written = 0;
        int unchanged = 0;
        int other = 0;
        int failed = 0;
        for (Path file : WarcArchive.files(mirror.resolve("warc"))) {
          try (WarcReader reader = new WarcReader(file)) {
            for (WarcRecord rec : reader) {
              if (!(rec instanceof WarcResponse resp)) continue;
              long offset = reader.position();
              URI target = resp.targetURI();
              UrlRules.Decision d = rules.decide(target, UrlRules.Role.NAVIGATION);
              if (!d.accepted() || d.target().kind() != UrlKind.ARTICLE || resp.http().status() != 200) continue;
              captures++;
              byte[] html;
              try (InputStream in = resp.http().bodyDecoded().stream()) {
                html = in.readNBytes((int) MAX_PAGE);
              }
              Optional<Article> a;
              try {
                a = source.article(html, d.target().url());
              } catch (RuntimeException e) {
                failed++;
                continue;
              }
              if (a.isEmpty()) {
                other++;
                continue;
              }
              Article rec2 = a.get().withProvenance(resp.date().toString(), file.getFileName().toString(), offset,
                  resp.payloadDigest().map(x -> x.algorithm() + ":" + x.base32()).orElse(null));
              if (images != null) rec2 = images.fill(rec2, d.target().url());
              if (records.write(rec2).kind() == ArticleRecords.Change.Kind.UNCHANGED) unchanged++;
              else written++;
            }
          }
        }
        return new Result(captures, written, unchanged, other, failed);
      }
    }
  }
}
