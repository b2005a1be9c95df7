package org.spiparchiver.crawl;

import java.time.Instant;
import java.util.List;
import org.spiparchiver.crawl.CrawlState.ArticleChange;
import org.spiparchiver.mirror.ArticleRecords;

/** Article changes seen by the crawl (or {@code extract}) until a run report has listed them. */
final class ChangeLog {
  private final StateDb db;

  ChangeLog(StateDb db) {
    this.db = db;
  }

  void record(ArticleChange c, Instant at) {
    db.update("INSERT OR IGNORE INTO changes(article_id, kind, fields, issue, payload_digest, detected_at) VALUES(?,?,?,?,?,?)",
        c.articleId(), c.kind().word(), String.join(",", c.fields()), c.issue(), c.payloadDigest(), at.toEpochMilli());
  }

  List<ArticleChange> unreported() {
    return db.query("SELECT article_id, kind, fields, issue, payload_digest FROM changes ORDER BY detected_at, rowid", rs -> {
      String fields = rs.getString(3);
      return new ArticleChange(rs.getInt(1), ArticleRecords.Change.Kind.of(rs.getString(2)),
          fields.isEmpty() ? List.of() : List.of(fields.split(",")), rs.getString(4), rs.getString(5));
    });
  }

  void markReported() {
    db.update("DELETE FROM changes");
  }
}
