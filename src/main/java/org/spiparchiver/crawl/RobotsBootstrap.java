package org.spiparchiver.crawl;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.spiparchiver.crawl.CrawlState.Status;
import org.spiparchiver.crawl.CrawlState.UrlRow;

/**
 * The start of a run: robots.txt first (nothing is fetched before its rules are known), then the
 * discovery seeds and the sitemaps robots.txt names; also robots.txt of any other host met later.
 */
final class RobotsBootstrap {
  private final CrawlContext ctx;

  RobotsBootstrap(CrawlContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Reads the site's robots.txt and seeds the frontier; false when the run ends here (unreachable,
   * robots.txt forbids everything, a pause too long), with the outcome set on {@code run}.
   *
   * @param resuming the previous pass is not finished: known seeds are not fetched again
   */
  boolean start(CrawlRun run, boolean resuming) {
    UrlRules rules = ctx.rules();
    RobotsGate robots = ctx.robots();
    String site = rules.root().getRawAuthority();
    if (!readRobots(site, run, true)) return false;
    if (robots.allowsNothing(site)
        || !robots.allowed(rules.root()) && !robots.allowed(rules.root().resolve("spip.php"))) {
      run.outcome = CrawlRun.Outcome.UNREACHABLE;
      run.reason = "robots.txt of " + site + " disallows everything for this user agent";
      return false;
    }
    // A new pass (first run, or the previous pass completed) starts again from the discovery pages.
    Instant now = ctx.clock().instant();
    CrawlState state = ctx.state();
    for (CrawlTarget seed : rules.seeds()) {
      if (!state.discover(seed, now, null, 0) && !resuming) state.requeue(seed.url());
    }
    for (String sm : robots.sitemaps(site)) {
      UrlRules.Decision d = rules.decide(null, sm, UrlRules.Role.NAVIGATION);
      if (d.accepted() && !state.discover(d.target(), now, null, 0) && !resuming) state.requeue(d.target().url());
    }
    return true;
  }

  /**
   * Fetches and applies robots.txt of {@code host}. On the site itself, a network failure on this
   * first contact ends the run as unreachable; false means the run or the host is closed.
   */
  boolean readRobots(String host, CrawlRun run, boolean site) {
    URI url = URI.create(ctx.rules().root().getScheme() + "://" + host + "/robots.txt");
    CrawlTarget target = new CrawlTarget(url, UrlKind.ROBOTS, null);
    CrawlState state = ctx.state();
    state.discover(target, ctx.clock().instant(), null, 0);
    Optional<UrlRow> row = state.get(url);
    try {
      HttpFetcher.Result r = ctx.fetcher().fetch(url, row.map(Crawler::previous).orElse(null), null, null);
      run.bytes += r.body().length;
      ctx.robots().load(host, url, r.status(), ResponseBodies.decoded(r), r.header("Content-Type").orElse(null));
      ctx.robots().crawlDelay(host).ifPresent(d -> {
        ctx.politeness().setCrawlDelay(host, d);
        // robots.txt itself has just been answered: the longer delay already counts from now.
        ctx.politeness().pause(host, d);
        ctx.listener().info("robots.txt of " + host + " asks for Crawl-delay " + d.toMillis() + " ms");
      });
      state.recordFetch(url, ResponseHandler.fetchRecord(r, null, false));
      if (r.status() == 200) {
        ctx.siteCopy().captured(url, r.header("Content-Type").orElse(null), r.fetchedAt(), ResponseBodies.decoded(r), r.capture());
      }
      if (site && r.status() >= 500) {
        run.outcome = CrawlRun.Outcome.UNREACHABLE;
        run.reason = "robots.txt of " + host + " answered HTTP " + r.status() + " (RFC 9309: nothing may be fetched)";
        return false;
      }
      return true;
    } catch (Politeness.PauseTooLong e) {
      Crawler.stopWith(ctx.listener(), run, CrawlRun.Outcome.PAUSED, e.getMessage() + "; the next run resumes");
      return false;
    } catch (IOException | ResponseBodies.UndecodableBody e) {
      ctx.robots().unreachable(host);
      String why = e instanceof IOException io ? Crawler.describe(io) : e.getMessage();
      state.recordFailure(url, Status.FAILED, why, ctx.clock().instant());
      if (site) {
        run.outcome = CrawlRun.Outcome.UNREACHABLE;
        run.reason = "site unreachable: " + url + ": " + why;
        return false;
      }
      return true;
    }
  }
}
