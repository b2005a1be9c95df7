package org.spiparchiver.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrawlStateTest {

  @Test
  void addsReCrawlColumnsToAVersion1CrawlDbKeepingItsRows(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("crawl.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("""
          CREATE TABLE urls(url TEXT PRIMARY KEY, kind TEXT NOT NULL, state_kind TEXT NOT NULL, object_id INTEGER,
            priority INTEGER NOT NULL, status TEXT NOT NULL, http_status INTEGER, attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT, digest TEXT, etag TEXT, last_modified TEXT, fetched_at INTEGER, warc_file TEXT,
            warc_offset INTEGER, first_seen INTEGER NOT NULL, last_verified INTEGER,
            consecutive_404s INTEGER NOT NULL DEFAULT 0, listing_digest TEXT, redirect_hops INTEGER NOT NULL DEFAULT 0,
            record_pending INTEGER NOT NULL DEFAULT 0, discovered_from TEXT)""");
      s.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)");
      s.execute("INSERT INTO meta VALUES('schema_version', '1')");
      s.execute("INSERT INTO urls(url, kind, state_kind, object_id, priority, status, first_seen) "
          + "VALUES('http://s/spip.php?article1', 'ARTICLE', 'article', 1, 5, 'PENDING', 0)");
    }
    URI url = URI.create("http://s/spip.php?article1");
    try (CrawlState state = CrawlState.open(db)) {
      assertThat(state.get(url)).isPresent();
      state.recordFailure(url, CrawlState.Status.FAILED, "HTTP 503", Instant.ofEpochMilli(42));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      Set<String> columns = new HashSet<>();
      try (ResultSet rs = s.executeQuery("PRAGMA table_info(urls)")) {
        while (rs.next()) columns.add(rs.getString("name"));
      }
      assertThat(columns).contains("published", "failing_since");
      try (ResultSet rs = s.executeQuery("SELECT failing_since FROM urls")) {
        assertThat(rs.getLong(1)).isEqualTo(42);
      }
      try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key='schema_version'")) {
        assertThat(rs.getString(1)).isEqualTo("2");
      }
      try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }

  @Test
  void anImageAnswered304SinceItsCaptureStillCountsAsArchived(@TempDir Path dir) {
    URI img = URI.create("http://s/IMG/jpg/a.jpg");
    Instant t = Instant.parse("2026-11-26T03:00:00Z");
    try (CrawlState state = CrawlState.open(dir.resolve("crawl.db"))) {
      state.discover(new CrawlTarget(img, UrlKind.IMAGE, null), t, null, 0);
      state.recordFetch(img, new CrawlState.FetchRecord(200, "sha1:X", "\"e1\"", null, t, "a.warc.gz", 10, null, false));
      state.requeue(img);
      state.recordFetch(img, new CrawlState.FetchRecord(304, null, null, null, t.plusSeconds(60), null, 0, null, false));
      assertThat(state.archivedImages()).isEqualTo(1);
      assertThat(state.get(img).orElseThrow().digest()).isEqualTo("sha1:X");
    }
  }

  @Test
  void aChangeIsLoggedOncePerCaptureUntilAReportTakesIt(@TempDir Path dir) {
    Instant t = Instant.parse("2026-11-26T03:00:00Z");
    CrawlState.ArticleChange edit = new CrawlState.ArticleChange(839, "modified", java.util.List.of("title"), "N°13", "sha1:A");
    try (CrawlState state = CrawlState.open(dir.resolve("crawl.db"))) {
      state.recordChange(edit, t);
      state.recordChange(edit, t.plusSeconds(5)); // the same capture seen again after a crash
      assertThat(state.unreportedChanges()).containsExactly(edit);
      state.markChangesReported();
      assertThat(state.unreportedChanges()).isEmpty();
      state.recordChange(edit, t.plusSeconds(10)); // edited back and forth to the same page later: a new change
      assertThat(state.unreportedChanges()).hasSize(1);
    }
  }

  @Test
  void aReaderOnAnotherThreadWaitsForAnOpenTransactionInsteadOfSeeingIt(@TempDir Path dir) throws Exception {
    URI url = URI.create("http://s/spip.php?article7");
    try (CrawlState state = CrawlState.open(dir.resolve("crawl.db"))) {
      java.util.concurrent.atomic.AtomicReference<java.util.List<CrawlState.Archived>> seen = new java.util.concurrent.atomic.AtomicReference<>();
      Thread reader = new Thread(() -> seen.set(state.archivedArticles()), "reader");
      try {
        state.transaction(() -> {
          state.discover(new CrawlTarget(url, UrlKind.ARTICLE, 7), Instant.ofEpochMilli(1), null, 0);
          state.recordFetch(url, new CrawlState.FetchRecord(200, "sha1:X", null, null, Instant.ofEpochMilli(2), "w.warc.gz", 0,
              null, false));
          reader.start();
          // The reader either runs now, inside this uncommitted transaction (the bug), or waits for the lock.
          while (reader.getState() != Thread.State.BLOCKED && reader.getState() != Thread.State.WAITING
              && reader.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
          }
          throw new IllegalStateException("rolled back");
        });
      } catch (IllegalStateException expected) {
        // the transaction is rolled back
      }
      reader.join();
      assertThat(seen.get()).isEmpty();
    }
  }

  @Test
  void aUrlTwoRunsDiedOnIsQuarantinedAndNotRequeuedUntilReleased(@TempDir Path dir) {
    URI url = URI.create("http://s/spip.php?article8");
    Instant t = Instant.parse("2026-11-26T03:00:00Z");
    for (int run = 1; run <= 2; run++) {
      try (CrawlState state = CrawlState.open(dir.resolve("crawl.db"))) {
        if (run == 1) state.discover(new CrawlTarget(url, UrlKind.ARTICLE, 8), t, null, 0);
        assertThat(state.countInterruptedRuns(t)).isEmpty();
        state.markInFlight(url); // the run is killed while handling it
      }
    }
    try (CrawlState state = CrawlState.open(dir.resolve("crawl.db"))) {
      assertThat(state.countInterruptedRuns(t)).extracting(CrawlState.FailingUrl::url).containsExactly(url);
      assertThat(state.get(url).orElseThrow().status()).isEqualTo(CrawlState.Status.QUARANTINED);
      state.requeue(url);
      assertThat(state.requeueFailed()).isZero();
      assertThat(state.nextPending()).isEmpty();
      assertThat(state.failingUrls()).extracting(CrawlState.FailingUrl::lastError).singleElement()
          .satisfies(e -> assertThat(e).startsWith("quarantined"));
      assertThat(state.releaseQuarantine()).isEqualTo(1);
      assertThat(state.nextPending()).map(CrawlState.UrlRow::url).contains(url);
    }
  }
}
