package org.spiparchiver.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.spiparchiver.index.IndexException;
import org.spiparchiver.index.IndexStats;
import org.spiparchiver.index.Indexer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spip-archiver index}: brings the search index up to date with the article records. */
@Command(name = "index", mixinStandardHelpOptions = true,
    description = {
        "Index the article records MIRROR/articles/*.json for search.",
        "Incremental by default: only new and changed records are indexed, and records that vanished are "
            + "removed. --rebuild indexes everything into a new directory and swaps it in atomically: "
            + "searches keep answering meanwhile."},
    footer = {"%nExit codes: 0 done, 1 some records could not be read (named above), 2 no records or bad "
        + "options, 3 another process is writing the index."})
public final class IndexCommand implements Callable<Integer> {
  @CommandLine.ParentCommand
  Main root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--rebuild", description = "Index every record from scratch into a new directory, then swap it in.")
  boolean rebuild;

  @Override
  public Integer call() {
    Path mirror = root.config().paths().mirror();
    Path index = root.config().paths().index();
    PrintWriter out = spec.commandLine().getOut();
    long start = System.nanoTime();
    IndexStats stats;
    try (Bar bar = new Bar(!root.quiet() && System.console() != null)) {
      Indexer indexer = new Indexer(mirror, index).withProgress(bar);
      stats = rebuild ? indexer.rebuild() : indexer.update();
    } catch (IndexException e) {
      throw SearchCommand.userError(e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    out.printf("index %s: %d added, %d updated, %d deleted, %d unchanged; %d articles (%.1f s)%n",
        index, stats.added(), stats.updated(), stats.deleted(), stats.unchanged(), stats.total(),
        took.toMillis() / 1000.0);
    if (stats.failed() > 0) {
      spec.commandLine().getErr().printf("spip-archiver: %d records could not be read and were skipped (see above)%n",
          stats.failed());
      return ExitCode.PARTIAL.code;
    }
    return ExitCode.OK.code;
  }

  /** A progress bar on the terminal, nothing otherwise (cron, pipes, tests). */
  private static final class Bar implements Indexer.Progress, AutoCloseable {
    private final boolean show;
    private ProgressBar bar;

    Bar(boolean show) {
      this.show = show;
    }

    @Override
    public void start(int records) {
      if (show) bar = new ProgressBarBuilder().setTaskName("indexing").setInitialMax(records).build();
    }

    @Override
    public void step() {
      if (bar != null) bar.step();
    }

    @Override
    public void close() {
      if (bar != null) bar.close();
    }
  }
}
