package org.spiparchiver.crawl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spiparchiver.config.Config;
import org.spiparchiver.crawl.CrawlState.FetchRecord;
import org.spiparchiver.crawl.revisit.ChangeSignals;
import org.spiparchiver.crawl.revisit.RevisitPlanner;
import org.spiparchiver.crawl.CrawlState.Status;
import org.spiparchiver.crawl.CrawlState.UrlRow;
import org.spiparchiver.mirror.ArticleRecorder;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.ArticleSource;
import org.spiparchiver.mirror.SiteCopy;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Image;

/**
 * The crawl loop: one URL at a time from the frontier in crawl.db, fetched through
 * {@link HttpFetcher} (which archives it), then links discovered, article records written, and the
 * URL's state updated — links and state in one transaction, after the WARC record is on disk, so a
 * crash at any point loses nothing and a re-run re-fetches at most the URLs in flight.
 *
 * <p>Processing a response (parsing, extraction, records, state) runs on a second thread while the
 * loop waits its politeness turn and fetches the next URL, so a slow page does not stretch the pause;
 * at most one response is processed behind the fetch, and always in fetch order.
 */
public final class Crawler {
  private static final Logger log = LoggerFactory.getLogger(Crawler.class);
  /** Decoded bodies are parsed only up to this size (a gzip bomb must not exhaust the heap). */
  private static final int MAX_DECODED = 64 << 20;

  /** Run limits; zero or null means none. */
  public record Limits(long maxRequests, Duration maxDuration) {}

  /** How a new pass over an archived site re-verifies it: the revisit policy, or everything ({@code full}). */
  public record Recrawl(Config.Revisit policy, boolean full) {}

  /** Re-verifications wait until every new page of the pass has been fetched. */
  static final int REVISIT_PRIORITY = UrlKind.DOCUMENT.priority + 1;
  /** An article whose listing or feed entry moved is fetched with the new articles. */
  static final int MOVED_PRIORITY = UrlKind.ARTICLE.priority;
  /** A removal is recorded when an article answered 404/410 on this many runs in a row. */
  static final int GONE_AFTER_RUNS = 2;

  private final UrlRules rules;
  private final CrawlState state;
  private final HttpFetcher fetcher;
  private final RobotsGate robots;
  private final Politeness politeness;
  private final ArticleSource articles;
  private final ArticleRecords records;
  private final ArticleRecorder recorder;
  private final SiteCopy siteCopy;
  private final LocalImages localImages;
  private final Clock clock;
  private final CrawlListener listener;
  private final int maxConsecutiveFailures;
  private final int maxRedirects;
  private final Recrawl recrawl;
  private volatile boolean stopRequested;
  private long requestsAtStart;
  private ExecutorService processor;
  private Future<?> processing;
  private URI processingUrl;

  public Crawler(UrlRules rules, CrawlState state, HttpFetcher fetcher, RobotsGate robots, Politeness politeness,
      ArticleSource articles, ArticleRecords records, SiteCopy siteCopy, Clock clock, CrawlListener listener,
      int maxConsecutiveFailures, int maxRedirects, Recrawl recrawl) {
    this.rules = rules;
    this.state = state;
    this.fetcher = fetcher;
    this.robots = robots;
    this.politeness = politeness;
    this.articles = articles;
    this.records = records;
    this.recorder = new ArticleRecorder(records);
    this.siteCopy = siteCopy;
    this.localImages = new LocalImages(rules, state);
    this.clock = clock;
    this.listener = listener;
    this.maxConsecutiveFailures = maxConsecutiveFailures;
    this.maxRedirects = maxRedirects;
    this.recrawl = recrawl;
  }

  /** Asks the run to stop after the URL in flight (e.g. on SIGTERM); the state stays consistent. */
  public void stop() {
    stopRequested = true;
  }

