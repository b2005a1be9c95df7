package org.spiparchiver.crawl;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.spiparchiver.mirror.ArticleRecords;

/**
 * The crawl state in SQLite ({@code mirror/crawl.db}): one row per canonical URL, which is also the
 * frontier (pending rows, by priority then discovery order), and the per-host time of the next
 * allowed request so the politeness delay holds across runs.
 *
 * <p>A facade over one database holder ({@link StateDb}: connection, pragmas, migrations, lock,
 * transactions) and small stores on top of it: {@link Frontier}, {@link FetchLog}, {@link ChangeLog},
 * {@link ListingSignals}, {@link HostSchedule}. Every change that must be atomic (a page marked
 * fetched together with the links it revealed) goes through {@link #transaction}. Times are epoch
 * milliseconds (sortable). Over 300 lines only by its one-line delegations and their comments, kept
 * so that the status, extract and test code reading the state did not change with the split.
 *
 * <p>Columns kept for the re-crawl (issue 5): {@code first_seen}, {@code last_verified} (last time
 * the URL answered), {@code consecutive_404s}, {@code state_kind} (article/rubrique/image/other),
 * {@code object_id}, and ETag / Last-Modified for conditional requests.
 */
public final class CrawlState implements AutoCloseable {

  public enum Status {
    /** In the frontier. */
    PENDING,
    /** Answered (any HTTP status); see {@code http_status}. */
    FETCHED,
    /** No answer after the tries of a run (error in {@code last_error}); retried next run. */
    FAILED,
    /** Excluded by robots.txt. */
    DISALLOWED,
    /** Crashed or stalled the run twice: skipped until {@code crawl --retry-failed}, listed by {@code status}. */
    QUARANTINED,
    /** Body larger than crawl.max_body_size: abandoned, not retried ("skipped"), listed by {@code status}. */
    TOO_LARGE
  }

  /** One URL's state. */
  public record UrlRow(
      URI url,
      UrlKind kind,
      Integer objectId,
      Status status,
      Integer httpStatus,
      int attempts,
      String lastError,
      String digest,
      String etag,
      String lastModified,
      Instant fetchedAt,
      String warcFile,
      Long warcOffset,
      Instant firstSeen,
      Instant lastVerified,
      int consecutive404s,
      String listingDigest,
      int redirectHops,
      boolean recordPending) {}

  /**
   * What a completed fetch leaves in the state. {@code responseId}: the record id when this fetch
   * wrote a full response record (200), which later revisits of an unchanged payload refer to; null
   * for a revisit, a 304 or no capture.
   */
  public record FetchRecord(
      int httpStatus,
      String digest,
      String etag,
      String lastModified,
      Instant fetchedAt,
      String warcFile,
      long warcOffset,
      String listingDigest,
      boolean recordPending,
      URI responseId) {
    public FetchRecord(int httpStatus, String digest, String etag, String lastModified, Instant fetchedAt, String warcFile,
        long warcOffset, String listingDigest, boolean recordPending) {
      this(httpStatus, digest, etag, lastModified, fetchedAt, warcFile, warcOffset, listingDigest, recordPending, null);
    }
  }

  private final StateDb db;
  private final Frontier frontier;
  private final FetchLog fetchLog;
  private final ChangeLog changeLog;
  private final ListingSignals signals;
  private final HostSchedule hosts;

  private CrawlState(StateDb db) {
    this.db = db;
    this.frontier = new Frontier(db);
    this.fetchLog = new FetchLog(db);
    this.changeLog = new ChangeLog(db);
    this.signals = new ListingSignals(db, frontier);
    this.hosts = new HostSchedule(db);
  }

  public static CrawlState open(Path file) {
    return new CrawlState(StateDb.open(file));
  }

  /** Runs {@code body} in one transaction: all of it is committed, or none; no other thread sees it half done. */
  public void transaction(Runnable body) {
    db.transaction(body);
  }

