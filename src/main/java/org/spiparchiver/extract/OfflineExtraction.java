package org.spiparchiver.extract;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.spiparchiver.mirror.ArticleRecorder;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.ArticleSource;
import org.spiparchiver.mirror.MirrorLayout;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.model.Article;

/**
 * {@code extract}: the article records rebuilt from the WARC files alone, no network (after an
 * extractor improvement, say). Captures are read in archive order, so the latest capture of an
 * article makes its record; revisit records carry no payload and change nothing. Records go through
 * {@link ArticleRecorder}, as in the crawl: a removal mark stays, history is kept, and the changes
 * reach the crawl's change log (so the next run report lists them).
 */
public final class OfflineExtraction {

  /** What a re-extraction did; {@code changes} are the NEW and MODIFIED records. */
  public record Result(int captures, int written, int unchanged, int notArticles, int failed,
      List<ArticleRecords.Change> changes) {}

  /** What the crawl state adds to records rebuilt offline, while the mirror lock is held. */
  public interface Bookkeeping extends AutoCloseable {
    /** {@code a} with its images' archive paths filled in. */
    Article fill(Article a, URI page);

    /** A record changed ({@code change} NEW or MODIFIED): logged for the next run report. */
    void changed(ArticleRecords.Change change, Article a);

    @Override
    void close();

    Bookkeeping NONE = new Bookkeeping() {
      @Override
      public Article fill(Article a, URI page) {
        return a;
      }

      @Override
      public void changed(ArticleRecords.Change change, Article a) {}

      @Override
      public void close() {}
    };
  }

  /** Opens the bookkeeping of a mirror once its lock is held. */
  @FunctionalInterface
  public interface BookkeepingOpener {
    Bookkeeping open(MirrorLayout layout);
  }

  /** Pages larger than this are not article pages (the crawl's body cap is 20 MB by default). */
  private static final long MAX_PAGE = 64L << 20;

  private final MirrorLayout layout;
  private final URI site;
  private final ArticleSource source;
  private final BookkeepingOpener bookkeeping;

  public OfflineExtraction(Path mirror, URI site, ArticleSource source, BookkeepingOpener bookkeeping) {
    this.layout = new MirrorLayout(mirror);
    this.site = site;
    this.source = source;
    this.bookkeeping = bookkeeping;
  }

  @SuppressWarnings("try") // the lock is held for the block, not used in it
  public Result run() throws IOException, MirrorLock.Held {
    try (MirrorLock lock = MirrorLock.acquire(layout.root()); Bookkeeping books = bookkeeping.open(layout)) {
      ArticleRecorder recorder = new ArticleRecorder(new ArticleRecords(layout.root()));
      int captures = 0;
      int written = 0;
      int unchanged = 0;
      int other = 0;
      int failed = 0;
      List<ArticleRecords.Change> changes = new ArrayList<>();
      for (Path file : WarcArchive.files(layout.warcDir())) {
        try (WarcReader reader = new WarcReader(file)) {
          for (WarcRecord rec : reader) {
            if (!(rec instanceof WarcResponse resp)) continue;
            long offset = reader.position();
            Optional<SpipUrls.SpipRef> ref = SpipUrls.parse(resp.targetURI());
            if (ref.isEmpty() || ref.get().kind() != SpipUrls.Kind.ARTICLE || resp.http().status() != 200) continue;
            URI page = SpipUrls.canonicalArticleUrl(site, ref.get().id());
            captures++;
            byte[] html;
            try (InputStream in = resp.http().bodyDecoded().stream()) {
              html = in.readNBytes((int) MAX_PAGE);
            }
            Optional<Article> a;
            try {
              a = source.article(html, page);
            } catch (RuntimeException e) {
              failed++;
              continue;
            }
            if (a.isEmpty()) {
              other++;
              continue;
            }
            Article record = a.get().withProvenance(resp.date().toString(), file.getFileName().toString(), offset,
                resp.payloadDigest().map(x -> x.algorithm() + ":" + x.base32()).orElse(null));
            record = books.fill(record, page);
            ArticleRecords.Change change = recorder.record(record);
            if (change.kind() == ArticleRecords.Change.Kind.UNCHANGED) {
              unchanged++;
            } else {
              written++;
              changes.add(change);
              books.changed(change, record);
            }
          }
        }
      }
      return new Result(captures, written, unchanged, other, failed, changes);
    }
  }
}
