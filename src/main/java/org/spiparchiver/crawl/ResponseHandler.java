package org.spiparchiver.crawl;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spiparchiver.crawl.CrawlState.FetchRecord;
import org.spiparchiver.crawl.CrawlState.Status;
import org.spiparchiver.crawl.CrawlState.UrlRow;
import org.spiparchiver.mirror.WarcArchive;

/**
 * What is done with one response, on the processing thread: redirects followed, the body decoded
 * once and given to the handler of its URL's kind (sitemap, feed, listing, article, stylesheet),
 * the offline copy written, then the URL's state and the links it revealed committed in one
 * transaction. An unexpected exception fails that URL only.
 */
final class ResponseHandler {
  private static final Logger log = LoggerFactory.getLogger(ResponseHandler.class);
  /** An article whose listing or feed entry moved is fetched with the new articles. */
  static final int MOVED_PRIORITY = UrlKind.ARTICLE.priority;

  /** What a response revealed: links to follow, date signals of articles, the listing digest, a record waiting for images. */
  static final class Found {
    final List<CrawlTarget> targets = new ArrayList<>();
    final Map<Integer, String> signals = new LinkedHashMap<>();
    String listingDigest;
    boolean recordPending;
  }

  /** A 200 response of one kind of URL. */
  interface KindHandler {
    void handle(UrlRow row, HttpFetcher.Result r, byte[] body, String type, CrawlRun run, Found found);
  }

  private final CrawlContext ctx;
  private final ArticlePages articles;
  private final ListingPages listings;

  ResponseHandler(CrawlContext ctx) {
    this.ctx = ctx;
    this.articles = new ArticlePages(ctx, this);
    this.listings = new ListingPages(ctx, this);
  }

  ArticlePages articles() {
    return articles;
  }

