package org.spiparchiver.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import org.spiparchiver.config.Config;
import org.spiparchiver.config.Durations;
import org.spiparchiver.crawl.CrawlRun;
import org.spiparchiver.crawl.CrawlService;
import org.spiparchiver.crawl.CrawlState;
import org.spiparchiver.crawl.Crawler;
import org.spiparchiver.crawl.Politeness;
import org.spiparchiver.crawl.RunReport;
import org.spiparchiver.extract.ArticleExtractor;
import org.spiparchiver.mirror.HtmlPages;
import org.spiparchiver.extract.ExtractionHealth;
import org.spiparchiver.extract.PageResult;
import org.spiparchiver.index.IndexException;
import org.spiparchiver.index.IndexStats;
import org.spiparchiver.index.Indexer;
import org.spiparchiver.mirror.ArchiveOrigin;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.ArticleSource;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.model.Article;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.spiparchiver.mirror.MirrorLayout;

/** {@code spip-archiver crawl}: capture the site into the mirror, politely; resumable. */
@Command(
    name = "crawl",
    mixinStandardHelpOptions = true,
    description = "Capture the site into the mirror: WARC files, crawl state (crawl.db), article records, offline "
        + "copy. One request at a time, robots.txt obeyed, a delay between requests; an interrupted run (Ctrl-C, "
        + "kill, crash) is continued by the next one. A JSON report goes to mirror/runs/.",
    footer = {
        "%nExit codes:",
        "  0  complete, or stopped by --max-requests / --max-duration with no failure",
        "  1  partial: some URLs failed (retried next run), or the site asked for a pause",
        "     longer than crawl.retry_after_cap, or it looked down",
        "  2  usage or configuration error, or a damaged crawl.db (crawl --rebuild-state)",
        "  3  another run holds the lock on the mirror",
        "  4  site unreachable (DNS, connection refused) or robots.txt forbids everything",
        "  5  internal error",
        "  130  interrupted by Ctrl-C; 143  stopped by SIGTERM (state saved, report written)"})
public final class CrawlCommand implements Callable<Integer> {

  /** A first crawl creates thousands of articles: the terminal (or cron mail) gets the start, the report all. */
  static final int MAX_CHANGE_LINES = 60;

  /** How long a Ctrl-C / SIGTERM waits for the URL in flight and the report before the process exits anyway. */
  static final long SHUTDOWN_GRACE_SECONDS = 30;

