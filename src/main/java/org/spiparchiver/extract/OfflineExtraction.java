package org.spiparchiver.extract;

import java.io.IOException;
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
import org.spiparchiver.mirror.BodyLimit;
import org.spiparchiver.mirror.WarcPayloads;
import org.spiparchiver.mirror.ArticleSource;
import org.spiparchiver.mirror.MirrorLayout;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.mirror.WarcScan;
import org.spiparchiver.model.Article;

/**
 * {@code extract}: the article records rebuilt from the WARC files alone, no network (after an
 * extractor improvement, say), for every site of the archive, each from its own WARC files into its
 * own records. Captures are read in archive order, so the latest capture of an
 * article makes its record; revisit records carry no payload and change nothing. Records go through
 * {@link ArticleRecorder}, as in the crawl: a removal mark stays, history is kept, and the changes
 * reach the crawl's change log (so the next run report lists them).
 */
public final class OfflineExtraction {

  /**
   * What a re-extraction did; {@code changes} are the NEW and MODIFIED records; {@code skipped}: the
   * captures whose body decodes beyond crawl.max_body_size, one line each naming the URL (counted in
   * {@code failed}).
   */
  public record Result(int captures, int written, int unchanged, int notArticles, int failed,
      List<ArticleRecords.Change> changes, List<String> skipped) {}

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

  /** Opens the bookkeeping of a site's mirror once the archive's lock is held. */
  @FunctionalInterface
  public interface BookkeepingOpener {
    Bookkeeping open(MirrorLayout layout, URI site);
  }

  /**
   * One site of the archive: its own mirror ({@code root}), its address (the base of its canonical
   * article URLs) and its extraction, which names the site in its records as the crawl does.
   */
  public record Source(Path root, URI site, ArticleSource articles) {}

  private final Path archive;
  private final List<Source> sources;
  private final BookkeepingOpener bookkeeping;
  private final long maxBody;

  /** The records of every site of the archive at {@code archive}; {@code maxBody}: crawl.max_body_size. */
  public OfflineExtraction(Path archive, List<Source> sources, BookkeepingOpener bookkeeping, long maxBody) {
    this.archive = archive;
    this.sources = List.copyOf(sources);
    this.bookkeeping = bookkeeping;
    this.maxBody = maxBody;
  }

  @SuppressWarnings("try") // the lock is held for the block, not used in it
  public Result run() throws IOException, MirrorLock.Held {
    try (MirrorLock lock = MirrorLock.acquire(archive)) {
      Tally t = new Tally();
      for (Source source : sources) {
        MirrorLayout layout = new MirrorLayout(source.root());
        try (Bookkeeping books = bookkeeping.open(layout, source.site())) {
          ArticleRecorder recorder = new ArticleRecorder(new ArticleRecords(layout.root()));
          for (Path file : WarcArchive.files(layout.warcDir())) extract(source, file, recorder, books, t);
        }
      }
      return new Result(t.captures, t.written, t.unchanged, t.other, t.failed, t.changes, List.copyOf(t.skipped));
    }
  }

  /** What the captures read so far did. */
  private static final class Tally {
    int captures;
    int written;
    int unchanged;
    int other;
    int failed;
    final List<ArticleRecords.Change> changes = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
  }

  /** The article captures of one WARC file; a file damaged midway is named, and read up to the damage. */
  private void extract(Source source, Path file, ArticleRecorder recorder, Bookkeeping books, Tally t) throws IOException {
    try (WarcReader reader = new WarcReader(file)) {
      try {
        extract(source, file, reader, recorder, books, t);
      } catch (IOException | java.io.UncheckedIOException e) {
        if (!WarcScan.isDamage(e)) throw e;
        t.failed++;
        t.skipped.add(WarcScan.damagedLine(file, reader.position(), e, "the rest of this file was not read, the other files were"));
      }
    }
  }

  private void extract(Source source, Path file, WarcReader reader, ArticleRecorder recorder, Bookkeeping books, Tally t)
      throws IOException {
    for (WarcRecord rec : reader) {
      if (!(rec instanceof WarcResponse resp)) continue;
      long offset = reader.position();
      Optional<SpipUrls.SpipRef> ref = SpipUrls.parse(resp.targetURI());
      if (ref.isEmpty() || ref.get().kind() != SpipUrls.Kind.ARTICLE || resp.http().status() != 200) continue;
      URI page = SpipUrls.canonicalArticleUrl(source.site(), ref.get().id());
      t.captures++;
      WarcPayloads.Payload html;
      try {
        html = WarcPayloads.of(resp, maxBody);
      } catch (BodyLimit.Exceeded e) {
        t.failed++;
        t.skipped.add(BodyLimit.skippedLine(resp.targetURI(), e));
        continue;
      } catch (IOException e) {
        if (!WarcScan.isDamage(e)) throw e;
        t.failed++;
        t.skipped.add(WarcScan.damagedLine(file, offset, e, resp.targetURI() + " was not extracted"));
        continue;
      }
      Optional<Article> a;
      try {
        // The archived Content-Type's charset counts, as in the crawl (HtmlPages' one rule).
        a = source.articles().article(html.body(), html.contentType(), page);
      } catch (RuntimeException e) {
        t.failed++;
        continue;
      }
      if (a.isEmpty()) {
        t.other++;
        continue;
      }
      Article record = a.get().withProvenance(resp.date().toString(), file.getFileName().toString(), offset,
          resp.payloadDigest().map(x -> x.algorithm() + ":" + x.base32()).orElse(null));
      record = books.fill(record, page);
      ArticleRecords.Change change = recorder.record(record);
      if (change.kind() == ArticleRecords.Change.Kind.UNCHANGED) {
        t.unchanged++;
      } else {
        t.written++;
        t.changes.add(change);
        books.changed(change, record);
      }
    }
  }
}
