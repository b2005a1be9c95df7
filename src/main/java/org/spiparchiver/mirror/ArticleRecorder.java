package org.spiparchiver.mirror;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.spiparchiver.model.Article;

/**
 * The one place where a fresh extraction becomes an article record, for the crawl and for
 * {@code extract}: merged with the stored record (a removal mark stays unless the capture is newer
 * than the removal), the replaced record kept in the article's history (see {@link ArticleRecords}),
 * and the change typed.
 */
public final class ArticleRecorder {
  private final ArticleRecords records;

  public ArticleRecorder(ArticleRecords records) {
    this.records = records;
  }

  public ArticleRecords records() {
    return records;
  }

  /** Records {@code fresh} (an extraction with its provenance); NEW, MODIFIED (with fields) or UNCHANGED. */
  public ArticleRecords.Change record(Article fresh) throws IOException {
    Optional<Article> stored = records.read(fresh.id());
    return records.write(merge(stored.orElse(null), fresh));
  }

  /**
   * Marks the record of article {@code id} removed at {@code when} (ISO date-time); the REMOVED
   * change, or empty when there is no record or it is marked already.
   */
  public Optional<ArticleRecords.Change> markRemoved(int id, String when) throws IOException {
    Optional<Article> stored = records.read(id);
    if (stored.isEmpty() || stored.get().removedAt() != null) return Optional.empty();
    records.write(stored.get().withRemovedAt(when));
    return Optional.of(new ArticleRecords.Change(id, ArticleRecords.Change.Kind.REMOVED, List.of()));
  }

  /**
   * {@code fresh}, keeping the stored removal mark unless {@code fresh} was captured after the
   * removal, and the stored site when {@code fresh} names none (an offline re-extraction).
   */
  static Article merge(Article stored, Article fresh) {
    if (stored != null && fresh.site() == null && stored.site() != null) fresh = fresh.withSite(stored.site());
    if (stored == null || stored.removedAt() == null || fresh.removedAt() != null) return fresh;
    Instant removed = instant(stored.removedAt());
    Instant captured = instant(fresh.capturedAt());
    boolean newer = captured != null && removed != null && captured.isAfter(removed);
    return newer ? fresh : fresh.withRemovedAt(stored.removedAt());
  }

  private static Instant instant(String iso) {
    if (iso == null) return null;
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(iso);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