  @CommandLine.ParentCommand
  Main root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--delay", paramLabel = "D", converter = DurationConverter.class,
      description = "Delay between requests for this run, e.g. 1s or 250ms (default: crawl.delay); "
          + "robots.txt Crawl-delay still wins when larger.")
  Duration delay;

  @Option(names = "--max-requests", paramLabel = "N", description = "Stop gracefully after N requests (state saved).")
  long maxRequests;

  @Option(names = "--max-duration", paramLabel = "D", converter = DurationConverter.class,
      description = "Stop gracefully after this long, e.g. 2h (state saved).")
  Duration maxDuration;

  @Option(names = "--no-index", description = "Do not update the search index after the crawl.")
  boolean noIndex;

  @Option(names = "--full", description = "Re-verify every archived page in this run, whatever revisit.budget "
      + "(a periodic complete check, or after a long outage).")
  boolean full;

  @Option(names = "--retry-failed", description = "Try again the URLs quarantined after crashing or stalling two runs "
      + "(listed by status as failing).")
  boolean retryFailed;

  @Option(names = "--only", paramLabel = "SITE",
      description = "Crawl only this site of the configuration's sites: its name, key or URL.")
  String only;

  @Option(names = "--rebuild-state", description = "Set crawl.db aside (crawl.db.damaged-<time>, never deleted) and "
      + "rebuild it from the WARC files and article records, then crawl (after a damaged crawl.db).")
  boolean rebuildState;

  @Option(names = "--site-moved", description = "The site has a new address (--site): crawl it into the mirror made "
      + "from its old one, instead of refusing another site. The URLs of crawl.db and of the article records are "
      + "re-based to the new address (same path and query); the WARC files keep the captures as they were.")
  boolean siteMoved;

  @Override
  public Integer call() throws IOException {
    if (maxRequests < 0) throw new UserException(ExitCode.USAGE, "--max-requests must be 0 or more");
    Config config = root.config();
    // Said before crawling, not at the index update hours later.
    if (!noIndex && Files.isRegularFile(config.paths().index())) {
      throw new java.nio.file.NotDirectoryException(config.paths().index().toString());
    }
    List<Config.SiteEntry> entries = SeveralSitesCrawl.selected(config, only, root.siteKeys());
    if (entries.isEmpty()) root.siteUrl(); // says how to give a site
    if (SeveralSitesCrawl.needed(config.paths().mirror(), entries)) {
      if (siteMoved) throw new UserException(ExitCode.USAGE, "--site-moved moves one site of a one-site mirror: give one --site");
      quietLibraryWarnings(root);
      return new SeveralSitesCrawl(this, config, entries).call();
    }
    Config.SiteEntry entry = entries.get(0);
    config = config.forSite(entry, config.paths().mirror());
    URI site = entry.url();
    URI movedFrom;
    try {
      movedFrom = ArchiveOrigin.check(config.paths().mirror(), site, siteMoved).orElse(null);
    } catch (ArchiveOrigin.OtherSite e) {
      throw new UserException(ExitCode.USAGE, e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    quietLibraryWarnings(root);
    ArticleSource articles = articleSource(config.extraction(), null);
    CrawlRun run;
    Optional<Integer> signalled;
    try (ConsoleProgress progress = ConsoleProgress.create(err, root.quiet())) {
      CrawlService service = new CrawlService(config, site, articles, options(config, progress, movedFrom));
      try (Interrupts interrupts = Interrupts.install(service::stop, Duration.ofSeconds(SHUTDOWN_GRACE_SECONDS))) {
        try {
          run = service.run();
        } catch (MirrorLock.Held e) {
          throw new UserException(ExitCode.LOCKED, e.getMessage());
        } catch (CrawlState.Damaged e) {
          throw new UserException(ExitCode.USAGE, e.getMessage(), e);
        }
        signalled = interrupts.exitCode();
      }
    }
    ExitCode code = exitCode(run);
    if (signalled.isPresent()) return finishInterrupted(config, run, signalled.get(), out);
    if (code == ExitCode.UNREACHABLE) {
      RunReport.write(config.paths().mirror(), run, code.code);
      throw new UserException(code, run.reason);
    }
    IndexOutcome indexed = noIndex ? null : updateIndex(config);
    // A stale index is repaired by `spip-archiver index`; the run is partial, the archive intact.
    if (indexed != null && !indexed.ok() && code == ExitCode.OK) code = ExitCode.PARTIAL;
    Path report = RunReport.write(config.paths().mirror(), run, code.code);
    boolean changed = !run.newArticles.isEmpty() || !run.modifiedArticles.isEmpty() || !run.removedArticles.isEmpty();
    // Under cron (--quiet), a run that changed nothing and went well prints nothing: no mail.
    if (root.quiet() && !changed && code == ExitCode.OK && (indexed == null || indexed.ok())) return code.code;
    RunSummary.summary(run).forEach(out::println);
    List<String> changes = RunSummary.changes(run, new ArticleRecords(config.paths().mirror()));
    changes.stream().limit(MAX_CHANGE_LINES).forEach(out::println);
    if (changes.size() > MAX_CHANGE_LINES) out.println("  … " + (changes.size() - MAX_CHANGE_LINES) + " more lines: see the run report");
    extractionWarning(run, new ArticleRecords(config.paths().mirror())).ifPresent(out::println);
    if (indexed != null && (!root.quiet() || !indexed.ok())) out.println(indexed.line());
    if (!root.quiet()) out.println("report: " + report);
    out.flush();
    return code.code;
  }

  /**
   * The options of one site's crawl in this run: --delay, else the site's crawl.delay; {@code movedFrom}:
   * the site's old address after --site-moved, else null.
   */
  CrawlService.Options options(Config siteConfig, org.spiparchiver.crawl.CrawlListener listener, URI movedFrom) {
    return new CrawlService.Options(delay == null ? siteConfig.crawl().delay() : delay,
        new Crawler.Limits(maxRequests, maxDuration), Clock.systemUTC(), Politeness.Sleeper.SYSTEM, listener, full,
        retryFailed, rebuildState, movedFrom);
  }

  boolean noIndex() {
    return noIndex;
  }

  Main root() {
    return root;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** The article extraction of a site's pages; {@code siteKey}: the site its records name, null in a one-site mirror. */
  static ArticleSource articleSource(Config.Extraction extraction, String siteKey) {
    ArticleExtractor extractor = new ArticleExtractor(extraction);
    java.util.function.Function<PageResult, Optional<Article>> record = r -> r instanceof PageResult.ArticlePage page
        ? Optional.of(siteKey == null ? page.article() : page.article().withSite(siteKey)) : Optional.empty();
    return new ArticleSource() {
      @Override
      public Optional<Article> article(byte[] html, URI url) {
        return article(html, null, url);
      }

      @Override
      public Optional<Article> article(byte[] html, String contentType, URI url) {
        return record.apply(extractor.extract(html, contentType, url));
      }

      @Override
      public Optional<Article> article(org.jsoup.nodes.Document doc, List<String> warnings, URI url) {
        return record.apply(extractor.extract(new HtmlPages.Parsed(doc, null, warnings), url));
      }
    };
  }

  /** A theme change seen in the run's new records (ExtractionHealth), printed even with --quiet. */
  static Optional<String> extractionWarning(CrawlRun run, ArticleRecords records) {
    List<Article> fresh = new ArrayList<>();
    for (int id : run.newArticles) {
      try {
        records.read(id).ifPresent(fresh::add);
      } catch (IOException e) {
        // an unreadable record is reported by `index`; it does not change this count much
      }
    }
    return ExtractionHealth.warning(fresh);
  }

  /** After Ctrl-C / SIGTERM: the report and the summary, no index update (the operator wants it to stop). */
  private static int finishInterrupted(Config config, CrawlRun run, int code, PrintWriter out) throws IOException {
    Path report = RunReport.write(config.paths().mirror(), run, code);
    RunSummary.summary(run).forEach(out::println);
    out.println("report: " + report);
    out.flush();
    return code;
  }

  record IndexOutcome(boolean ok, String line) {}

  /** Brings the search index up to date with the article records. */
  static IndexOutcome updateIndex(Config config) {
    if (!Files.isDirectory(new MirrorLayout(config.paths().mirror()).articlesDir())) return null; // nothing to index yet
    try {
      IndexStats s = new Indexer(config.paths().mirror(), config.paths().index()).update();
      String line = String.format("index %s: %d added, %d updated, %d deleted; %d articles", config.paths().index(),
          s.added(), s.updated(), s.deleted(), s.total());
      return s.failed() == 0 ? new IndexOutcome(true, line)
          : new IndexOutcome(false, line + "; " + s.failed() + " unreadable records skipped (see above)");
    } catch (IndexException e) {
      // A damaged index's message already gives the way out (`index --rebuild`).
      return new IndexOutcome(false, "index not updated: " + e.getMessage()
          + (e.reason() == IndexException.Reason.DAMAGED ? "" : "; run `spip-archiver index` later"));
    }
  }

  /** crawler-commons warns about SPIP's non-standard robots.txt lines (Noindex:) at every run; -v shows them. */
  static void quietLibraryWarnings(Main root) {
    if (!root.verbose() && LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.getLogger("crawlercommons").setLevel(Level.ERROR);
    }
  }

  static ExitCode exitCode(CrawlRun run) {
    return switch (run.outcome) {
      case UNREACHABLE -> ExitCode.UNREACHABLE;
      case PAUSED, SITE_DOWN -> ExitCode.PARTIAL;
      case COMPLETE, LIMIT_REACHED -> run.failures.isEmpty() ? ExitCode.OK : ExitCode.PARTIAL;
    };
  }

  /** Durations written 250ms, 1s, 5m, 2h or 30d. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 250ms, 1s, 2h)");
      }
    }
  }
}