  public CrawlRun run(Limits limits) {
    CrawlRun run = new CrawlRun(clock.instant());
    requestsAtStart = fetcher.requests();
    processor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "crawl-processor");
      t.setDaemon(true);
      return t;
    });
    try {
      crawl(run, limits);
      awaitProcessing();
    } finally {
      // Not interrupted: an interrupt would close the file channels of a record being written.
      processor.shutdown();
      awaitTermination();
      completeRecords(run);
      run.requests = fetcher.requests() - requestsAtStart;
      run.finished = clock.instant();
    }
    // The run's changes, plus those of a run that died before its report, each counted once; a run
    // that fails with an exception writes no report, so its changes wait in the log for the next.
    run.takeChanges(state.unreportedChanges());
    state.markChangesReported();
    return run;
  }

  private void crawl(CrawlRun run, Limits limits) {
    int requeued = state.requeueFailed();
    if (requeued > 0) listener.info(requeued + " URLs that failed last time are tried again");
    boolean resuming = state.count(Status.PENDING) > 0;
    String site = rules.root().getRawAuthority();
    if (!readRobots(site, run, true)) return;
    if (robots.allowsNothing(site)
        || !robots.allowed(rules.root()) && !robots.allowed(rules.root().resolve("spip.php"))) {
      run.outcome = CrawlRun.Outcome.UNREACHABLE;
      run.reason = "robots.txt of " + site + " disallows everything for this user agent";
      return;
    }
    // A new pass (first run, or the previous pass completed) starts again from the discovery pages.
    Instant now = clock.instant();
    for (CrawlTarget seed : rules.seeds()) {
      if (!state.discover(seed, now, null, 0) && !resuming) state.requeue(seed.url());
    }
    for (String sm : robots.sitemaps(site)) {
      UrlRules.Decision d = rules.decide(null, sm, UrlRules.Role.NAVIGATION);
      if (d.accepted() && !state.discover(d.target(), now, null, 0) && !resuming) state.requeue(d.target().url());
    }
    if (!resuming) planPass(now);

    int consecutiveFailures = 0;
    long startNanos = System.nanoTime();
    while (true) {
      if (stopRequested) {
        stopWith(run, CrawlRun.Outcome.LIMIT_REACHED, "interrupted; the next run continues");
        return;
      }
      run.requests = fetcher.requests() - requestsAtStart;
      if (limits.maxRequests() > 0 && run.requests >= limits.maxRequests()) {
        stopWith(run, CrawlRun.Outcome.LIMIT_REACHED, "--max-requests " + limits.maxRequests() + " reached");
        return;
      }
      if (limits.maxDuration() != null && Duration.ofNanos(System.nanoTime() - startNanos).compareTo(limits.maxDuration()) >= 0) {
        stopWith(run, CrawlRun.Outcome.LIMIT_REACHED, "--max-duration " + org.spiparchiver.config.Durations.format(limits.maxDuration()) + " reached");
        return;
      }
      Optional<UrlRow> next = state.nextPendingExcept(processingUrl);
      if (next.isEmpty()) {
        if (processing == null) return;
        // The page being processed may still add URLs to the frontier.
        awaitProcessing();
        continue;
      }
      UrlRow row = next.get();
      String host = row.url().getRawAuthority();
      if (!robots.known(host) && !readRobots(host, run, false)) continue;
      if (!robots.allowed(row.url())) {
        state.markDisallowed(row.url());
        continue;
      }
      HttpFetcher.Result result;
      try {
        // Validators go with every request: static files answer 304; SPIP pages ignore them (a full 200).
        result = fetcher.fetch(row.url(), previous(row), row.etag(), row.lastModified());
      } catch (HttpFetcher.Disallowed e) {
        state.markDisallowed(row.url());
        continue;
      } catch (HttpFetcher.TooLarge e) {
        fail(run, row, Status.TOO_LARGE, e.getMessage());
        continue;
      } catch (Politeness.PauseTooLong e) {
        stopWith(run, CrawlRun.Outcome.PAUSED, e.getMessage() + "; the next run resumes");
        return;
      } catch (IOException e) {
        fail(run, row, Status.FAILED, describe(e));
        if (++consecutiveFailures >= maxConsecutiveFailures) {
          stopWith(run, CrawlRun.Outcome.SITE_DOWN, consecutiveFailures + " failures in a row, the site looks down: " + describe(e));
          return;
        }
        continue;
      }
      run.bytes += result.body().length;
      if (result.status() >= 500 || result.status() == 429) {
        fail(run, row, Status.FAILED, "HTTP " + result.status());
        if (++consecutiveFailures >= maxConsecutiveFailures) {
          stopWith(run, CrawlRun.Outcome.SITE_DOWN, consecutiveFailures + " failures in a row, the site looks down: HTTP " + result.status());
          return;
        }
        continue;
      }
      consecutiveFailures = 0;
      awaitProcessing();
      HttpFetcher.Result fetched = result;
      processingUrl = row.url();
      processing = processor.submit(() -> {
        handleIsolated(row, fetched, run);
        long pending = state.count(Status.PENDING);
        listener.fetched(row.url(), fetched.status(), fetched.body().length, run, pending,
            politeness.delay(host).multipliedBy(pending));
      });
    }
  }

  /**
   * The start of a new pass over a site archived before: besides the discovery pages, the first
   * pages of the newest rubriques, the articles the revisit policy says are due, and articles that
   * answered 404 once (a removal needs two runs in a row). {@code --full} takes every URL.
   */
  private void planPass(Instant now) {
    if (recrawl.full()) {
      listener.info(state.requeueAnswered() + " archived URLs re-verified in this run (--full)");
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
      listener.info(due.size() + " archived articles due for re-verification, " + confirmations + " gone articles checked again");
    }
  }

  /** After a failure of the loop: lets the page being processed finish before the records are completed. */
  private void awaitTermination() {
    try {
      processor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the response being processed; its failure (even an Error) is the crawl's. */
  private void awaitProcessing() {
    if (processing == null) return;
    try {
      processing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while processing " + processingUrl, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error err) throw err;
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    } finally {
      processing = null;
      processingUrl = null;
    }
  }

  private static WarcArchive.Previous previous(UrlRow row) {
    if (row.digest() == null || row.fetchedAt() == null) return null;
    return new WarcArchive.Previous(row.digest(), row.url(), row.fetchedAt());
  }

  private void stopWith(CrawlRun run, CrawlRun.Outcome outcome, String reason) {
    run.outcome = outcome;
    run.reason = reason;
    listener.info("stopping: " + reason);
  }

  private void fail(CrawlRun run, UrlRow row, Status status, String error) {
    state.recordFailure(row.url(), status, error, clock.instant());
    run.failures.add(new CrawlRun.Failure(row.url(), error));
    listener.failed(row.url(), error);
  }

  /**
   * Fetches and applies robots.txt of {@code host}. On the site itself, a network failure on this
   * first contact ends the run as unreachable; false means the run or the host is closed.
   */
  private boolean readRobots(String host, CrawlRun run, boolean site) {
    URI url = URI.create(rules.root().getScheme() + "://" + host + "/robots.txt");
    CrawlTarget target = new CrawlTarget(url, UrlKind.ROBOTS, null);
    state.discover(target, clock.instant(), null, 0);
    Optional<UrlRow> row = state.get(url);
    try {
      HttpFetcher.Result r = fetcher.fetch(url, row.map(Crawler::previous).orElse(null), null, null);
      run.bytes += r.body().length;
      robots.load(host, url, r.status(), decoded(r), r.header("Content-Type").orElse(null));
      robots.crawlDelay(host).ifPresent(d -> {
        politeness.setCrawlDelay(host, d);
        // robots.txt itself has just been answered: the longer delay already counts from now.
        politeness.pause(host, d);
        listener.info("robots.txt of " + host + " asks for Crawl-delay " + d.toMillis() + " ms");
      });
      state.recordFetch(url, fetchRecord(r, null, false));
      if (site && r.status() >= 500) {
        run.outcome = CrawlRun.Outcome.UNREACHABLE;
        run.reason = "robots.txt of " + host + " answered HTTP " + r.status() + " (RFC 9309: nothing may be fetched)";
        return false;
      }
      return true;
    } catch (Politeness.PauseTooLong e) {
      stopWith(run, CrawlRun.Outcome.PAUSED, e.getMessage() + "; the next run resumes");
      return false;
    } catch (IOException | UndecodableBody e) {
      robots.unreachable(host);
      String why = e instanceof IOException io ? describe(io) : e.getMessage();
      state.recordFailure(url, Status.FAILED, why, clock.instant());
      if (site) {
        run.outcome = CrawlRun.Outcome.UNREACHABLE;
        run.reason = "site unreachable: " + url + ": " + why;
        return false;
      }
      return true;
    }
  }

  /**
   * Handles one response; an unexpected exception while doing so fails that URL only (error in
   * crawl.db and the run report) and the run goes on. A failing crawl state is the run's failure.
   */
  private void handleIsolated(UrlRow row, HttpFetcher.Result r, CrawlRun run) {
    try {
      handle(row, r, run);
    } catch (CrawlState.StateException e) {
      throw e;
    } catch (UndecodableBody e) {
      fail(run, row, Status.FAILED, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("handling the response of {} failed", row.url(), e);
      fail(run, row, Status.FAILED, "internal error while handling the response: " + e);
    }
  }

  private void handle(UrlRow row, HttpFetcher.Result r, CrawlRun run) {
    URI url = row.url();
    List<CrawlTarget> found = new ArrayList<>();
    Map<Integer, String> signals = new LinkedHashMap<>();
    String listingDigest = null;
    boolean recordPending = false;
    int status = r.status();
    if (status >= 300 && status < 400 && status != 304) {
      r.header("Location").ifPresent(loc -> redirect(row, loc, found));
    } else if (status == 200) {
      byte[] body = decoded(r);
      String type = r.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
      boolean html = type.contains("html");
      boolean page = html && (row.kind().isListing() || row.kind() == UrlKind.ARTICLE);
      if (!page && (r.capture() == null || !r.capture().revisit() || html)) writeCopy(url, html, body);
      switch (row.kind()) {
        case IMAGE -> run.images++;
        case DOCUMENT -> run.documents++;
        default -> { }
      }
      if (row.kind() == UrlKind.SITEMAP) {
        accept(url, Links.sitemap(body, type.isEmpty() ? null : type, url), found, true);
      } else if (row.kind() == UrlKind.FEED) {
        accept(url, Links.feed(body, url), found, true);
        signals.putAll(ChangeSignals.fromRss(body, url));
      } else if (page) {
        run.pages++;
        Document doc = Links.parseHtml(body, url);
        List<Links.Link> links = Links.html(doc);
        if (row.kind().isListing()) {
          listingDigest = listingDigest(links);
          signals.putAll(ChangeSignals.fromListing(doc));
          boolean repeated = isPaginated(url) && state.listingDigests(withoutPagination(url), url).contains(listingDigest);
          // A page of a listing equal to another page of it: the pagination has ended (or loops).
          accept(url, links, found, !repeated);
        } else {
          accept(url, links, found, true);
          recordPending = article(row, r, body, found, run);
        }
        writePageCopy(url, doc);
      } else if (type.contains("css")) {
        accept(url, Links.css(body, url), found, true);
      }
    } else if (status == 304) {
      run.revisits++;
      run.notModified++;
    }
    if (r.capture() != null && r.capture().revisit()) run.revisits++;
    Instant now = clock.instant();
    String lm = listingDigest;
    boolean pending = recordPending;
    List<Integer> moved = new ArrayList<>();
    List<Integer> vanished = new ArrayList<>();
    // The feed only lists the latest items: falling off it says nothing. A dated listing page that
    // still lists articles but no longer one it listed does (an empty page may be a template change).
    boolean datedListing = row.kind().isListing() && !signals.isEmpty();
    state.transaction(() -> {
      for (CrawlTarget t : found) state.discover(t, now, url, 0);
      state.recordFetch(url, fetchRecord(r, lm, pending));
      signals.forEach((id, signal) -> {
        if (state.moveSignal(id, url, signal, MOVED_PRIORITY)) moved.add(id);
      });
      if (datedListing) vanished.addAll(state.requeueVanished(url, signals.keySet(), MOVED_PRIORITY));
    });
    if (!moved.isEmpty()) listener.info(url + " shows new dates for articles " + moved + ": fetched again");
    if (!vanished.isEmpty()) listener.info(url + " no longer lists articles " + vanished + ": verified again");
    markRemoved(row, r);
  }

  /** Marks the record of an article that answered 404/410 on {@link #GONE_AFTER_RUNS} runs in a row. */
  private void markRemoved(UrlRow row, HttpFetcher.Result r) {
    if (row.kind() != UrlKind.ARTICLE || row.objectId() == null || r.status() != 404 && r.status() != 410
        || row.consecutive404s() + 1 < GONE_AFTER_RUNS) {
      return;
    }
    try {
      Optional<Article> a = records.read(row.objectId());
      if (a.isEmpty() || a.get().removedAt() != null) return;
      String evidence = r.capture() == null ? "HTTP " + r.status() : r.capture().payloadDigest();
      // Logged before the record is marked: a crash in between logs the same change once.
      state.recordChange(new CrawlState.ArticleChange(a.get().id(), ArticleRecords.Change.Kind.REMOVED, List.of(),
          issueTitle(a.get()), evidence), clock.instant());
      recorder.markRemoved(a.get().id(), r.fetchedAt().toString());
      listener.info("article " + a.get().id() + " is gone (HTTP " + r.status() + " on " + GONE_AFTER_RUNS
          + " runs in a row): its record is kept, marked removed");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot mark the record of article " + row.objectId() + " removed", e);
    }
  }

  private static String issueTitle(Article a) {
    return a.issue() == null ? null : a.issue().title();
  }

  private void redirect(UrlRow row, String location, List<CrawlTarget> found) {
    UrlRules.Role role = row.kind() == UrlKind.IMAGE || row.kind() == UrlKind.REQUISITE ? UrlRules.Role.EMBED : UrlRules.Role.NAVIGATION;
    UrlRules.Decision d = rules.decide(row.url(), location, role);
    if (!d.accepted()) {
      listener.info("redirect recorded, not followed (" + d.rejected() + "): " + row.url() + " -> " + location);
      return;
    }
    if (d.target().url().equals(row.url())) {
      listener.info("redirect to its own canonical form, not followed: " + row.url() + " -> " + location);
      return;
    }
    if (row.redirectHops() >= maxRedirects) {
      listener.info("more than " + maxRedirects + " redirects, not followed: " + row.url() + " -> " + location);
      return;
    }
    state.discover(d.target(), clock.instant(), row.url(), row.redirectHops() + 1);
  }

  private void accept(URI base, List<Links.Link> links, List<CrawlTarget> found, boolean navigation) {
    for (Links.Link l : links) {
      if (!navigation && l.role() == UrlRules.Role.NAVIGATION) continue;
      UrlRules.Decision d = rules.decide(base, l.href(), l.role());
      if (d.accepted() && robots.allowed(d.target().url()) || d.accepted() && !robots.known(d.target().url().getRawAuthority())) {
        found.add(d.target());
      }
    }
  }

  /** Extracts and writes the article record; true when it has images, to be completed once they are archived. */
  private boolean article(UrlRow row, HttpFetcher.Result r, byte[] html, List<CrawlTarget> found, CrawlRun run) {
    WarcArchive.Capture c = r.capture();
    if (c != null && c.revisit() && unchangedRecordStands(row)) return false;
    Optional<Article> extracted;
    try {
      extracted = articles.article(html, row.url());
    } catch (RuntimeException e) {
      log.warn("extraction failed for {}: {}", row.url(), e.toString());
      run.failures.add(new CrawlRun.Failure(row.url(), "extraction: " + e));
      return false;
    }
    if (extracted.isEmpty()) return false;
    Article a = extracted.get();
    if (a.published() != null) state.setPublished(row.url(), instant(a.published()));
    for (Image img : a.images()) {
      for (String u : new String[] {img.url(), img.originalUrl()}) {
        if (u == null) continue;
        UrlRules.Decision d = rules.decide(row.url(), u, UrlRules.Role.EMBED);
        if (d.accepted() && robots.allowed(d.target().url())) found.add(d.target());
      }
    }
    Article withProvenance = c == null ? a
        : a.withProvenance(r.fetchedAt().toString(), c.file(), c.offset(), c.payloadDigest());
    Article complete = localImages.fill(withProvenance, row.url());
    try {
      ArticleRecords.Change change = recorder.record(complete);
      if (change.kind() != ArticleRecords.Change.Kind.UNCHANGED) {
        // Logged before anything else depends on it; a crash and re-fetch records the same change once.
        state.recordChange(new CrawlState.ArticleChange(a.id(), change.kind(),
            change.fields(), issueTitle(a), c == null ? "none" : c.payloadDigest()), clock.instant());
      }
      run.article(change);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write the record of article " + a.id(), e);
    }
    return !complete.images().isEmpty();
  }

  /**
   * A page whose payload is identical to the archived one (a WARC revisit record): its record
   * stands as it is, so nothing is written or re-indexed. A record marked removed is rewritten.
   */
  private boolean unchangedRecordStands(UrlRow row) {
    if (row.objectId() == null) return false;
    try {
      Optional<Article> existing = records.read(row.objectId());
      return existing.isPresent() && existing.get().removedAt() == null;
    } catch (IOException e) {
      return false; // an unreadable record is rewritten from the page
    }
  }

  /** An ISO date or date-time of a record as an instant (a date is its start, UTC). */
  private static Instant instant(String iso) {
    return iso.length() == 10 ? java.time.LocalDate.parse(iso).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
        : java.time.OffsetDateTime.parse(iso).toInstant();
  }

  /** Fills image paths of records written before their images were archived (also after a crash). */
  private void completeRecords(CrawlRun run) {
    for (UrlRow row : state.recordsPending()) {
      try {
        if (row.objectId() == null) {
          state.clearRecordPending(row.url());
          continue;
        }
        Optional<Article> a = records.read(row.objectId());
        if (a.isEmpty()) continue;
        Article complete = localImages.fill(a.get(), row.url());
        if (!complete.equals(a.get())) records.write(complete);
        // The flag stays while an image may still arrive (e.g. the run stopped before its original).
        if (localImages.settled(complete, row.url()) || state.count(Status.PENDING) == 0) state.clearRecordPending(row.url());
      } catch (IOException e) {
        run.failures.add(new CrawlRun.Failure(row.url(), "record: " + e.getMessage()));
      }
    }
  }

  private void writePageCopy(URI url, Document doc) {
    try {
      siteCopy.writePage(url, doc, (link, embedded) -> {
        UrlRules.Decision d = rules.decide(null, link, embedded ? UrlRules.Role.EMBED : UrlRules.Role.NAVIGATION);
        if (!d.accepted()) return Optional.empty();
        UrlKind k = d.target().kind();
        boolean linkedPage = k.isListing() || k == UrlKind.ARTICLE;
        return Optional.of(new SiteCopy.Local(d.target().url(), linkedPage));
      });
    } catch (IOException | IllegalArgumentException e) {
      log.warn("offline copy of {} not written: {}", url, e.toString());
    }
  }

  private void writeCopy(URI url, boolean html, byte[] body) {
    try {
      siteCopy.write(url, html, body);
    } catch (IOException | IllegalArgumentException e) {
      log.warn("offline copy of {} not written: {}", url, e.toString());
    }
  }

  private static FetchRecord fetchRecord(HttpFetcher.Result r, String listingDigest, boolean recordPending) {
    // A 304 keeps pointing at the capture that holds the content.
    WarcArchive.Capture c = r.status() == 304 ? null : r.capture();
    return new FetchRecord(r.status(), c == null || r.status() != 200 ? null : c.payloadDigest(),
        r.header("ETag").orElse(null), r.header("Last-Modified").orElse(null), r.fetchedAt(),
        c == null ? null : c.file(), c == null ? 0 : c.offset(), listingDigest, recordPending);
  }

  /** The body with its Content-Encoding removed (gzip), bounded. */
  static byte[] decoded(HttpFetcher.Result r) {
    String enc = r.header("Content-Encoding").orElse("").trim().toLowerCase(Locale.ROOT);
    if (!enc.equals("gzip") && !enc.equals("x-gzip")) return r.body();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
      return in.readNBytes(MAX_DECODED);
    } catch (IOException e) {
      // Never the compressed bytes in place of the page: the URL fails with the reason.
      throw new UndecodableBody("undecodable body (Content-Encoding " + enc + "): " + e.getMessage());
    }
  }

  /** A body that its Content-Encoding does not decode. */
  static final class UndecodableBody extends RuntimeException {
    UndecodableBody(String message) {
      super(message);
    }
  }

  /** Digest of the article ids a listing page links to: equal digests = the same page of the listing. */
  private String listingDigest(List<Links.Link> links) {
    TreeSet<Integer> ids = new TreeSet<>();
    for (Links.Link l : links) {
      if (l.role() != UrlRules.Role.NAVIGATION) continue;
      UrlRules.Decision d = rules.decide(null, l.href(), UrlRules.Role.NAVIGATION);
      if (d.accepted() && d.target().kind() == UrlKind.ARTICLE) ids.add(d.target().objectId());
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-1").digest(ids.toString().getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isPaginated(URI url) {
    return url.getRawQuery() != null && url.getRawQuery().contains("debut_");
  }

  static URI withoutPagination(URI url) {
    String q = url.getRawQuery();
    if (q == null) return url;
    String kept = String.join("&", java.util.Arrays.stream(q.split("&")).filter(p -> !p.startsWith("debut_")).toList());
    String s = url.toString();
    return URI.create(s.substring(0, s.indexOf('?')) + (kept.isEmpty() ? "" : "?" + kept));
  }

  static String describe(IOException e) {
    if (e instanceof UnknownHostException) return "unknown host " + e.getMessage();
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) return "connection refused (" + e.getMessage() + ")";
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

}