  /**
   * The site moved: its URLs re-based to the new address in one transaction, so that a run killed
   * meanwhile leaves the state as it was; the number of URLs re-based (0 when done already).
   */
  public int rebase(org.spiparchiver.mirror.SiteMove move) {
    int[] n = new int[1];
    db.transaction(() -> n[0] = StateMove.apply(db, move));
    return n[0];
  }

  /** Per host, the next allowed request time, for {@link Politeness}. */
  public Politeness.HostTimes hostTimes() {
    return hosts;
  }

  // ---- Frontier ----

  /** Adds a URL to the frontier unless it is known already; true when it is new. */
  public boolean discover(CrawlTarget t, Instant now, URI from, int redirectHops) {
    return frontier.discover(t, now, from, redirectHops);
  }

  /** Puts a known URL back in the frontier (a seed at the start of a new pass). */
  public void requeue(URI url) {
    frontier.requeue(url);
  }

  /** Puts a known URL back in the frontier at {@code priority} (re-verifications come after new pages). */
  public void requeue(URI url, int priority) {
    frontier.requeue(url, priority);
  }

  /** {@code crawl --full}: every URL answered before is fetched again in this pass. */
  public int requeueAnswered() {
    return frontier.requeueAll(Status.FETCHED);
  }

  /** See {@link FetchLog#recordTooLarge}. */
  public void recordTooLarge(URI url, String why, long limit, Instant now) {
    fetchLog.recordTooLarge(url, why, limit, now);
  }

  /** crawl.max_body_size raised to {@code limit}: the URLs skipped under a smaller one are fetched again. */
  public int requeueTooLarge(long limit) {
    return fetchLog.requeueTooLarge(limit);
  }

  /** URLs that failed in an earlier run get their tries back. */
  public int requeueFailed() {
    return frontier.requeueAll(Status.FAILED);
  }

  /** First pages of the {@code n} newest rubriques (highest ids: SPIP numbers them in creation order). */
  public List<URI> newestRubriques(int n) {
    return frontier.newestRubriques(n);
  }

  /** An archived article page, as the re-crawl policy sees it. */
  public record Archived(URI url, Instant lastVerified, Instant published, int consecutive404s) {
    /** Answered 404/410 once: asked again next run, since a removal takes two runs in a row. */
    public boolean awaitingConfirmation() {
      return consecutive404s == 1;
    }
  }

  /** Every article page answered before (200, or 404/410 for articles that went away). */
  public List<Archived> archivedArticles() {
    return frontier.archivedArticles();
  }

  /** The archived articles the revisit policy schedules: all but those awaiting a second 404 (always asked again). */
  public List<org.spiparchiver.crawl.revisit.RevisitPlanner.Candidate> revisitCandidates() {
    return frontier.revisitCandidates();
  }

  public void setPublished(URI url, Instant published) {
    frontier.setPublished(url, published);
  }

  /** The next URL to fetch: lowest priority first, then discovery order. */
  public Optional<UrlRow> nextPending() {
    return frontier.nextPendingExcept(null);
  }

  /** The next URL to fetch other than {@code busy} (a URL fetched but whose state is still being written). */
  public Optional<UrlRow> nextPendingExcept(URI busy) {
    return frontier.nextPendingExcept(busy);
  }

  public Optional<UrlRow> get(URI url) {
    return frontier.get(url);
  }

  public void markDisallowed(URI url) {
    frontier.markDisallowed(url);
  }

  public void clearRecordPending(URI url) {
    frontier.clearRecordPending(url);
  }

  /** Article pages whose record still waits for images fetched after it. */
  public List<UrlRow> recordsPending() {
    return frontier.recordsPending();
  }

  public long count(Status status) {
    return frontier.count(status);
  }

  // ---- Fetch log ----

  public void recordFetch(URI url, FetchRecord r) {
    fetchLog.recordFetch(url, r);
  }

  /** The capture an unchanged payload of {@code url} refers to: its original response record; null when none. */
  public org.spiparchiver.mirror.WarcArchive.Previous previousCapture(URI url) {
    return fetchLog.previousCapture(url);
  }

  public void recordFailure(URI url, Status status, String error, Instant now) {
    fetchLog.recordFailure(url, status, error, now);
  }

