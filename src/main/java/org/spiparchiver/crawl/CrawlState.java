package org.spiparchiver.crawl;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.spiparchiver.mirror.ArticleRecords;

/**
 * The crawl state in SQLite ({@code mirror/crawl.db}): one row per canonical URL, which is also the
 * frontier (pending rows, by priority then discovery order), and the per-host time of the next
 * allowed request so the politeness delay holds across runs.
 *
 * <p>WAL journal; every change that must be atomic (a page marked fetched together with the links
 * it revealed) goes through {@link #transaction}. Times are epoch milliseconds (sortable).
 *
 * <p>Columns kept for the re-crawl (issue 5): {@code first_seen}, {@code last_verified} (last time
 * the URL answered), {@code consecutive_404s}, {@code state_kind} (article/rubrique/image/other),
 * {@code object_id}, and ETag / Last-Modified for conditional requests.
 */
public final class CrawlState implements AutoCloseable {

  public enum Status {
    /** In the frontier. */
    PENDING,
    /** Answered (any HTTP status); see {@code http_status}. */
    FETCHED,
    /** No answer after the tries of a run (error in {@code last_error}); retried next run. */
    FAILED,
    /** Excluded by robots.txt. */
    DISALLOWED,
    /** Body larger than crawl.max_body_size: abandoned, not retried. */
    TOO_LARGE
  }

  /** One URL's state. */
  public record UrlRow(
      URI url,
      UrlKind kind,
      Integer objectId,
      Status status,
      Integer httpStatus,
      int attempts,
      String lastError,
      String digest,
      String etag,
      String lastModified,
      Instant fetchedAt,
      String warcFile,
      Long warcOffset,
      Instant firstSeen,
      Instant lastVerified,
      int consecutive404s,
      String listingDigest,
      int redirectHops,
      boolean recordPending) {}

  /** What a completed fetch leaves in the state. */
  public record FetchRecord(
      int httpStatus,
      String digest,
      String etag,
      String lastModified,
      Instant fetchedAt,
      String warcFile,
      long warcOffset,
      String listingDigest,
      boolean recordPending) {}

  private static final int SCHEMA_VERSION = 2;
  /** Columns added after version 1, for the re-crawl policy; added to older crawl.db files on open. */
  private static final String[][] ADDED_COLUMNS = {
      // Publication time of an article (epoch ms): recent articles are re-verified more often.
      {"published", "INTEGER"},
      // When the URL started failing (epoch ms), cleared by a successful fetch.
      {"failing_since", "INTEGER"},
  };
  private static final String COLUMNS = "url, kind, object_id, status, http_status, attempts, last_error, digest, etag, "
      + "last_modified, fetched_at, warc_file, warc_offset, first_seen, last_verified, consecutive_404s, "
      + "listing_digest, redirect_hops, record_pending";

  private final Connection db;

  private CrawlState(Connection db) {
    this.db = db;
  }

