package org.spiparchiver.crawl;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What listing pages and the feed say about articles: their dates per source ({@code signals}),
 * and each listing page's digest of the article ids it shows (end of pagination).
 */
final class ListingSignals {
  private final StateDb db;
  private final Frontier frontier;

  ListingSignals(StateDb db, Frontier frontier) {
    this.db = db;
    this.frontier = frontier;
  }

  /** See {@link CrawlState#moveSignal}. Runs inside the page's transaction. */
  boolean moveSignal(int articleId, URI source, String signal, int priority) {
    String before = db.queryString("SELECT signal FROM signals WHERE article_id=? AND source=?", articleId, source.toString());
    db.update("INSERT INTO signals(article_id, source, signal) VALUES(?,?,?) "
        + "ON CONFLICT(article_id, source) DO UPDATE SET signal=excluded.signal", articleId, source.toString(), signal);
    if (before == null || before.equals(signal)) return false;
    return frontier.requeueArticle(articleId, priority);
  }

  /** See {@link CrawlState#requeueVanished}. */
  List<Integer> requeueVanished(URI listing, Set<Integer> shown, int priority) {
    List<Integer> before = db.query("SELECT article_id FROM signals WHERE source=?", rs -> rs.getInt(1), listing.toString());
    List<Integer> vanished = new ArrayList<>();
    for (int id : before) {
      if (shown.contains(id)) continue;
      db.update("DELETE FROM signals WHERE article_id=? AND source=?", id, listing.toString());
      if (frontier.requeueArticle(id, priority)) vanished.add(id);
    }
    return vanished;
  }

  /** See {@link CrawlState#listingDigests}. */
  List<String> listingDigests(URI base, URI except) {
    String b = base.toString();
    String escaped = b.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return db.query("""
        SELECT listing_digest FROM urls WHERE listing_digest IS NOT NULL AND url<>?
          AND (url=? OR url LIKE ? ESCAPE '\\' OR url LIKE ? ESCAPE '\\')""",
        rs -> rs.getString(1), except.toString(), b, escaped + "&debut\\_%", escaped + "?debut\\_%");
  }
}
