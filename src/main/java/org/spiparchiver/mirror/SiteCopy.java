package org.spiparchiver.mirror;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spiparchiver.mirror.site.Canonicalizer;
import org.spiparchiver.mirror.site.Captures;
import org.spiparchiver.mirror.site.SiteIndex;
import org.spiparchiver.mirror.site.SiteLayout;
import org.spiparchiver.mirror.site.SiteWriter;

/**
 * The crawl's hook into the browsable offline copy ({@code mirror/site/}, see {@link SiteWriter}):
 * each archived 200 answer is written as it arrives, the pages that need it are redone when the
 * copy is idle and at the end of the run. The copy is derived data (the WARC files are the record):
 * a failure to write it is logged and never stops the crawl ({@code mirror --rebuild} regenerates it).
 *
 * <p>The writing runs on its own thread ("offline-copy"), in order, beside the crawl's processing:
 * rewriting a page costs about as much CPU as the rest of its processing, and none of it needs to
 * delay the next page. The bodies waiting to be written are bounded by {@link #MAX_PENDING_BYTES}
 * (the crawl waits beyond it). {@link #finish()} waits for everything to be written.
 */
public final class SiteCopy {
  private static final Logger log = LoggerFactory.getLogger(SiteCopy.class);
  /**
   * Present from the start of a run to the end of its {@link #finish()}: found at the start of the
   * next run, it says the previous one was interrupted, so its pages may link live to pages archived
   * since; that run's end then redoes every page.
   */
  public static final String RUN_MARKER = SiteLayout.RUN_MARKER;