  /** Handling the response of {@code url} is starting (a run that dies now counts it as a crash). */
  public void markInFlight(URI url) {
    fetchLog.markInFlight(url);
  }

  /**
   * Handling the response of {@code url} threw: a crash, counted; FAILED (retried next run) the
   * first time, QUARANTINED the second. Returns the status given.
   */
  public Status recordCrash(URI url, String error, Instant now) {
    return fetchLog.recordCrash(url, error, now);
  }

  /** At the start of a run: URLs a previous run died on count a crash; the URLs quarantined by it. */
  public List<FailingUrl> countInterruptedRuns(Instant now) {
    return fetchLog.countInterruptedRuns(now);
  }

  /** {@code crawl --retry-failed}: quarantined URLs get a clean slate; the number of URLs. */
  public int releaseQuarantine() {
    return fetchLog.releaseQuarantine();
  }

  // ---- Listing signals ----

  /**
   * Stores what {@code source} (a listing page, the feed) says about an article's dates; when it
   * moved since that source last said it, the article goes back in the frontier at {@code priority}.
   * Sources are kept apart: the feed and a listing word the same dates differently. True when requeued.
   */
  public boolean moveSignal(int articleId, URI source, String signal, int priority) {
    return signals.moveSignal(articleId, source, signal, priority);
  }

  /**
   * Articles that {@code listing} showed with dates before and no longer shows: SPIP drops an
   * unpublished article from its listings, so each goes back in the frontier at {@code priority}
   * to be verified (an article that only moved to the next page costs one request). Its
   * signal from this listing is forgotten. Returns their ids.
   */
  public List<Integer> requeueVanished(URI listing, Set<Integer> shown, int priority) {
    return signals.requeueVanished(listing, shown, priority);
  }

  /**
   * Listing digests of the other fetched pages of a paginated listing: {@code base} itself and
   * {@code base} with {@code debut_…} parameters.
   */
  public List<String> listingDigests(URI base, URI except) {
    return signals.listingDigests(base, except);
  }

  // ---- Change log ----

  /** A change of an article, recorded once per (article, kind, captured payload). */
  public record ArticleChange(int articleId, ArticleRecords.Change.Kind kind, List<String> fields, String issue,
      String payloadDigest) {
    /** {@code kind} as the change log writes it ("new", "modified", "removed"). */
    public ArticleChange(int articleId, String kind, List<String> fields, String issue, String payloadDigest) {
      this(articleId, ArticleRecords.Change.Kind.of(kind), fields, issue, payloadDigest);
    }
  }

  public void recordChange(ArticleChange c, Instant at) {
    changeLog.record(c, at);
  }

  /** Changes not yet listed by a run report, oldest first. */
  public List<ArticleChange> unreportedChanges() {
    return changeLog.unreported();
  }

  /** Called when the run's report takes them: the log only holds changes not yet reported. */
  public void markChangesReported() {
    changeLog.markReported();
  }

  // ---- Host schedule ----

  public Optional<Instant> hostNextFetch(String host) {
    return hosts.load(host);
  }

  public void setHostNextFetch(String host, Instant at) {
    hosts.save(host, at);
  }

  // ---- Read-only queries for `spip-archiver status` ----

  /** A URL that does not answer: FAILED, skipped (TOO_LARGE), or last answered with a 5xx. */
  public record FailingUrl(URI url, Integer httpStatus, String lastError, int attempts, Instant failingSince) {}

  /** Image URLs archived: answered 200, or 304 since (the capture holding them is an earlier one). */
  public long archivedImages() {
    return fetchLog.archivedImages();
  }

  /** Failing URLs, the longest-failing first (rows from before schema 2 have no start, they come last). */
  public List<FailingUrl> failingUrls() {
    return fetchLog.failingUrls();
  }

  @Override
  public void close() {
    db.close();
  }

  /** A failure of the state database (disk full, corrupt file). */
  public static class StateException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    StateException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** crawl.db is not a readable database: {@code crawl --rebuild-state} sets it aside and rebuilds it. */
  public static final class Damaged extends StateException {
    private static final long serialVersionUID = 1L;
    Damaged(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
