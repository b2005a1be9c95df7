package org.spiparchiver.crawl;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * When the next request to each host may start: the end of the previous response plus the delay
 * (the configured delay, or robots.txt Crawl-delay when larger), pushed later by Retry-After and
 * back-off. The times are persisted in crawl.db, so a run started right after another still waits.
 */
public final class Politeness {
  /**
   * The server stamps the end of an exchange (its access log, WireMock's journal) a moment after
   * its last byte is out, so the gap it measures is a little shorter than ours, which starts when
   * we have read that byte. Measured with the test server (WireMock) on the 2-core machine at load
   * 4 to 11, gaps of 177 requests at 20 ms: without a margin about 1.5 % of the gaps it saw were
   * short (by 0.5 to 14 ms), with 1 ms 1 in 354, with 2 ms 1 in 177; the misses left are stalls of
   * the server's thread that no margin covers. 1 ms, not 2: each ms costs 2 % of a crawl at 50 ms.
   */
  static final Duration SERVER_SIDE_MARGIN = Duration.ofMillis(1);

  /** Waiting, abstracted so tests can run on a fake clock. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    /**
     * Sleeps at least {@code d}, to the nanosecond. Not {@code Thread.sleep(millis, nanos)}: Java 17
     * rounds the nanos up to a whole millisecond and then oversleeps that (10.1 ms asked: 11.7 ms
     * slept, against 10.3 ms parked), 1 to 3 % of a crawl at 50 ms spent waiting for nothing.
     */
    Sleeper SYSTEM = d -> {
      long end = System.nanoTime() + d.toNanos();
      for (long left = d.toNanos(); left > 0; left = end - System.nanoTime()) {
        java.util.concurrent.locks.LockSupport.parkNanos(left);
        if (Thread.interrupted()) throw new InterruptedException();
      }
    };
  }

  /** Where the next-fetch times are kept between runs. */
  public interface HostTimes {
    java.util.Optional<Instant> load(String host);

    void save(String host, Instant next);
  }

  /** Thrown when a host asks for a pause longer than crawl.retry_after_cap: the run stops, to resume later. */
  public static final class PauseTooLong extends InterruptedIOException {
    private static final long serialVersionUID = 1L;
    public final Duration pause;

    public PauseTooLong(String host, Duration pause, Duration cap) {
      super(host + " asks to wait " + pause.toSeconds() + " s, more than crawl.retry_after_cap (" + cap.toSeconds() + " s)");
      this.pause = pause;
    }
  }

  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration delay;
  private final Duration cap;
  private final HostTimes store;
  private final Map<String, Instant> next = new HashMap<>();
  private final Map<String, Duration> crawlDelays = new HashMap<>();

  public Politeness(Clock clock, Sleeper sleeper, Duration delay, Duration cap, HostTimes store) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.delay = delay;
    this.cap = cap;
    this.store = store;
  }

  /** robots.txt Crawl-delay of a host; it wins when larger than the configured delay. */
  public synchronized void setCrawlDelay(String host, Duration d) {
    crawlDelays.put(host, d);
  }

  public synchronized Duration delay(String host) {
    Duration c = crawlDelays.getOrDefault(host, Duration.ZERO);
    return c.compareTo(delay) > 0 ? c : delay;
  }

  /** Blocks until {@code host} may be asked again; a wait beyond the cap throws instead. */
  public void awaitTurn(String host) throws InterruptedIOException {
    Duration wait = waitFor(host);
    if (wait.compareTo(cap) > 0) throw new PauseTooLong(host, wait, cap);
    if (wait.isZero() || wait.isNegative()) return;
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + host);
    }
  }

  /** Time left before {@code host} may be asked again (zero when it may be now). */
  public synchronized Duration waitFor(String host) {
    Instant at = next.computeIfAbsent(host, h -> store.load(h).orElse(Instant.EPOCH));
    Duration d = Duration.between(clock.instant(), at);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** A response from {@code host} ended at {@code end} (its last byte; archiving it may take longer). */
  public void finished(String host, Instant end) {
    deferUntil(host, end.plus(delay(host)).plus(SERVER_SIDE_MARGIN));
  }

  /** The host asked (Retry-After) or we decided (back-off) to leave it alone for {@code pause}. */
  public void pause(String host, Duration pause) {
    deferUntil(host, clock.instant().plus(pause.compareTo(delay(host)) > 0 ? pause : delay(host)));
  }

  private synchronized void deferUntil(String host, Instant at) {
    Instant current = next.get(host);
    if (current == null || at.isAfter(current)) {
      next.put(host, at);
      store.save(host, at);
    }
  }
}