  public static CrawlState open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        // NORMAL in WAL mode: a committed transaction survives a process kill (only an OS crash may lose the last ones).
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=5000");
        s.execute("""
            CREATE TABLE IF NOT EXISTS urls(
              url TEXT PRIMARY KEY,
              kind TEXT NOT NULL,
              state_kind TEXT NOT NULL,
              object_id INTEGER,
              priority INTEGER NOT NULL,
              status TEXT NOT NULL,
              http_status INTEGER,
              attempts INTEGER NOT NULL DEFAULT 0,
              last_error TEXT,
              digest TEXT,
              etag TEXT,
              last_modified TEXT,
              fetched_at INTEGER,
              warc_file TEXT,
              warc_offset INTEGER,
              first_seen INTEGER NOT NULL,
              last_verified INTEGER,
              consecutive_404s INTEGER NOT NULL DEFAULT 0,
              listing_digest TEXT,
              redirect_hops INTEGER NOT NULL DEFAULT 0,
              record_pending INTEGER NOT NULL DEFAULT 0,
              discovered_from TEXT)""");
        s.execute("CREATE INDEX IF NOT EXISTS urls_frontier ON urls(status, priority)");
        s.execute("CREATE INDEX IF NOT EXISTS urls_object ON urls(state_kind, object_id)");
        // Article changes seen by the crawl, until a run report has listed them: a run killed before
        // its report hands its changes to the next report, and a page re-fetched after a crash
        // (same payload digest) cannot count its change twice.
        s.execute("""
            CREATE TABLE IF NOT EXISTS changes(
              article_id INTEGER NOT NULL,
              kind TEXT NOT NULL,
              fields TEXT NOT NULL,
              issue TEXT,
              payload_digest TEXT NOT NULL,
              detected_at INTEGER NOT NULL,
              PRIMARY KEY(article_id, kind, payload_digest))""");
        // What each listing page and the feed last said about an article's dates.
        s.execute("CREATE TABLE IF NOT EXISTS signals(article_id INTEGER NOT NULL, source TEXT NOT NULL, signal TEXT NOT NULL, "
            + "PRIMARY KEY(article_id, source))");
        s.execute("CREATE TABLE IF NOT EXISTS hosts(host TEXT PRIMARY KEY, next_fetch_at INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)");
        migrate(s);
      }
      return new CrawlState(c);
    } catch (Exception e) {
      throw new StateException("cannot open crawl state " + file + ": " + e.getMessage(), e);
    }
  }

  private static void migrate(Statement s) throws SQLException {
    java.util.Set<String> existing = new java.util.HashSet<>();
    try (ResultSet rs = s.executeQuery("PRAGMA table_info(urls)")) {
      while (rs.next()) existing.add(rs.getString("name"));
    }
    for (String[] col : ADDED_COLUMNS) {
      if (!existing.contains(col[0])) s.execute("ALTER TABLE urls ADD COLUMN " + col[0] + " " + col[1]);
    }
    s.execute("INSERT INTO meta VALUES('schema_version', '" + SCHEMA_VERSION + "') "
        + "ON CONFLICT(key) DO UPDATE SET value=excluded.value");
  }

  /** Runs {@code body} in one transaction: all of it is committed, or none. */
  public synchronized void transaction(Runnable body) {
    try {
      db.setAutoCommit(false);
      try {
        body.run();
        db.commit();
      } catch (RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StateException("crawl state: " + e.getMessage(), e);
    }
  }

  /** Adds a URL to the frontier unless it is known already; true when it is new. */
  public boolean discover(CrawlTarget t, Instant now, URI from, int redirectHops) {
    return update("""
        INSERT OR IGNORE INTO urls(url, kind, state_kind, object_id, priority, status, first_seen, redirect_hops, discovered_from)
        VALUES(?,?,?,?,?,'PENDING',?,?,?)""",
        t.url().toString(), t.kind().name(), t.kind().stateKind(), t.objectId(), t.kind().priority,
        now.toEpochMilli(), redirectHops, from == null ? null : from.toString()) > 0;
  }

  /** Puts a known URL back in the frontier (a seed at the start of a new pass). */
  public void requeue(URI url) {
    update("UPDATE urls SET status='PENDING' WHERE url=? AND status<>'DISALLOWED'", url.toString());
  }

  /** Puts a known URL back in the frontier at {@code priority} (re-verifications come after new pages). */
  public void requeue(URI url, int priority) {
    update("UPDATE urls SET status='PENDING', priority=? WHERE url=? AND status<>'DISALLOWED'", priority, url.toString());
  }

  /** {@code crawl --full}: every URL answered before is fetched again in this pass. */
  public int requeueAnswered() {
    return update("UPDATE urls SET status='PENDING' WHERE status='FETCHED'");
  }

  /** First pages of the {@code n} newest rubriques (highest ids: SPIP numbers them in creation order). */
  public List<URI> newestRubriques(int n) {
    List<URI> out = new ArrayList<>();
    for (UrlRow r : query("SELECT " + COLUMNS + " FROM urls WHERE kind='RUBRIQUE' AND url NOT LIKE '%debut\\_%' ESCAPE '\\' "
        + "AND status='FETCHED' ORDER BY object_id DESC LIMIT ?", n)) {
      out.add(r.url());
    }
    return out;
  }

  /** An archived article page, as the re-crawl policy sees it. */
  public record Archived(URI url, Instant lastVerified, Instant published, int consecutive404s) {
    /** Answered 404/410 once: asked again next run, since a removal takes two runs in a row. */
    public boolean awaitingConfirmation() {
      return consecutive404s == 1;
    }
  }

  /** Every article page answered before (200, or 404/410 for articles that went away). */
  public synchronized List<Archived> archivedArticles() {
    List<Archived> out = new ArrayList<>();
    try (PreparedStatement ps = prepare("""
        SELECT url, COALESCE(last_verified, fetched_at), published, consecutive_404s FROM urls
        WHERE kind='ARTICLE' AND status='FETCHED' AND fetched_at IS NOT NULL ORDER BY rowid""");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Archived(URI.create(rs.getString(1)), Instant.ofEpochMilli(rs.getLong(2)), instant(rs, "published"),
            rs.getInt(4)));
      }
      return out;
    } catch (SQLException e) {
      throw new StateException("crawl state: " + e.getMessage(), e);
    }
  }

  /** The archived articles the revisit policy schedules: all but those awaiting a second 404 (always asked again). */
  public List<org.spiparchiver.crawl.revisit.RevisitPlanner.Candidate> revisitCandidates() {
    return archivedArticles().stream().filter(a -> !a.awaitingConfirmation())
        .map(a -> new org.spiparchiver.crawl.revisit.RevisitPlanner.Candidate(a.url().toString(), a.lastVerified(), a.published()))
        .toList();
  }

  public void setPublished(URI url, Instant published) {
    update("UPDATE urls SET published=? WHERE url=?", published.toEpochMilli(), url.toString());
  }

  /**
   * Stores what {@code source} (a listing page, the feed) says about an article's dates; when it
   * moved since that source last said it, the article goes back in the frontier at {@code priority}.
   * Sources are kept apart: the feed and a listing word the same dates differently. True when requeued.
   */
  public boolean moveSignal(int articleId, URI source, String signal, int priority) {
    String before = queryString("SELECT signal FROM signals WHERE article_id=? AND source=?", articleId, source.toString());
    update("INSERT INTO signals(article_id, source, signal) VALUES(?,?,?) "
        + "ON CONFLICT(article_id, source) DO UPDATE SET signal=excluded.signal", articleId, source.toString(), signal);
    if (before == null || before.equals(signal)) return false;
    return update("UPDATE urls SET status='PENDING', priority=? WHERE kind='ARTICLE' AND object_id=? AND status='FETCHED'",
        priority, articleId) > 0;
  }

  private synchronized String queryString(String sql, Object... args) {
    try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new StateException("crawl state: " + e.getMessage(), e);
    }
  }

  /**
   * Articles that {@code listing} showed with dates before and no longer shows: SPIP drops an
   * unpublished article from its listings, so each goes back in the frontier at {@code priority}
   * to be verified (an article that only moved to the next page costs one request). Its
   * signal from this listing is forgotten. Returns their ids.
   */
  public synchronized List<Integer> requeueVanished(URI listing, java.util.Set<Integer> shown, int priority) {
    List<Integer> before = new ArrayList<>();
    try (PreparedStatement ps = prepare("SELECT article_id FROM signals WHERE source=?", listing.toString());
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) before.add(rs.getInt(1));
    } catch (SQLException e) {
      throw new StateException("crawl state: " + e.getMessage(), e);
    }
    List<Integer> vanished = new ArrayList<>();
    for (int id : before) {
      if (shown.contains(id)) continue;
      update("DELETE FROM signals WHERE article_id=? AND source=?", id, listing.toString());
      if (update("UPDATE urls SET status='PENDING', priority=? WHERE kind='ARTICLE' AND object_id=? AND status='FETCHED'",
          priority, id) > 0) {
        vanished.add(id);
      }
    }
    return vanished;
  }

  /** A change of an article, recorded once per (article, kind, captured payload). */
  public record ArticleChange(int articleId, ArticleRecords.Change.Kind kind, List<String> fields, String issue,
      String payloadDigest) {
    /** {@code kind} as the change log writes it ("new", "modified", "removed"). */
    public ArticleChange(int articleId, String kind, List<String> fields, String issue, String payloadDigest) {
      this(articleId, ArticleRecords.Change.Kind.of(kind), fields, issue, payloadDigest);
    }
  }

  public void recordChange(ArticleChange c, Instant at) {
    update("INSERT OR IGNORE INTO changes(article_id, kind, fields, issue, payload_digest, detected_at) VALUES(?,?,?,?,?,?)",
        c.articleId(), c.kind().word(), String.join(",", c.fields()), c.issue(), c.payloadDigest(), at.toEpochMilli());
  }

  /** Changes not yet listed by a run report, oldest first. */
  public synchronized List<ArticleChange> unreportedChanges() {
    List<ArticleChange> out = new ArrayList<>();
    try (PreparedStatement ps = prepare(
        "SELECT article_id, kind, fields, issue, payload_digest FROM changes ORDER BY detected_at, rowid");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String fields = rs.getString(3);
        out.add(new ArticleChange(rs.getInt(1), rs.getString(2), fields.isEmpty() ? List.of() : List.of(fields.split(",")),
            rs.getString(4), rs.getString(5)));
      }
      return out;
    } catch (SQLException e) {
      throw new StateException("crawl state: " + e.getMessage(), e);
    }
  }

  /** Called when the run's report takes them: the log only holds changes not yet reported. */
  public void markChangesReported() {
    update("DELETE FROM changes");
  }

  /** URLs that failed in an earlier run get their tries back. */
  public int requeueFailed() {
    return update("UPDATE urls SET status='PENDING' WHERE status='FAILED'");
  }

  /** The next URL to fetch: lowest priority first, then discovery order. */
  public Optional<UrlRow> nextPending() {
    return nextPendingExcept(null);
  }

  /** The next URL to fetch other than {@code busy} (a URL fetched but whose state is still being written). */
  public Optional<UrlRow> nextPendingExcept(URI busy) {
    List<UrlRow> rows = query("SELECT " + COLUMNS + " FROM urls WHERE status='PENDING' AND url<>? ORDER BY priority, rowid LIMIT 1",
        busy == null ? "" : busy.toString());
    return rows.stream().findFirst();
  }

  public Optional<UrlRow> get(URI url) {
    return query("SELECT " + COLUMNS + " FROM urls WHERE url=?", url.toString()).stream().findFirst();
  }

  public void recordFetch(URI url, FetchRecord r) {
    boolean gone = r.httpStatus() == 404 || r.httpStatus() == 410;
    boolean ok = r.httpStatus() < 400;
    update("""
        UPDATE urls SET status='FETCHED', http_status=?, attempts=attempts+1, last_error=NULL, digest=COALESCE(?, digest),
          etag=COALESCE(?, etag), last_modified=COALESCE(?, last_modified), fetched_at=?, warc_file=COALESCE(?, warc_file), warc_offset=COALESCE(?, warc_offset),
          last_verified=CASE WHEN ? THEN ? ELSE last_verified END,
          consecutive_404s=CASE WHEN ? THEN consecutive_404s+1 WHEN ? THEN 0 ELSE consecutive_404s END,
          listing_digest=?, record_pending=?, failing_since=NULL
        WHERE url=?""",
        r.httpStatus(), r.digest(), r.etag(), r.lastModified(), r.fetchedAt().toEpochMilli(), r.warcFile(),
        r.warcFile() == null ? null : r.warcOffset(), ok, r.fetchedAt().toEpochMilli(), gone, ok,
        r.listingDigest(), r.recordPending() ? 1 : 0, url.toString());
  }

  public void recordFailure(URI url, Status status, String error, Instant now) {
    update("UPDATE urls SET status=?, attempts=attempts+1, last_error=?, failing_since=COALESCE(failing_since, ?) WHERE url=?",
        status.name(), error, now.toEpochMilli(), url.toString());
  }

  public void markDisallowed(URI url) {
    update("UPDATE urls SET status='DISALLOWED', last_error='robots.txt' WHERE url=?", url.toString());
  }

  public void clearRecordPending(URI url) {
    update("UPDATE urls SET record_pending=0 WHERE url=?", url.toString());
  }

  /** Article pages whose record still waits for images fetched after it. */
  public List<UrlRow> recordsPending() {
    return query("SELECT " + COLUMNS + " FROM urls WHERE record_pending=1 ORDER BY rowid");
  }

  /**
   * Listing digests of the other fetched pages of a paginated listing: {@code base} itself and
   * {@code base} with {@code debut_…} parameters.
   */
  public synchronized List<String> listingDigests(URI base, URI except) {
    String b = base.toString();
    String escaped = b.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = prepare("""
        SELECT listing_digest FROM urls WHERE listing_digest IS NOT NULL AND url<>?
          AND (url=? OR url LIKE ? ESCAPE '\\' OR url LIKE ? ESCAPE '\\')""",
        except.toString(), b, escaped + "&debut\\_%", escaped + "?debut\\_%");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(rs.getString(1));
      return out;
    } catch (SQLException e) {
      throw new StateException("crawl state: " + e.getMessage(), e);
    }
  }

  public long count(Status status) {
    return queryLong("SELECT COUNT(*) FROM urls WHERE status=?", status.name());
  }

  public Optional<Instant> hostNextFetch(String host) {
    long v = queryLong("SELECT COALESCE(MAX(next_fetch_at), -1) FROM hosts WHERE host=?", host);
    return v < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
  }

  public void setHostNextFetch(String host, Instant at) {
    update("INSERT INTO hosts(host, next_fetch_at) VALUES(?,?) ON CONFLICT(host) DO UPDATE SET next_fetch_at=excluded.next_fetch_at",
        host, at.toEpochMilli());
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new StateException("crawl state: " + e.getMessage(), e);
    }
  }

  private synchronized int update(String sql, Object... args) {
    try (PreparedStatement ps = prepare(sql, args)) {
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StateException("crawl state: " + e.getMessage(), e);
    }
  }

  private synchronized long queryLong(String sql, Object... args) {
    try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw new StateException("crawl state: " + e.getMessage(), e);
    }
  }

  private synchronized List<UrlRow> query(String sql, Object... args) {
    List<UrlRow> out = new ArrayList<>();
    try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new UrlRow(
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
            instant(rs, "fetched_at"),
            rs.getString("warc_file"),
            rs.getObject("warc_offset") == null ? null : rs.getLong("warc_offset"),
            instant(rs, "first_seen"),
            instant(rs, "last_verified"),
            rs.getInt("consecutive_404s"),
            rs.getString("listing_digest"),
            rs.getInt("redirect_hops"),
            rs.getInt("record_pending") != 0));
      }
      return out;
    } catch (SQLException e) {
      throw new StateException("crawl state: " + e.getMessage(), e);
    }
  }

  private static Instant instant(ResultSet rs, String col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private synchronized PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement ps = db.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) ps.setNull(i + 1, Types.NULL);
      else if (a instanceof Boolean b) ps.setInt(i + 1, b ? 1 : 0);
      else ps.setObject(i + 1, a);
    }
    return ps;
  }

  // ---- Read-only queries for `spip-archiver status` ----

  /** A URL that does not answer: FAILED, or last answered with a 5xx. */
  public record FailingUrl(URI url, Integer httpStatus, String lastError, int attempts, Instant failingSince) {}

  /** Image URLs archived: answered 200, or 304 since (the capture holding them is an earlier one). */
  public long archivedImages() {
    return queryLong("SELECT COUNT(*) FROM urls WHERE state_kind='image' AND http_status IN (200, 304)");
  }

  /** Failing URLs, the longest-failing first (rows from before schema 2 have no start, they come last). */
  public synchronized List<FailingUrl> failingUrls() {
    List<FailingUrl> out = new ArrayList<>();
    try (PreparedStatement ps = prepare("""
        SELECT url, http_status, last_error, attempts, failing_since FROM urls
        WHERE status='FAILED' OR http_status>=500
        ORDER BY failing_since IS NULL, failing_since, url""");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new FailingUrl(URI.create(rs.getString("url")), (Integer) rs.getObject("http_status"),
            rs.getString("last_error"), rs.getInt("attempts"), instant(rs, "failing_since")));
      }
      return out;
    } catch (SQLException e) {
      throw new StateException("crawl state: " + e.getMessage(), e);
    }
  }

  /** A failure of the state database (disk full, corrupt file). */
  public static final class StateException extends RuntimeException {
    StateException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
