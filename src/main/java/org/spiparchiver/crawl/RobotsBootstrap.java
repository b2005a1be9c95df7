package org.spiparchiver.crawl;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.spiparchiver.crawl.CrawlState.Status;

/**
 * The start of a run: robots.txt first (nothing is fetched before its rules are known), then the
 * discovery seeds and the sitemaps robots.txt names; also robots.txt of any other host met later.
 */
final class RobotsBootstrap {
  /** RFC 9309 asks crawlers to follow at least five consecutive redirects of robots.txt. */
  static final int MAX_ROBOTS_REDIRECTS = 5;

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
    try {
      HttpFetcher.Result first = ctx.fetcher().fetch(url, state.previousCapture(url), null, null);
      run.bytes += first.body().length;
      HttpFetcher.Result r = first;
      URI at = url;
      // RFC 9309 2.3.1.2: follow at least five redirects (http -> https, www -> bare host, ...).
      for (int hop = 0; isRedirect(r.status()) && hop < MAX_ROBOTS_REDIRECTS; hop++) {
        Optional<URI> next = redirectTarget(at, r);
        if (next.isEmpty()) break;
        at = next.get();
        r = ctx.fetcher().fetch(at, null, null, null);
        run.bytes += r.body().length;
      }
      int status = r.status();
      if (isRedirect(status)) {
        // Past the redirects we follow, RFC 9309 lets the file be taken as unavailable: everything allowed.
        ctx.listener().info("robots.txt of " + host + " redirects beyond " + at + " (not followed further): "
            + "taken as unavailable, as RFC 9309 allows; everything is allowed");
        status = 404;
      } else if (!at.equals(url)) {
        ctx.listener().info("robots.txt of " + host + " read at " + at + " (redirected)");
      }
      ctx.robots().load(host, url, status, r.decoded(), r.header("Content-Type").orElse(null));
      ctx.robots().crawlDelay(host).ifPresent(d -> {
        ctx.politeness().setCrawlDelay(host, d);
        // robots.txt itself has just been answered: the longer delay already counts from now.
        ctx.politeness().pause(host, d);
        ctx.listener().info("robots.txt of " + host + " asks for Crawl-delay " + d.toMillis() + " ms");
      });
      state.recordFetch(url, ResponseHandler.fetchRecord(first, null, false));
      if (first.status() == 200) {
        ctx.siteCopy().captured(url, first.header("Content-Type").orElse(null), first.fetchedAt(), first.decoded(), first.capture());
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
    } catch (HttpFetcher.CutOff e) {
      // The run's time is up (--max-duration): robots.txt is read again by the next run. Later in
      // the run, the loop stops at its next turn.
      if (site) Crawler.stopWith(ctx.listener(), run, CrawlRun.Outcome.LIMIT_REACHED, e.getMessage());
      return false;
    } catch (IOException | HttpFetcher.UndecodableBody e) {
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

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** Where a robots.txt redirect leads, when that is another robots.txt (the only path the robots gate lets through unread). */
  private static Optional<URI> redirectTarget(URI from, HttpFetcher.Result r) {
    try {
      Optional<URI> to = r.header("Location").map(l -> from.resolve(l.trim()));
      return to.filter(u -> ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
          && u.getRawAuthority() != null && "/robots.txt".equals(u.getRawPath()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
