package org.spiparchiver.crawl;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.spiparchiver.crawl.CrawlState.Archived;
import org.spiparchiver.crawl.CrawlState.Status;
import org.spiparchiver.crawl.CrawlState.UrlRow;
import org.spiparchiver.crawl.revisit.RevisitPlanner;

/**
 * The URLs of the crawl state ({@code urls} table): one row per canonical URL, which is also the
 * frontier (pending rows, by priority then discovery order).
 */
final class Frontier {
  static final String COLUMNS = "url, kind, object_id, status, http_status, attempts, last_error, digest, etag, "
      + "last_modified, fetched_at, warc_file, warc_offset, first_seen, last_verified, consecutive_404s, "
      + "listing_digest, redirect_hops, record_pending";

  private final StateDb db;

  Frontier(StateDb db) {
    this.db = db;
  }

  /** Adds a URL to the frontier unless it is known already; true when it is new. */
  boolean discover(CrawlTarget t, Instant now, URI from, int redirectHops) {
    return db.update("""
        INSERT OR IGNORE INTO urls(url, kind, state_kind, object_id, priority, status, first_seen, redirect_hops, discovered_from)
        VALUES(?,?,?,?,?,?,?,?,?)""",
        t.url().toString(), t.kind().name(), t.kind().stateKind(), t.objectId(), t.kind().priority, Status.PENDING,
        now.toEpochMilli(), redirectHops, from == null ? null : from.toString()) > 0;
  }

  void requeue(URI url) {
    db.update("UPDATE urls SET status=? WHERE url=? AND status NOT IN (?, ?)", Status.PENDING, url.toString(), Status.DISALLOWED,
        Status.QUARANTINED);
  }

  void requeue(URI url, int priority) {
    db.update("UPDATE urls SET status=?, priority=? WHERE url=? AND status NOT IN (?, ?)", Status.PENDING, priority,
        url.toString(), Status.DISALLOWED, Status.QUARANTINED);
  }

  /** Every URL in {@code from} goes back to the frontier; the number of rows. */
  int requeueAll(Status from) {
    return db.update("UPDATE urls SET status=? WHERE status=?", Status.PENDING, from);
  }

  /** An archived article back in the frontier at {@code priority}; true when it was archived. */
  boolean requeueArticle(int articleId, int priority) {
    return db.update("UPDATE urls SET status=?, priority=? WHERE kind='ARTICLE' AND object_id=? AND status=?",
        Status.PENDING, priority, articleId, Status.FETCHED) > 0;
  }

  List<URI> newestRubriques(int n) {
    return db.query("SELECT url FROM urls WHERE kind='RUBRIQUE' AND url NOT LIKE '%debut\\_%' ESCAPE '\\' "
        + "AND status=? ORDER BY object_id DESC LIMIT ?", rs -> URI.create(rs.getString(1)), Status.FETCHED, n);
  }

  List<Archived> archivedArticles() {
    return db.query("""
        SELECT url, COALESCE(last_verified, fetched_at), published, consecutive_404s FROM urls
        WHERE kind='ARTICLE' AND status=? AND fetched_at IS NOT NULL ORDER BY rowid""",
        rs -> new Archived(URI.create(rs.getString(1)), Instant.ofEpochMilli(rs.getLong(2)), StateDb.instant(rs, "published"),
            rs.getInt(4)), Status.FETCHED);
  }

  List<RevisitPlanner.Candidate> revisitCandidates() {
    return archivedArticles().stream().filter(a -> !a.awaitingConfirmation())
        .map(a -> new RevisitPlanner.Candidate(a.url().toString(), a.lastVerified(), a.published()))
        .toList();
  }

  void setPublished(URI url, Instant published) {
    db.update("UPDATE urls SET published=? WHERE url=?", published.toEpochMilli(), url.toString());
  }

  Optional<UrlRow> nextPendingExcept(URI busy) {
    return rows("WHERE status=? AND url<>? ORDER BY priority, rowid LIMIT 1", Status.PENDING,
        busy == null ? "" : busy.toString()).stream().findFirst();
  }

  Optional<UrlRow> get(URI url) {
    return rows("WHERE url=?", url.toString()).stream().findFirst();
  }

  void markDisallowed(URI url) {
    db.update("UPDATE urls SET status=?, last_error='robots.txt' WHERE url=?", Status.DISALLOWED, url.toString());
  }

  void clearRecordPending(URI url) {
    db.update("UPDATE urls SET record_pending=0 WHERE url=?", url.toString());
  }

  List<UrlRow> recordsPending() {
    return rows("WHERE record_pending=1 ORDER BY rowid");
  }

  long count(Status status) {
    return db.queryLong("SELECT COUNT(*) FROM urls WHERE status=?", status);
  }

  private List<UrlRow> rows(String where, Object... args) {
    return db.query("SELECT " + COLUMNS + " FROM urls " + where, rs -> new UrlRow(
        URI.create(rs.getString("url")),
        UrlKind.valueOf(rs.getString("kind")),
        (Integer) rs.getObject("object_id"),
        Status.valueOf(rs.getString("status")),
        (Integer) rs.getObject("http_status"),
        rs.getInt("attempts"),
        rs.getString("last_error"),
        rs.getString("digest"),
        rs.getString("etag"),
        rs.getString("last_modified"),
        StateDb.instant(rs, "fetched_at"),
        rs.getString("warc_file"),
        rs.getObject("warc_offset") == null ? null : rs.getLong("warc_offset"),
        StateDb.instant(rs, "first_seen"),
        StateDb.instant(rs, "last_verified"),
        rs.getInt("consecutive_404s"),
        rs.getString("listing_digest"),
        rs.getInt("redirect_hops"),
        rs.getInt("record_pending") != 0), args);
  }
}
