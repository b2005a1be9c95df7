package org.spiparchiver.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.spiparchiver.config.Config;
import org.spiparchiver.crawl.CrawlListener;
import org.spiparchiver.crawl.CrawlRun;
import org.spiparchiver.crawl.CrawlService;
import org.spiparchiver.crawl.RunReport;
import org.spiparchiver.crawl.SiteCrawls;
import org.spiparchiver.mirror.ArchiveOrigin;
import org.spiparchiver.mirror.ArchiveSite;
import org.spiparchiver.mirror.ArchiveSites;
import org.spiparchiver.mirror.AtomicFiles;
import org.spiparchiver.mirror.MirrorLock;

/**
 * {@code crawl} of an archive of several sites: one lock, the sites side by side
 * ({@link SiteCrawls}), one report with a section per site, one summary grouped by site.
 */
final class SeveralSitesCrawl {
  private final CrawlCommand command;
  private final Config config;
  private final List<Config.SiteEntry> entries;

  SeveralSitesCrawl(CrawlCommand command, Config config, List<Config.SiteEntry> entries) {
    this.command = command;
    this.config = config;
    this.entries = entries;
  }

  /**
   * The sites of the configuration this run crawls: all, or those {@code --only} (or a {@code --site
   * KEY}) names by name, key or URL; a name that matches none is a usage error listing the choices.
   */
  static List<Config.SiteEntry> selected(Config config, String only, List<String> keys) {
    List<String> wanted = new ArrayList<>(keys);
    if (only != null) wanted.add(only.strip());
    List<Config.SiteEntry> all = config.crawlSites();
    if (wanted.isEmpty()) return all;
    List<Config.SiteEntry> out = new ArrayList<>();
    for (String w : wanted) {
      Optional<Config.SiteEntry> e = all.stream().filter(x -> names(x).contains(w)).findFirst();
      if (e.isEmpty()) {
        throw new UserException(ExitCode.USAGE, "--only " + org.spiparchiver.config.Messages.shorten(w)
            + ": not a site of the configuration (its sites: " + (all.isEmpty() ? "none"
                : all.stream().map(x -> names(x).get(0) + " " + x.url()).collect(Collectors.joining(", "))) + ")");
      }
      if (!out.contains(e.get())) out.add(e.get());
    }
    return out;
  }

  private static List<String> names(Config.SiteEntry e) {
    List<String> n = new ArrayList<>();
    if (e.name() != null) n.add(e.name());
    n.add(ArchiveSites.keyOf(e.url()));
    n.add(e.url().toString());
    return n;
  }

  /**
   * Whether this run needs the several-sites crawl: several sites given, or an archive that already
   * holds several (a one-site archive crawled with one site runs as it always did).
   */
  static boolean needed(Path mirror, List<Config.SiteEntry> entries) throws IOException {
    return entries.size() > 1 || ArchiveSites.of(mirror).size() > 1;
  }

  @SuppressWarnings("try") // the archive's lock is held for the block, not used in it
  Integer call() throws IOException {
    Path mirror = config.paths().mirror();
    List<ArchiveSite> before = ArchiveSites.of(mirror);
    if (!before.isEmpty() && entries.stream().noneMatch(e -> ArchiveSites.byUrl(before, e.url()).isPresent())) {
      throw new UserException(ExitCode.USAGE, "the mirror " + mirror + " holds " + before.stream()
          .map(s -> s.key() + " (" + s.url() + ")").collect(Collectors.joining(", ")) + ", none of the sites given ("
          + entries.stream().map(e -> e.url().toString()).collect(Collectors.joining(", "))
          + "): give another --mirror, or list one of its sites with the new ones");
    }
    PrintWriter out = command.out();
    PrintWriter err = command.err();
    try (MirrorLock lock = MirrorLock.acquire(mirror); ConsoleProgress progress = ConsoleProgress.create(err, command.root().quiet())) {
      RunReport.markRunning(mirror, java.time.Instant.now());
      List<SiteCrawls.Target> targets = new ArrayList<>();
      for (Config.SiteEntry e : entries) targets.add(target(mirror, e, progress));
      SiteCrawls crawls = new SiteCrawls(targets);
      List<SiteCrawls.Result> results;
      Optional<Integer> signalled;
      try (Interrupts interrupts = Interrupts.install(crawls::stop, Duration.ofSeconds(CrawlCommand.SHUTDOWN_GRACE_SECONDS))) {
        results = crawls.run(mirror, config.crawl().parallelHosts());
        signalled = interrupts.exitCode();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserException(ExitCode.PARTIAL, "interrupted");
      }
      return finish(mirror, results, signalled, out);
    } catch (MirrorLock.Held e) {
      throw new UserException(ExitCode.LOCKED, e.getMessage());
    }
  }

