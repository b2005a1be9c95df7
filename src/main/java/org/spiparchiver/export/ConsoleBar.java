package org.spiparchiver.export;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr, for exports run on a terminal. */
public final class ConsoleBar implements Progress {
  /** Below this many articles an export is over before a bar is worth drawing. */
  static final int MIN_ARTICLES = 200;
  private ProgressBar bar;

  /** A bar when a console is attached and not quiet, else nothing. */
  public static Progress create(boolean quiet) {
    return System.console() != null && !quiet ? new ConsoleBar() : NONE;
  }

  @Override
  public void start(long total, String task) {
    if (total < MIN_ARTICLES && !"pdf".equals(task) && !"epub".equals(task)) return;
    close();
    bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
  }

  @Override
  public void step() {
    if (bar != null) bar.step();
  }

  @Override
  public void close() {
    if (bar != null) bar.close();
    bar = null;
  }
}
