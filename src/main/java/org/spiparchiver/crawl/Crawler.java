package org.spiparchiver.crawl;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spiparchiver.config.Config;
import org.spiparchiver.config.Durations;
import org.spiparchiver.crawl.CrawlState.Status;
import org.spiparchiver.crawl.CrawlState.UrlRow;
import org.spiparchiver.mirror.BodyLimit;

/**
 * The crawl loop: one URL at a time from the frontier in crawl.db, fetched through
 * {@link HttpFetcher} (which archives it), then handed to the {@link ResponseHandler} (links,
 * records, state: links and state in one transaction, after the WARC record is on disk, so a crash
 * at any point loses nothing and a re-run re-fetches at most the URLs in flight). The loop keeps
 * the run's limits, its stop, and the consecutive-failure count; {@link RobotsBootstrap} starts
 * the run and {@link PassPlanner} plans a new pass.
 *
 * <p>Processing a response runs on a second thread while the loop waits its politeness turn and
 * fetches the next URL, so a slow page does not stretch the pause; at most one response is
 * processed behind the fetch, and always in fetch order.
 */
public final class Crawler {

  /** Run limits; zero or null means none. */
  public record Limits(long maxRequests, Duration maxDuration) {}

  /** How a new pass over an archived site re-verifies it: the revisit policy, or everything ({@code full}). */
  public record Recrawl(Config.Revisit policy, boolean full, boolean retryFailed) {
    public Recrawl(Config.Revisit policy, boolean full) {
      this(policy, full, false);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(Crawler.class);
  private final CrawlContext ctx;
  private final RobotsBootstrap bootstrap;
  private final ResponseHandler handler;
  private volatile boolean stopRequested;
  private long requestsAtStart;
  private ExecutorService processor;
  private Future<?> processing;
  private URI processingUrl;
  /** CPU time of the processing thread in this run (written by that thread only), for the debug log. */
  private volatile long processingCpu;

  public Crawler(CrawlContext ctx) {
    this.ctx = ctx;
    this.bootstrap = new RobotsBootstrap(ctx);
    this.handler = new ResponseHandler(ctx);
  }

  /** Asks the run to stop after the URL in flight (e.g. on SIGTERM); the state stays consistent. */
  public void stop() {
    stopRequested = true;
  }

  public CrawlRun run(Limits limits) {
    CrawlRun run = new CrawlRun(ctx.clock().instant());
    HttpFetcher fetcher = ctx.fetcher();
    requestsAtStart = fetcher.requests();
    processor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "crawl-processor");
      t.setDaemon(true);
      return t;
    });
    // The run's time limit also cuts a request in flight short, however slowly its body arrives.
    java.util.concurrent.ScheduledFuture<?> timeUp = limits.maxDuration() == null ? null
        : DeadlineInterceptor.WATCHDOG.schedule(() -> fetcher.cutOff(maxDurationReached(limits)),
            limits.maxDuration().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    try {
      crawl(run, limits);
      awaitProcessing();
    } finally {
      if (timeUp != null) timeUp.cancel(false);
      // Not interrupted: an interrupt would close the file channels of a record being written.
      processor.shutdown();
      awaitTermination();
      handler.articles().completeRecords(run);
      ctx.siteCopy().finish();
      log.debug("processing CPU {} ms; offline copy CPU {} ms on its own thread, {} ms of it at the end of the run",
          processingCpu / 1_000_000, ctx.siteCopy().cpuNanos() / 1_000_000, ctx.siteCopy().finishCpuNanos() / 1_000_000);
      run.requests = fetcher.requests() - requestsAtStart;
      run.finished = ctx.clock().instant();
    }
    // The run's changes, plus those of a run that died before its report, each counted once; a run
    // that fails with an exception writes no report, so its changes wait in the log for the next.
    run.takeChanges(ctx.state().unreportedChanges());
    ctx.state().markChangesReported();
    return run;
  }

