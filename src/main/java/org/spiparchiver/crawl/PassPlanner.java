package org.spiparchiver.crawl;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.spiparchiver.crawl.revisit.RevisitPlanner;

/**
 * The start of a new pass over a site archived before: besides the discovery pages, the first
 * pages of the newest rubriques, the articles the revisit policy says are due, and articles that
 * answered 404 once (a removal needs two runs in a row). {@code --full} takes every URL.
 */
final class PassPlanner {
  /** Re-verifications wait until every new page of the pass has been fetched. */
  static final int REVISIT_PRIORITY = UrlKind.DOCUMENT.priority + 1;

  private final CrawlContext ctx;

  PassPlanner(CrawlContext ctx) {
    this.ctx = ctx;
  }

  void plan(Instant now) {
    CrawlState state = ctx.state();
    Crawler.Recrawl recrawl = ctx.recrawl();
    if (recrawl.full()) {
      ctx.listener().info(state.requeueAnswered() + " archived URLs re-verified in this run (--full)");
      return;
    }
    for (URI listing : state.newestRubriques(recrawl.policy().recentListings())) state.requeue(listing);
    int confirmations = 0;
    for (CrawlState.Archived a : state.archivedArticles()) {
      if (a.awaitingConfirmation()) {
        state.requeue(a.url(), REVISIT_PRIORITY);
        confirmations++;
      }
    }
    List<String> due = new RevisitPlanner(recrawl.policy()).plan(state.revisitCandidates(), now, false);
    for (String url : due) state.requeue(URI.create(url), REVISIT_PRIORITY);
    if (!due.isEmpty() || confirmations > 0) {
      ctx.listener().info(due.size() + " archived articles due for re-verification, " + confirmations + " gone articles checked again");
    }
  }
}