  /** Handles one response; an unexpected exception fails that URL only, a failing crawl state is the run's failure. */
  void handleIsolated(UrlRow row, HttpFetcher.Result r, CrawlRun run) {
    try {
      handle(row, r, run);
    } catch (CrawlState.StateException e) {
      throw e;
    } catch (HttpFetcher.UndecodableBody e) {
      Crawler.fail(ctx, run, row, Status.FAILED, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("handling the response of {} failed", row.url(), e);
      String error = "internal error while handling the response: " + e;
      Status status = ctx.state().recordCrash(row.url(), error, ctx.clock().instant());
      String why = status == Status.QUARANTINED ? FetchLog.QUARANTINED + error : error;
      run.failures.add(new CrawlRun.Failure(row.url(), why));
      if (status == Status.QUARANTINED) ctx.listener().skipped(row.url(), why);
      else ctx.listener().failed(row.url(), why);
    }
  }

  private void handle(UrlRow row, HttpFetcher.Result r, CrawlRun run) {
    URI url = row.url();
    ctx.state().markInFlight(url);
    Found found = new Found();
    int status = r.status();
    if (status >= 300 && status < 400 && status != 304) {
      r.header("Location").ifPresent(loc -> redirect(row, loc, found));
    } else if (status == 200) {
      byte[] body = r.decoded();
      String type = r.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
      boolean html = type.contains("html");
      boolean page = html && (row.kind().isListing() || row.kind() == UrlKind.ARTICLE);
      // The offline copy (mirror/site/): the one call into it per archived answer.
      ctx.siteCopy().captured(url, r.header("Content-Type").orElse(null), r.fetchedAt(), body, r.capture());
      switch (row.kind()) {
        case IMAGE -> run.images++;
        case DOCUMENT -> run.documents++;
        default -> { }
      }
      KindHandler h = handler(row.kind(), page, type);
      if (h != null) h.handle(row, r, body, type, run, found);
    } else if (status == 304) {
      run.revisits++;
      run.notModified++;
    }
    if (r.capture() != null && r.capture().revisit()) run.revisits++;
    commit(row, r, found);
    articles.markRemoved(row, r);
  }

  private KindHandler handler(UrlKind kind, boolean page, String type) {
    if (kind == UrlKind.SITEMAP) return (row, r, body, t, run, found) ->
        accept(row.url(), Links.sitemap(body, t.isEmpty() ? null : t, row.url()), found, true);
    if (kind == UrlKind.FEED) return (row, r, body, t, run, found) -> {
      accept(row.url(), Links.feed(body, row.url()), found, true);
      found.signals.putAll(org.spiparchiver.crawl.revisit.ChangeSignals.fromRss(body, row.url()));
    };
    if (page) return kind.isListing() ? listings : articles;
    if (type.contains("css")) return (row, r, body, t, run, found) -> accept(row.url(), Links.css(body, row.url()), found, true);
    return null;
  }

  /** The URL's state, the links it revealed and what it says about articles' dates: one transaction. */
  private void commit(UrlRow row, HttpFetcher.Result r, Found found) {
    URI url = row.url();
    CrawlState state = ctx.state();
    Instant now = ctx.clock().instant();
    List<Integer> moved = new ArrayList<>();
    List<Integer> vanished = new ArrayList<>();
    // The feed only lists the latest items: falling off it says nothing. A dated listing page that
    // still lists articles but no longer one it listed does (an empty page may be a template change).
    boolean datedListing = row.kind().isListing() && !found.signals.isEmpty();
    state.transaction(() -> {
      for (CrawlTarget t : found.targets) state.discover(t, now, url, 0);
      state.recordFetch(url, fetchRecord(r, found.listingDigest, found.recordPending));
      found.signals.forEach((id, signal) -> {
        if (state.moveSignal(id, url, signal, MOVED_PRIORITY)) moved.add(id);
      });
      if (datedListing) vanished.addAll(state.requeueVanished(url, found.signals.keySet(), MOVED_PRIORITY));
    });
    if (!moved.isEmpty()) ctx.listener().info(url + " shows new dates for articles " + moved + ": fetched again");
    if (!vanished.isEmpty()) ctx.listener().info(url + " no longer lists articles " + vanished + ": verified again");
  }

  private void redirect(UrlRow row, String location, Found found) {
    UrlRules.Role role = row.kind() == UrlKind.IMAGE || row.kind() == UrlKind.REQUISITE ? UrlRules.Role.EMBED : UrlRules.Role.NAVIGATION;
    UrlRules.Decision d = ctx.rules().decide(row.url(), location, role);
    CrawlListener listener = ctx.listener();
    if (!d.accepted()) {
      listener.info("redirect recorded, not followed (" + d.rejected() + "): " + row.url() + " -> " + location);
      return;
    }
    if (d.target().url().equals(row.url())) {
      listener.info("redirect to its own canonical form, not followed: " + row.url() + " -> " + location);
      return;
    }
    if (row.redirectHops() >= ctx.maxRedirects()) {
      listener.info("more than " + ctx.maxRedirects() + " redirects, not followed: " + row.url() + " -> " + location);
      return;
    }
    ctx.state().discover(d.target(), ctx.clock().instant(), row.url(), row.redirectHops() + 1);
  }

  /** The links in scope and allowed, as targets; {@code navigation} false keeps embedded resources only. */
  void accept(URI base, List<Links.Link> links, Found found, boolean navigation) {
    for (Links.Link l : links) {
      if (!navigation && l.role() == UrlRules.Role.NAVIGATION) continue;
      UrlRules.Decision d = ctx.rules().decide(base, l.href(), l.role());
      if (d.accepted() && ctx.mayFetch(d.target())) found.targets.add(d.target());
    }
  }

  static FetchRecord fetchRecord(HttpFetcher.Result r, String listingDigest, boolean recordPending) {
    // A 304 keeps pointing at the capture that holds the content.
    WarcArchive.Capture c = r.status() == 304 ? null : r.capture();
    return new FetchRecord(r.status(), c == null || r.status() != 200 ? null : c.payloadDigest(),
        r.header("ETag").orElse(null), r.header("Last-Modified").orElse(null), r.fetchedAt(),
        c == null ? null : c.file(), c == null ? 0 : c.offset(), listingDigest, recordPending,
        c == null || c.revisit() || r.status() != 200 ? null : c.recordId());
  }
}