  /**
   * Bytes of bodies handed to the writer and not yet written: a few pages' worth at the site's pace,
   * bounded so that a writer slower than the crawl holds the crawl back instead of filling the heap
   * (a crawl fits in -Xmx256m). A body larger than this waits until nothing else is pending.
   */
  static final int MAX_PENDING_BYTES = 32 << 20;
  /**
   * Pages that linked to pages archived after them are redone when the writer has nothing to write,
   * at most this often: the copy of an interrupted crawl stays nearly current and the end of the run
   * has little left to redo, while the home page, which links to every new article, is not
   * rewritten after each of them.
   */
  static final long REDO_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);
  /** ...and at most this share of the writer's time: a pass that took 1 s waits 10 s before the next. */
  static final int REDO_SHARE = 10;

  private final SiteWriter writer;
  private final Path mirror;
  private final Path marker;
  private final ThreadPoolExecutor worker;
  private final Semaphore pending = new Semaphore(MAX_PENDING_BYTES);
  private long lastRedo = System.nanoTime();
  private long lastRedoTook;
  private volatile long cpu;
  private volatile long finishCpu;

  private SiteCopy(SiteWriter writer, Path mirror, Path marker) {
    this.writer = writer;
    this.mirror = mirror;
    this.marker = marker;
    this.worker = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "offline-copy");
      t.setDaemon(true); // a killed run leaves its run marker: the next run redoes the copy
      return t;
    });
    worker.allowCoreThreadTimeOut(true);
  }

  /** Opens the copy of {@code mirror}'s only (or first) site. */
  public static SiteCopy open(Path mirror, URI home, Canonicalizer canonicalizer, long maxBody) throws IOException {
    return open(mirror, mirror, home, canonicalizer, List.of(), maxBody);
  }

  /**
   * Opens the copy of the site whose own mirror is {@code siteRoot} ({@code mirror} itself for the
   * first site, {@code sites/<key>/} for another), knowing what is archived from its CDXJ indexes.
   * The copy is the archive's, {@code mirror/site/}; its index page lists the sites when the
   * archive has several. Each site has its own run marker in its root. {@code moves}: from the site's
   * earlier addresses to {@code home}'s, whose pages the captures made there become. {@code maxBody}:
   * crawl.max_body_size, for the pages read back from the WARC files when they are redone.
   */
  public static SiteCopy open(Path mirror, Path siteRoot, URI home, Canonicalizer canonicalizer, List<SiteMove> moves,
      long maxBody) throws IOException {
    SiteWriter writer = new SiteWriter(siteRoot, mirror.resolve(SiteLayout.DIR), home, canonicalizer,
        Captures.fromCdxj(new MirrorLayout(siteRoot).warcDir(), moves), maxBody);
    if (!siteRoot.equals(mirror) || ArchiveSites.of(mirror).size() > 1) writer.leaveIndexToArchive();
    Path marker = siteRoot.resolve(RUN_MARKER);
    if (Files.exists(marker)) writer.redoAllAtFinish();
    else Files.write(marker, new byte[0]);
    return new SiteCopy(writer, mirror, marker);
  }

  /** The file for {@code url}, relative to the mirror (as stored in records' {@code local_path}). */
  public static String relativePath(URI url, boolean html) {
    return html ? SiteLayout.page(url) : SiteLayout.path(url, null);
  }

  /** A 200 answer archived in {@code capture} (null when it was not written to a WARC file). */
  public void captured(URI url, String contentType, Instant date, byte[] body, WarcArchive.Capture capture) {
    String file = capture == null ? null : capture.file();
    long offset = capture == null ? -1 : capture.offset();
    boolean revisit = capture != null && capture.revisit();
    int cost = Math.max(1, Math.min(body.length, MAX_PENDING_BYTES));
    pending.acquireUninterruptibly(cost);
    worker.execute(() -> {
      long start = threadCpu();
      try {
        writer.captured(url, contentType, date, body, file, offset, revisit);
      } catch (IOException | RuntimeException | VirtualMachineError e) {
        log.warn("offline copy of {} not written: {}", url, e.toString());
      } finally {
        pending.release(cost);
      }
      redoWhenIdle();
      cpu += threadCpu() - start;
    });
  }

  /** Marks the page of an article the site no longer serves (a banner, not part of the record). */
  public void markRemoved(URI url, String removedAt) {
    worker.execute(() -> {
      try {
        writer.markRemoved(url, removedAt);
      } catch (IOException | RuntimeException e) {
        log.warn("offline copy of {} not marked removed: {}", url, e.toString());
      }
    });
  }

  /**
   * End of the run, once everything handed over is written: pages linking to URLs archived after
   * them are brought up to date, and the index page. Returns when the copy is complete.
   */
  public void finish() {
    if (worker.isShutdown()) return;
    Future<?> done = worker.submit(() -> {
      long start = threadCpu();
      try {
        writer.finish();
        SiteIndex.write(mirror, mirror.resolve(SiteLayout.DIR));
        Files.deleteIfExists(marker);
      } catch (IOException | RuntimeException e) {
        log.warn("offline copy not brought up to date: {} (run 'spip-archiver mirror --rebuild')", e.toString());
      }
      finishCpu = threadCpu() - start;
      cpu += finishCpu;
    });
    worker.shutdown();
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the run marker stays: the next run redoes the copy
    } catch (ExecutionException e) {
      log.warn("offline copy not brought up to date: {} (run 'spip-archiver mirror --rebuild')", e.getCause().toString());
    }
  }

  /** CPU time the writer spent in this run (its own thread), {@link #finishCpuNanos()} included: for the debug log. */
  public long cpuNanos() {
    return cpu;
  }

  /** CPU time of {@link #finish()}'s part, which the end of the run waits for. */
  public long finishCpuNanos() {
    return finishCpu;
  }

  private static long threadCpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** On the writer's thread: with nothing left to write, the pages waiting for links are redone (see {@link #REDO_INTERVAL_NANOS}, {@link #REDO_SHARE}). */
  private void redoWhenIdle() {
    long now = System.nanoTime();
    if (!worker.getQueue().isEmpty() || now - lastRedo < Math.max(REDO_INTERVAL_NANOS, REDO_SHARE * lastRedoTook)) return;
    writer.redoStale(() -> worker.getQueue().isEmpty());
    lastRedo = System.nanoTime();
    lastRedoTook = lastRedo - now;
  }
}
