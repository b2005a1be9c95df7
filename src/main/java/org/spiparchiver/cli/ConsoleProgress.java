package org.spiparchiver.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.spiparchiver.crawl.CrawlListener;
import org.spiparchiver.crawl.CrawlRun;
import org.spiparchiver.crawl.RunReport;

/**
 * Progress of a crawl for a person: a progress line on a terminal ({@link ProgressLine}, drawn by
 * the progressbar library), plain lines otherwise (logs, cron mails), nothing but errors when quiet.
 */
final class ConsoleProgress implements CrawlListener, AutoCloseable {
  /** In plain mode, one line every this many URLs (plus every failure): a log, not a flood. */
  private static final int LINE_EVERY = 50;

  private final PrintWriter err;
  private final boolean quiet;
  private final ProgressBar bar;
  private volatile Duration eta = Duration.ZERO;
  private volatile long pending;
  private volatile int articles;
  private volatile String bytes = "0 B";
  private volatile URI current;
  private long done;

  private ConsoleProgress(PrintWriter err, boolean quiet, boolean terminal) {
    this.err = err;
    this.quiet = quiet;
    this.bar = terminal && !quiet
        ? new ProgressBarBuilder()
            .setTaskName("crawl")
            .setInitialMax(1)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .setRenderer((state, width) -> ProgressLine.padded(ProgressLine.render(state.getCurrent(), state.getMax(), pending,
                articles, bytes, state.getTotalElapsed(), eta, current, width), width))
            .build()
        : null;
  }

  /** A bar when a console is attached (and not quiet), lines otherwise. */
  static ConsoleProgress create(PrintWriter err, boolean quiet) {
    return new ConsoleProgress(err, quiet, System.console() != null);
  }

  @Override
  public void fetched(URI url, int status, long size, CrawlRun run, long pending, Duration eta) {
    this.eta = eta;
    this.pending = pending;
    this.articles = run.newArticles.size() + run.modifiedArticles.size();
    this.bytes = RunReport.bytes(run.bytes);
    this.current = url;
    done++;
    if (bar != null) {
      bar.maxHint(done + pending);
      bar.stepTo(done);
    } else if (!quiet && (done % LINE_EVERY == 0 || status >= 400)) {
      err.printf("%d done, %d pending, %d articles, %s, ETA %s; %d %s%n", done, pending, articles, bytes,
          RunSummary.human(eta), status, url);
      err.flush();
    }
  }

  @Override
  public void failed(URI url, String error) {
    message("failed (retried next run): " + url + ": " + error, false);
  }

  @Override
  public void skipped(URI url, String why) {
    message(why.startsWith("skipped") ? url + ": " + why : "skipped: " + url + ": " + why, false);
  }

  @Override
  public void info(String message) {
    message(message, true);
  }

  private void message(String m, boolean informational) {
    if (quiet && informational) return;
    if (bar != null) {
      // Printed above the bar; the bar redraws on the next step.
      System.err.print("\r\033[K");
    }
    err.println(m);
    err.flush();
  }

  @Override
  public void close() {
    if (bar != null) bar.close();
  }
}
