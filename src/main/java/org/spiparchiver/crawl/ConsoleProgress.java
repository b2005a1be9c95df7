package org.spiparchiver.crawl;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;

/**
 * Progress of a crawl for a person: a progress bar on a terminal (URLs done / known, articles,
 * bytes, current URL, ETA from the politeness floor), plain lines otherwise (logs, cron mails),
 * nothing but errors when quiet.
 */
public final class ConsoleProgress implements CrawlListener, AutoCloseable {
  /** In plain mode, one line every this many URLs (plus every failure): a log, not a flood. */
  private static final int LINE_EVERY = 50;

  private final PrintWriter err;
  private final boolean quiet;
  private final ProgressBar bar;
  private volatile Duration eta = Duration.ZERO;
  private long done;

  private ConsoleProgress(PrintWriter err, boolean quiet, boolean terminal) {
    this.err = err;
    this.quiet = quiet;
    this.bar = terminal && !quiet
        ? new ProgressBarBuilder()
            .setTaskName("crawl")
            .setInitialMax(1)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .setEtaFunction(state -> Optional.of(eta))
            .build()
        : null;
  }

  /** A bar when a console is attached (and not quiet), lines otherwise. */
  public static ConsoleProgress create(PrintWriter err, boolean quiet) {
    return new ConsoleProgress(err, quiet, System.console() != null);
  }

  @Override
  public void fetched(URI url, int status, long bytes, CrawlRun run, long pending, Duration eta) {
    this.eta = eta;
    done++;
    if (bar != null) {
      bar.maxHint(done + pending);
      bar.stepTo(done);
      bar.setExtraMessage(String.format(" %d art. %s %s", run.newArticles.size() + run.modifiedArticles.size(),
          RunReport.bytes(run.bytes), shorten(url.toString())));
    } else if (!quiet && (done % LINE_EVERY == 0 || status >= 400)) {
      err.printf("%d done, %d pending, %d articles, %s, ETA %s; %d %s%n", done, pending,
          run.newArticles.size() + run.modifiedArticles.size(), RunReport.bytes(run.bytes), RunReport.human(eta), status, url);
      err.flush();
    }
  }

  @Override
  public void failed(URI url, String error) {
    message("failed (retried next run): " + url + ": " + error, false);
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

  private static String shorten(String url) {
    return url.length() <= 40 ? url : "…" + url.substring(url.length() - 39);
  }

  @Override
  public void close() {
    if (bar != null) bar.close();
  }
}
