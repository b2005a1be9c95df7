package org.spiparchiver.crawl;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.spiparchiver.crawl.CrawlState.FailingUrl;
import org.spiparchiver.crawl.CrawlState.FetchRecord;
import org.spiparchiver.crawl.CrawlState.Status;
import org.spiparchiver.mirror.WarcArchive;

/** What each fetch left on its URL's row: answer, validators, capture, failures. */
final class FetchLog {
  private final StateDb db;

  FetchLog(StateDb db) {
    this.db = db;
  }

  void recordFetch(URI url, FetchRecord r) {
    boolean gone = r.httpStatus() == 404 || r.httpStatus() == 410;
    boolean ok = r.httpStatus() < 400;
    db.update("""
        UPDATE urls SET status=?, http_status=?, attempts=attempts+1, last_error=NULL, digest=COALESCE(?, digest),
          etag=COALESCE(?, etag), last_modified=COALESCE(?, last_modified), fetched_at=?, warc_file=COALESCE(?, warc_file), warc_offset=COALESCE(?, warc_offset),
          last_verified=CASE WHEN ? THEN ? ELSE last_verified END,
          consecutive_404s=CASE WHEN ? THEN consecutive_404s+1 WHEN ? THEN 0 ELSE consecutive_404s END,
          listing_digest=?, record_pending=?, failing_since=NULL, in_flight=0,
          original_id=COALESCE(?, original_id), original_at=CASE WHEN ? IS NULL THEN original_at ELSE ? END,
          original_url=CASE WHEN ? IS NULL THEN original_url ELSE NULL END
        WHERE url=?""",
        Status.FETCHED, r.httpStatus(), r.digest(), r.etag(), r.lastModified(), r.fetchedAt().toEpochMilli(), r.warcFile(),
        r.warcFile() == null ? null : r.warcOffset(), ok, r.fetchedAt().toEpochMilli(), gone, ok,
        r.listingDigest(), r.recordPending() ? 1 : 0, r.responseId() == null ? null : r.responseId().toString(),
        r.responseId() == null ? null : 1, r.fetchedAt().toString(), r.responseId() == null ? null : 1, url.toString());
  }

  /**
   * The last payload archived for {@code url} and the response record holding it: a revisit names
   * that original response, not the revisit before it (rows from before original_* fall back to the last fetch).
   */
  WarcArchive.Previous previousCapture(URI url) {
    return db.query("SELECT digest, fetched_at, original_at, original_id, original_url FROM urls "
        + "WHERE url=? AND digest IS NOT NULL AND fetched_at IS NOT NULL",
        rs -> new WarcArchive.Previous(rs.getString(1), rs.getString(5) == null ? url : URI.create(rs.getString(5)),
            rs.getString(3) == null ? Instant.ofEpochMilli(rs.getLong(2)) : Instant.parse(rs.getString(3)),
            rs.getString(4) == null ? null : URI.create(rs.getString(4))), url.toString())
        .stream().findFirst().orElse(null);
  }

  void recordFailure(URI url, Status status, String error, Instant now) {
    db.update("UPDATE urls SET status=?, attempts=attempts+1, last_error=?, failing_since=COALESCE(failing_since, ?), in_flight=0 "
        + "WHERE url=?", status, error, now.toEpochMilli(), url.toString());
  }

  /** Skipped as over {@code limit} (crawl.max_body_size): TOO_LARGE until a run has a larger limit. */
  void recordTooLarge(URI url, String why, long limit, Instant now) {
    db.transaction(() -> {
      recordFailure(url, Status.TOO_LARGE, why, now);
      db.update("UPDATE urls SET skipped_over=? WHERE url=?", limit, url.toString());
    });
  }

  /** URLs skipped as over a smaller limit than {@code limit} go back to the frontier; the number of URLs. */
  int requeueTooLarge(long limit) {
    return db.update("UPDATE urls SET status=? WHERE status=? AND (skipped_over IS NULL OR skipped_over<?)", Status.PENDING,
        Status.TOO_LARGE, limit);
  }

  /** A URL crashing (or stalling) the run this many times is quarantined: no run-level crash loop. */
  static final int QUARANTINE_AFTER = 2;
  static final String QUARANTINED = "quarantined after crashing or stalling the run " + QUARANTINE_AFTER
      + " times, skipped until crawl --retry-failed: ";

  void markInFlight(URI url) {
    db.update("UPDATE urls SET in_flight=1 WHERE url=?", url.toString());
  }

  Status recordCrash(URI url, String error, Instant now) {
    long crashes = db.queryLong("SELECT crashes FROM urls WHERE url=?", url.toString()) + 1;
    Status status = crashes >= QUARANTINE_AFTER ? Status.QUARANTINED : Status.FAILED;
    db.update("UPDATE urls SET crashes=? WHERE url=?", crashes, url.toString());
    recordFailure(url, status, status == Status.QUARANTINED ? QUARANTINED + error : error, now);
    return status;
  }

  List<FailingUrl> countInterruptedRuns(Instant now) {
    List<FailingUrl> out = new java.util.ArrayList<>();
    db.transaction(() -> {
      db.update("UPDATE urls SET crashes=crashes+1, in_flight=0, last_error=?, failing_since=COALESCE(failing_since, ?) "
          + "WHERE in_flight=1", "a run stopped while handling it (crash or stall)", now.toEpochMilli());
      out.addAll(db.query("SELECT url, http_status, last_error, attempts, failing_since FROM urls WHERE crashes>=? AND status<>?",
          rs -> new FailingUrl(URI.create(rs.getString("url")), (Integer) rs.getObject("http_status"),
              QUARANTINED + rs.getString("last_error"), rs.getInt("attempts"), StateDb.instant(rs, "failing_since")),
          QUARANTINE_AFTER, Status.QUARANTINED));
      for (FailingUrl f : out) {
        db.update("UPDATE urls SET status=?, last_error=? WHERE url=?", Status.QUARANTINED, f.lastError(), f.url().toString());
      }
    });
    return out;
  }

  int releaseQuarantine() {
    return db.update("UPDATE urls SET status=?, crashes=0 WHERE status=?", Status.PENDING, Status.QUARANTINED);
  }

  long archivedImages() {
    return db.queryLong("SELECT COUNT(*) FROM urls WHERE state_kind='image' AND http_status IN (200, 304)");
  }

  List<FailingUrl> failingUrls() {
    return db.query("""
        SELECT url, http_status, last_error, attempts, failing_since FROM urls
        WHERE status=? OR status=? OR status=? OR http_status>=500
        ORDER BY failing_since IS NULL, failing_since, url""",
        rs -> new FailingUrl(URI.create(rs.getString("url")), (Integer) rs.getObject("http_status"),
            rs.getString("last_error"), rs.getInt("attempts"), StateDb.instant(rs, "failing_since")), Status.FAILED,
        Status.TOO_LARGE, Status.QUARANTINED);
  }
}
