package org.spiparchiver.crawl;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.spiparchiver.config.Messages;

/**
 * The crawl state database ({@code mirror/crawl.db}): the one holder of the SQLite connection, its
 * pragmas, the schema and its migrations, transactions, and a locked {@link #query}/{@link #update}.
 * The fetch thread and the processing thread share the connection, so every access takes the one
 * lock, and a transaction holds it from its start to its commit.
 *
 * <p>Schema versions: 1 (first release), 2 (re-crawl columns, {@code meta.schema_version} upserted);
 * the version is also kept in {@code PRAGMA user_version}. Older files are migrated on open.
 */
final class StateDb implements AutoCloseable {
  static final int SCHEMA_VERSION = 2;
  /** Columns added after version 1, for the re-crawl policy; added to older crawl.db files on open. */
  private static final String[][] ADDED_COLUMNS = {
      // Publication time of an article (epoch ms): recent articles are re-verified more often.
      {"published", "INTEGER"},
      // When the URL started failing (epoch ms), cleared by a successful fetch.
      {"failing_since", "INTEGER"},
      // Times handling this URL crashed or stalled a run; two quarantine it (until crawl --retry-failed).
      {"crashes", "INTEGER NOT NULL DEFAULT 0"},
      // 1 while its response is being handled: still 1 at the next start means the run died on it.
      {"in_flight", "INTEGER NOT NULL DEFAULT 0"},
      // The response record holding the payload of `digest` (id, and WARC-Date as ISO-8601 with its full
      // precision, which epoch ms would cut): what a revisit refers to.
      {"original_id", "TEXT"},
      {"original_at", "TEXT"},
      // The URL that response record was captured at, when the site has moved since (crawl --site-moved); NULL: `url`.
      {"original_url", "TEXT"},
      // The crawl.max_body_size (bytes) a TOO_LARGE URL's body was over: a run under a larger limit fetches it again.
      {"skipped_over", "INTEGER"},
  };

  /** Reads one row of a result. */
  @FunctionalInterface
  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private final Connection db;
  private final ReentrantLock lock = new ReentrantLock();

  private StateDb(Connection db) {
    this.db = db;
  }

  static StateDb open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        // NORMAL in WAL mode: a committed transaction survives a process kill (only an OS crash may lose the last ones).
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=5000");
        String problem = quickCheck(s);
        if (problem != null) {
          c.close();
          throw new CrawlState.Damaged(damagedMessage(file, "quick_check: " + Messages.shorten(problem)), null);
        }
        createSchema(s);
        migrate(s);
      }
      return new StateDb(c);
    } catch (SQLException e) {
      if (damaged(e)) throw new CrawlState.Damaged(damagedMessage(file, "not a readable SQLite database"), e);
      throw new CrawlState.StateException("cannot open crawl state " + file + ": " + e.getMessage(), e);
    } catch (CrawlState.Damaged e) {
      throw e;
    } catch (Exception e) {
      throw new CrawlState.StateException("cannot open crawl state " + file + ": " + e.getMessage(), e);
    }
  }

  private static String damagedMessage(Path file, String why) {
    return "cannot open crawl state " + file + ": damaged (" + why + "); run `spip-archiver crawl --rebuild-state` to set "
        + "it aside and rebuild it from the WARC files";
  }

  /**
   * SQLite's {@code PRAGMA quick_check} (every b-tree page and record well formed; unlike
   * {@code integrity_check}, no index-to-table cross-check): a page overwritten in the middle of the
   * file is found here, before the crawl reads or writes anything, instead of as a failure halfway
   * through a run. It reads the file once: about 10 ms for a 6 MB crawl.db of 30,000 URLs (measured
   * on a loaded 2-core machine), paid once per open. Null when the file is sound, else SQLite's first problem.
   */
  private static String quickCheck(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("PRAGMA quick_check(1)")) {
      String first = rs.next() ? rs.getString(1) : "no answer";
      return "ok".equals(first) ? null : first;
    }
  }

  private static void createSchema(Statement s) throws SQLException {
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
  }

  private static void migrate(Statement s) throws SQLException {
    Set<String> existing = new HashSet<>();
    try (ResultSet rs = s.executeQuery("PRAGMA table_info(urls)")) {
      while (rs.next()) existing.add(rs.getString("name"));
    }
    for (String[] col : ADDED_COLUMNS) {
      if (!existing.contains(col[0])) s.execute("ALTER TABLE urls ADD COLUMN " + col[0] + " " + col[1]);
    }
    // Both marks: meta.schema_version for the files of schema 2, user_version for SQLite tools.
    s.execute("INSERT INTO meta VALUES('schema_version', '" + SCHEMA_VERSION + "') "
        + "ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    s.execute("PRAGMA user_version=" + SCHEMA_VERSION);
  }

  /** Runs {@code body} in one transaction, holding the lock throughout: all of it is committed, or none. */
  void transaction(Runnable body) {
    lock.lock();
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
      throw failure(e);
    } finally {
      lock.unlock();
    }
  }

  int update(String sql, Object... args) {
    lock.lock();
    try (PreparedStatement ps = prepare(sql, args)) {
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      lock.unlock();
    }
  }

  <T> List<T> query(String sql, Row<T> row, Object... args) {
    lock.lock();
    try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) out.add(row.read(rs));
      return out;
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      lock.unlock();
    }
  }

  long queryLong(String sql, Object... args) {
    List<Long> v = query(sql, rs -> rs.getLong(1), args);
    return v.isEmpty() ? 0 : v.get(0);
  }

  String queryString(String sql, Object... args) {
    List<String> v = query(sql, rs -> rs.getString(1), args);
    return v.isEmpty() ? null : v.get(0);
  }

  @Override
  public void close() {
    lock.lock();
    try {
      db.close();
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      lock.unlock();
    }
  }

  /** An epoch-millisecond column as an instant, null when NULL. */
  static Instant instant(ResultSet rs, String col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement ps = db.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) ps.setNull(i + 1, Types.NULL);
      else if (a instanceof Boolean b) ps.setInt(i + 1, b ? 1 : 0);
      else if (a instanceof Enum<?> e) ps.setString(i + 1, e.name());
      else ps.setObject(i + 1, a);
    }
    return ps;
  }

  /** SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), extended codes included: the file is not a usable database. */
  private static boolean damaged(SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    return primary == 11 || primary == 26;
  }

  private static CrawlState.StateException failure(SQLException e) {
    return new CrawlState.StateException("crawl state: " + e.getMessage(), e);
  }
}