  private void crawl(CrawlRun run, Limits limits) {
    CrawlState state = ctx.state();
    CrawlListener listener = ctx.listener();
    for (CrawlState.FailingUrl q : state.countInterruptedRuns(ctx.clock().instant())) {
      run.failures.add(new CrawlRun.Failure(q.url(), q.lastError()));
      listener.skipped(q.url(), q.lastError());
    }
    if (ctx.recrawl().retryFailed()) {
      int released = state.releaseQuarantine();
      if (released > 0) listener.info(released + " quarantined URLs are tried again (--retry-failed)");
    }
    int raised = state.requeueTooLarge(ctx.fetcher().maxBodySize());
    if (raised > 0) listener.info(raised + " URLs skipped as over a smaller max_body_size are tried again");
    int requeued = state.requeueFailed();
    if (requeued > 0) listener.info(requeued + " URLs that failed last time are tried again");
    boolean resuming = state.count(Status.PENDING) > 0;
    if (!bootstrap.start(run, resuming)) return;
    if (!resuming) new PassPlanner(ctx).plan(ctx.clock().instant());

    int consecutiveFailures = 0;
    Instant deadline = limits.maxDuration() == null ? null : ctx.clock().instant().plus(limits.maxDuration());
    while (true) {
      if (stopRequested) {
        stopWith(listener, run, CrawlRun.Outcome.LIMIT_REACHED, "interrupted; the next run continues");
        return;
      }
      run.requests = ctx.fetcher().requests() - requestsAtStart;
      if (limits.maxRequests() > 0 && run.requests >= limits.maxRequests()) {
        stopWith(listener, run, CrawlRun.Outcome.LIMIT_REACHED, "--max-requests " + limits.maxRequests() + " reached");
        return;
      }
      if (deadline != null && !ctx.clock().instant().isBefore(deadline) || ctx.fetcher().isCutOff()) {
        stopWith(listener, run, CrawlRun.Outcome.LIMIT_REACHED, maxDurationReached(limits));
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
      if (!ctx.robots().known(host) && !bootstrap.readRobots(host, run, false)) continue;
      if (!ctx.robots().allowed(row.url())) {
        state.markDisallowed(row.url());
        continue;
      }
      HttpFetcher.Result result;
      try {
        // Validators go with every request: static files answer 304; SPIP pages ignore them (a full 200).
        result = ctx.fetcher().fetch(row.url(), ctx.state().previousCapture(row.url()), row.etag(), row.lastModified());
      } catch (HttpFetcher.Disallowed e) {
        state.markDisallowed(row.url());
        continue;
      } catch (HttpFetcher.CutOff e) {
        // Not the URL's failure: it stays pending, and the next run fetches it.
        stopWith(listener, run, CrawlRun.Outcome.LIMIT_REACHED, e.getMessage());
        return;
      } catch (HttpFetcher.TooLarge e) {
        // A page abandoned at the size limit is not retried: it is skipped, and says how to get it.
        skip(ctx, run, row, BodyLimit.OVER_MAX_BODY + ": " + e.getMessage());
        continue;
      } catch (Politeness.PauseTooLong e) {
        stopWith(listener, run, CrawlRun.Outcome.PAUSED, e.getMessage() + "; the next run resumes");
        return;
      } catch (IOException e) {
        fail(ctx, run, row, Status.FAILED, describe(e));
        if (++consecutiveFailures >= ctx.maxConsecutiveFailures()) {
          stopWith(listener, run, CrawlRun.Outcome.SITE_DOWN, consecutiveFailures + " failures in a row, the site looks down: " + describe(e));
          return;
        }
        continue;
      }
      run.bytes += result.body().length;
      if (result.status() >= 500 || result.status() == 429) {
        fail(ctx, run, row, Status.FAILED, "HTTP " + result.status());
        if (++consecutiveFailures >= ctx.maxConsecutiveFailures()) {
          stopWith(listener, run, CrawlRun.Outcome.SITE_DOWN, consecutiveFailures + " failures in a row, the site looks down: HTTP " + result.status());
          return;
        }
        continue;
      }
      consecutiveFailures = 0;
      awaitProcessing();
      HttpFetcher.Result fetched = result;
      processingUrl = row.url();
      processing = processor.submit(() -> {
        long cpu = threadCpu();
        handler.handleIsolated(row, fetched, run);
        processingCpu += threadCpu() - cpu;
        long pending = state.count(Status.PENDING);
        listener.fetched(row.url(), fetched.status(), fetched.body().length, run, pending,
            ctx.politeness().delay(host).multipliedBy(pending));
      });
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

  private static String maxDurationReached(Limits limits) {
    return "--max-duration " + Durations.format(limits.maxDuration()) + " reached";
  }

  static void stopWith(CrawlListener listener, CrawlRun run, CrawlRun.Outcome outcome, String reason) {
    run.outcome = outcome;
    run.reason = reason;
    listener.info("stopping: " + reason);
  }

  /** The URL is skipped (not retried): recorded in crawl.db, in the run report and in {@code status}. */
  static void skip(CrawlContext ctx, CrawlRun run, UrlRow row, String why) {
    ctx.state().recordTooLarge(row.url(), why, ctx.fetcher().maxBodySize(), ctx.clock().instant());
    run.failures.add(new CrawlRun.Failure(row.url(), why));
    ctx.listener().skipped(row.url(), why);
  }

  /** The URL failed in this run: recorded in crawl.db and in the run report. */
  static void fail(CrawlContext ctx, CrawlRun run, UrlRow row, Status status, String error) {
    ctx.state().recordFailure(row.url(), status, error, ctx.clock().instant());
    run.failures.add(new CrawlRun.Failure(row.url(), error));
    ctx.listener().failed(row.url(), error);
  }

  /** A network failure in plain words for the run report and {@code status}: never a Java class name. */
  static String describe(IOException e) {
    if (e instanceof UnknownHostException) return "unknown host " + e.getMessage();
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) return "connection refused (" + e.getMessage() + ")";
    String m = e.getMessage() == null || e.getMessage().isBlank() ? null : e.getMessage();
    if (e instanceof java.net.SocketTimeoutException) return "timed out" + (m == null ? "" : " (" + m + ")");
    if (e instanceof javax.net.ssl.SSLException) return "TLS failure" + (m == null ? "" : ": " + m);
    if (e instanceof java.io.EOFException) return "the connection ended before the response was complete" + (m == null ? "" : " (" + m + ")");
    // The JDK's and OkHttp's messages ("Connection reset", "unexpected end of stream on …") and ours are written for people.
    return m == null ? "network error" : m;
  }

  static long threadCpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}
