package org.spiparchiver.crawl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spiparchiver.crawl.CrawlState.Status;
import org.spiparchiver.crawl.CrawlState.UrlRow;
import org.spiparchiver.mirror.HtmlPages;
import org.spiparchiver.mirror.ArticleRecorder;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Image;

/**
 * Article pages: links followed, the record extracted and written through {@link ArticleRecorder}
 * (the change logged first), its images queued; a removal after {@link #GONE_AFTER_RUNS} 404s in a
 * row; records completed with image paths once the images are archived.
 */
final class ArticlePages implements ResponseHandler.KindHandler {
  private static final Logger log = LoggerFactory.getLogger(ArticlePages.class);
  /** A removal is recorded when an article answered 404/410 on this many runs in a row. */
  static final int GONE_AFTER_RUNS = 2;

  private final CrawlContext ctx;
  private final ResponseHandler handler;
  private final ArticleRecorder recorder;
  private final LocalImages localImages;

  ArticlePages(CrawlContext ctx, ResponseHandler handler) {
    this.ctx = ctx;
    this.handler = handler;
    this.recorder = new ArticleRecorder(ctx.records());
    this.localImages = new LocalImages(ctx.rules(), ctx.state());
  }

  @Override
  public void handle(UrlRow row, HttpFetcher.Result r, byte[] body, String type, CrawlRun run, ResponseHandler.Found found) {
    run.pages++;
    // Parsed once, for its links and its record, by the one decoding rule (HtmlPages).
    HtmlPages.Page page = HtmlPages.parse(body, r.header("Content-Type").orElse(null), row.url());
    if (page instanceof HtmlPages.TooComplex tc) {
      // Archived in the WARC as received; neither its links nor its record can be read within the limits.
      String why = TOO_COMPLEX + tc.reason();
      run.failures.add(new CrawlRun.Failure(row.url(), why));
      ctx.listener().skipped(row.url(), why);
      return;
    }
    HtmlPages.Parsed parsed = (HtmlPages.Parsed) page;
    handler.accept(row.url(), Links.html(parsed.document()), found, true);
    found.recordPending = record(row, r, parsed, found, run);
  }

  /** How a page beyond the parse limits is reported (run report, progress). */
  static final String TOO_COMPLEX = "archived, too complex to extract: ";

  /** Extracts and writes the article record; true when it has images, to be completed once they are archived. */
  private boolean record(UrlRow row, HttpFetcher.Result r, HtmlPages.Parsed page, ResponseHandler.Found found, CrawlRun run) {
    WarcArchive.Capture c = r.capture();
    if (c != null && c.revisit() && unchangedRecordStands(row)) return false;
    Optional<Article> extracted;
    try {
      extracted = ctx.articles().article(page.document(), page.warnings(), row.url());
    } catch (RuntimeException e) {
      log.warn("extraction failed for {}: {}", row.url(), e.toString());
      run.failures.add(new CrawlRun.Failure(row.url(), "extraction: " + e));
      return false;
    }
    if (extracted.isEmpty()) return false;
    Article a = extracted.get();
    if (a.published() != null) ctx.state().setPublished(row.url(), publishedInstant(a.published()));
    for (Image img : a.images()) {
      for (String u : new String[] {img.url(), img.originalUrl()}) {
        if (u == null) continue;
        UrlRules.Decision d = ctx.rules().decide(row.url(), u, UrlRules.Role.EMBED);
        if (d.accepted() && ctx.robots().allowed(d.target().url())) found.targets.add(d.target());
      }
    }
    Article withProvenance = c == null ? a
        : a.withProvenance(r.fetchedAt().toString(), c.file(), c.offset(), c.payloadDigest());
    Article complete = localImages.fill(withProvenance, row.url());
    try {
      ArticleRecords.Change change = recorder.record(complete);
      if (change.kind() != ArticleRecords.Change.Kind.UNCHANGED) {
        // Logged before anything else depends on it; a crash and re-fetch records the same change once.
        ctx.state().recordChange(new CrawlState.ArticleChange(a.id(), change.kind(), change.fields(), issueTitle(a),
            c == null ? "none" : c.payloadDigest()), ctx.clock().instant());
      }
      run.article(change);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the record of article " + a.id(), e);
    }
    return !complete.images().isEmpty();
  }

  /**
   * A page whose payload is identical to the archived one (a WARC revisit record): its record
   * stands as it is, so nothing is written or re-indexed. A record marked removed is rewritten.
   */
  private boolean unchangedRecordStands(UrlRow row) {
    if (row.objectId() == null) return false;
    try {
      Optional<Article> existing = ctx.records().read(row.objectId());
      return existing.isPresent() && existing.get().removedAt() == null;
    } catch (IOException e) {
      return false; // an unreadable record is rewritten from the page
    }
  }

  /** Marks the record of an article that answered 404/410 on {@link #GONE_AFTER_RUNS} runs in a row. */
  void markRemoved(UrlRow row, HttpFetcher.Result r) {
    if (row.kind() != UrlKind.ARTICLE || row.objectId() == null || r.status() != 404 && r.status() != 410
        || row.consecutive404s() + 1 < GONE_AFTER_RUNS) {
      return;
    }
    try {
      Optional<Article> a = ctx.records().read(row.objectId());
      if (a.isEmpty() || a.get().removedAt() != null) return;
      String evidence = r.capture() == null ? "HTTP " + r.status() : r.capture().payloadDigest();
      // Logged before the record is marked: a crash in between logs the same change once.
      ctx.state().recordChange(new CrawlState.ArticleChange(a.get().id(), ArticleRecords.Change.Kind.REMOVED, List.of(),
          issueTitle(a.get()), evidence), ctx.clock().instant());
      recorder.markRemoved(a.get().id(), r.fetchedAt().toString());
      ctx.siteCopy().markRemoved(row.url(), r.fetchedAt().toString());
      ctx.listener().info("article " + a.get().id() + " is gone (HTTP " + r.status() + " on " + GONE_AFTER_RUNS
          + " runs in a row): its record is kept, marked removed");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mark the record of article " + row.objectId() + " removed", e);
    }
  }

  /** Fills image paths of records written before their images were archived (also after a crash). */
  void completeRecords(CrawlRun run) {
    CrawlState state = ctx.state();
    for (UrlRow row : state.recordsPending()) {
      try {
        if (row.objectId() == null) {
          state.clearRecordPending(row.url());
          continue;
        }
        Optional<Article> a = ctx.records().read(row.objectId());
        if (a.isEmpty()) continue;
        Article complete = localImages.fill(a.get(), row.url());
        if (!complete.equals(a.get())) ctx.records().write(complete);
        // The flag stays while an image may still arrive (e.g. the run stopped before its original).
        if (localImages.settled(complete, row.url()) || state.count(Status.PENDING) == 0) state.clearRecordPending(row.url());
      } catch (IOException e) {
        run.failures.add(new CrawlRun.Failure(row.url(), "record: " + e.getMessage()));
      }
    }
  }

  private static String issueTitle(Article a) {
    return a.issue() == null ? null : a.issue().title();
  }

  /** An ISO date or date-time of a record as an instant (a date is its start, UTC). */
  static java.time.Instant publishedInstant(String iso) {
    return iso.length() == 10 ? java.time.LocalDate.parse(iso).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
        : java.time.OffsetDateTime.parse(iso).toInstant();
  }
}
