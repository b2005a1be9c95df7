package org.spiparchiver.crawl;

import org.spiparchiver.mirror.SiteMove;

/**
 * Re-bases the URLs of the crawl state after the site moved ({@link SiteMove}): the rows of
 * {@code urls} (and the links' {@code discovered_from}) and the sources of the listing signals.
 * Each row keeps what it knew (capture, digest, validators, dates), so the crawl of the new address
 * re-verifies on its schedule instead of fetching everything as new. A row's original capture stays
 * at the old address in the WARC files: {@code original_url} keeps it, for the revisits that refer
 * to it. A URL already known at the new address keeps that row (what the new address answered).
 */
final class StateMove {
  private StateMove() {}

  /** Runs inside one transaction (see {@link CrawlState#rebase}); the number of URLs re-based. */
  static int apply(StateDb db, SiteMove move) {
    String from = move.from();
    Object[] args = {move.to(), from.length() + 1, from.length(), from};
    int n = db.update("UPDATE OR IGNORE urls SET url=? || substr(url, ?), original_url=COALESCE(original_url, url) "
        + "WHERE substr(url, 1, ?)=?", args);
    db.update("DELETE FROM urls WHERE substr(url, 1, ?)=?", from.length(), from);
    db.update("UPDATE urls SET discovered_from=? || substr(discovered_from, ?) WHERE substr(discovered_from, 1, ?)=?", args);
    db.update("UPDATE OR IGNORE signals SET source=? || substr(source, ?) WHERE substr(source, 1, ?)=?", args);
    db.update("DELETE FROM signals WHERE substr(source, 1, ?)=?", from.length(), from);
    return n;
  }
}