  /** One site's crawl, its folder made ready (origin, name) in the archive. */
  private SiteCrawls.Target target(Path mirror, Config.SiteEntry e, CrawlListener progress) throws IOException {
    ArchiveSite site = ArchiveSites.locate(mirror, e.url(), e.name());
    try {
      ArchiveOrigin.check(site.root(), e.url(), false);
    } catch (ArchiveOrigin.OtherSite other) {
      throw new UserException(ExitCode.USAGE, other.getMessage());
    }
    if (e.name() != null) {
      AtomicFiles.write(site.root().resolve(ArchiveSites.NAME_FILE), (e.name() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Config siteConfig = config.forSite(e, site.root());
    CrawlService service = new CrawlService(siteConfig, e.url(), CrawlCommand.articleSource(siteConfig.extraction(), site.key()),
        command.options(siteConfig, labelled(site.key(), progress), null));
    return new SiteCrawls.Target(site, service, SiteCrawls.hosts(e.url(), e.extraHosts()));
  }

  /** The progress line as it is, each site's messages prefixed with its key. */
  private static CrawlListener labelled(String key, CrawlListener to) {
    return new CrawlListener() {
      @Override
      public void fetched(URI url, int status, long bytes, CrawlRun run, long pending, Duration eta) {
        to.fetched(url, status, bytes, run, pending, eta);
      }

      @Override
      public void failed(URI url, String error) {
        to.failed(url, error);
      }

      @Override
      public void skipped(URI url, String why) {
        to.skipped(url, why);
      }

      @Override
      public void info(String message) {
        to.info(key + ": " + message);
      }
    };
  }

  private int finish(Path mirror, List<SiteCrawls.Result> results, Optional<Integer> signalled, PrintWriter out)
      throws IOException {
    List<RunReport.Section> sections = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (SiteCrawls.Result r : results) {
      if (r.error() instanceof RuntimeException bug) throw bug;
      if (r.error() != null) {
        problems.add(r.site().key() + ": " + (r.error() instanceof MirrorLock.Held ? r.error().getMessage()
            : r.error() instanceof InterruptedException ? "not crawled (the run was stopped)" : String.valueOf(r.error().getMessage())));
        continue;
      }
      sections.add(new RunReport.Section(r.site().key(), r.site().url(), r.run(), CrawlCommand.exitCode(r.run()).code));
    }
    int code = signalled.orElseGet(() -> wholeRun(sections, problems).code);
    CrawlCommand.IndexOutcome indexed = signalled.isPresent() || command.noIndex() || sections.isEmpty() ? null
        : CrawlCommand.updateIndex(config);
    if (indexed != null && !indexed.ok() && code == ExitCode.OK.code) code = ExitCode.PARTIAL.code;
    Path report = sections.isEmpty() ? null : RunReport.writeSeveral(mirror, sections, code);
    boolean changed = sections.stream().anyMatch(s -> !s.run().newArticles.isEmpty() || !s.run().modifiedArticles.isEmpty()
        || !s.run().removedArticles.isEmpty());
    // Under cron (--quiet), a run that changed nothing and went well prints nothing: no mail.
    if (command.root().quiet() && !changed && code == ExitCode.OK.code && (indexed == null || indexed.ok())) return code;
    for (String p : problems) out.println(p);
    for (RunReport.Section s : sections) {
      out.println(s.site() + " (" + s.url() + "):");
      RunSummary.summary(s.run()).forEach(l -> out.println("  " + l));
      ArchiveSite site = ArchiveSites.byKey(ArchiveSites.of(mirror), s.site()).orElseThrow();
      List<String> changes = RunSummary.changes(s.run(), site.records());
      changes.stream().limit(CrawlCommand.MAX_CHANGE_LINES).forEach(l -> out.println("  " + l));
      if (changes.size() > CrawlCommand.MAX_CHANGE_LINES) {
        out.println("    … " + (changes.size() - CrawlCommand.MAX_CHANGE_LINES) + " more lines: see the run report");
      }
      CrawlCommand.extractionWarning(s.run(), site.records()).ifPresent(l -> out.println("  " + l));
    }
    if (indexed != null) out.println(indexed.line());
    if (report != null) out.println("report: " + report);
    out.flush();
    return code;
  }

  /** The exit code of the whole run: 0 when every site's is; 4 when no site could be reached; else 1. */
  private static ExitCode wholeRun(List<RunReport.Section> sections, List<String> problems) {
    if (problems.isEmpty() && sections.stream().allMatch(s -> s.exitCode() == ExitCode.OK.code)) return ExitCode.OK;
    if (problems.isEmpty() && sections.stream().allMatch(s -> s.exitCode() == ExitCode.UNREACHABLE.code)) {
      return ExitCode.UNREACHABLE;
    }
    return ExitCode.PARTIAL;
  }
}
