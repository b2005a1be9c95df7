package org.spiparchiver.changes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.spiparchiver.config.Config;
import org.spiparchiver.crawl.CrawlState;
import org.spiparchiver.crawl.revisit.RevisitPlanner;
import org.spiparchiver.mirror.ArchiveSite;
import org.spiparchiver.mirror.ArchiveSites;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Issue;
import org.spiparchiver.model.RunRecord;
import org.spiparchiver.mirror.MirrorLayout;

/**
 * The archive at a glance, read from the mirror without changing it: per site its records, crawl
 * state, WARC files, newest run and revisit schedule, and the archive's lock. Unreadable parts (a corrupt run
 * report or record) become warnings; the rest is still reported.
 */
public final class ArchiveStatus {

  /** Everything {@code status} shows. {@code lastRun} is null when no run report could be read. */
  public record Report(Path mirror, Warc warc, Articles articles, Issues issues, long images, LastRun lastRun,
      List<CrawlState.FailingUrl> failing, Revisits revisits, Lock lock, List<String> warnings) {}

  /** One site's status in an archive; {@code report.mirror} is the site's own mirror. */
  public record SiteReport(ArchiveSite site, Report report) {}

  /**
   * What {@code status} shows of an archive: {@code total} is the whole archive's (its one site's
   * for an archive of one site), {@code sites} one report per site read.
   */
  public record Status(Report total, List<SiteReport> sites) {}

  public record Warc(int files, long bytes) {}

  /** @param removed records with {@code removed_at} set */
  public record Articles(int total, int removed, int languages) {}

  /** @param latest title of the issue with the highest number, null when no record names an issue */
  public record Issues(int count, String latest) {}

  /** The newest readable run report; {@code finished}, {@code outcome} and {@code reason} may be null. */
  public record LastRun(String file, Instant started, Instant finished, int exitCode, String outcome, String reason,
      long requests, long bytes, int added, int modified, int removed) {}

  /**
   * @param archived articles under the revisit policy
   * @param dueNow articles whose verification is older than their maximum age
   * @param nextRun how many the next run re-verifies: the due ones, up to the budget
   * @param nextDue when the first article not yet due becomes due; null when none is waiting
   */
  public record Revisits(int archived, int dueNow, int nextRun, int budget, Instant nextDue) {}

  /** @param pid the holder's PID when {@code held} */
  public record Lock(boolean held, String pid) {}

  /** The mirror has no crawl state: nothing was ever crawled into it. */
  public static final class NoArchive extends Exception {
    private static final long serialVersionUID = 1L;
    public NoArchive(Path mirror) {
      super("no archive at " + mirror + ": run `spip-archiver crawl` first");
    }
  }

  private ArchiveStatus() {}

  /** The whole archive: every site of it. */
  public static Status read(Path mirror, Config.Revisit policy, Instant now) throws NoArchive, IOException {
    return read(mirror, ArchiveSites.of(mirror), policy, now);
  }

  /**
   * The status of {@code sites} of the archive at {@code mirror}, each read from its own mirror
   * (records, {@code crawl.db}, WARC files) and the archive's run reports; the total sums them.
   */
  public static Status read(Path mirror, List<ArchiveSite> sites, Config.Revisit policy, Instant now)
      throws NoArchive, IOException {
    // Checked first: opening the state would create it.
    if (sites.stream().noneMatch(s -> Files.isRegularFile(s.layout().crawlDb()))) throw new NoArchive(mirror);
    Optional<String> holder = MirrorLock.holder(mirror);
    Lock lock = new Lock(holder.isPresent(), holder.orElse(null));
    Path runs = new MirrorLayout(mirror).runsDir();
    List<SiteReport> reports = new ArrayList<>();
    List<Article> all = new ArrayList<>();
    for (ArchiveSite site : sites) {
      List<String> warnings = new ArrayList<>();
      List<Article> records = records(site.root(), warnings);
      all.addAll(records);
      long images = 0;
      List<CrawlState.FailingUrl> failing = List.of();
      List<RevisitPlanner.Candidate> candidates = List.of();
      if (Files.isRegularFile(site.layout().crawlDb())) {
        try (CrawlState state = CrawlState.open(site.layout().crawlDb())) {
          images = state.archivedImages();
          failing = state.failingUrls();
          candidates = state.revisitCandidates();
        }
      }
      // A run's start marker is the archive's: named once, with its first site.
      if (holder.isEmpty() && site.root().equals(mirror)) crashedRun(runs).ifPresent(warnings::add);
      LastRun last = lastRun(runs, site.key(), site.root().equals(mirror), warnings);
      reports.add(new SiteReport(site, new Report(site.root(), warc(site.root()), articles(records), issues(records), images,
          last, failing, revisits(candidates, policy, now), lock, warnings)));
    }
    if (reports.size() == 1) return new Status(reports.get(0).report(), reports);
    List<String> warnings = new ArrayList<>();
    LastRun last = lastRun(runs, warnings);
    reports.forEach(r -> warnings.addAll(r.report().warnings()));
    List<Report> rs = reports.stream().map(SiteReport::report).toList();
    Warc warc = new Warc(rs.stream().mapToInt(r -> r.warc().files()).sum(), rs.stream().mapToLong(r -> r.warc().bytes()).sum());
    // Issue titles are per site (two sites may both have a "N°1"): their counts add up.
    Issues issues = new Issues(rs.stream().mapToInt(r -> r.issues().count()).sum(), issues(all).latest());
    List<CrawlState.FailingUrl> failing = rs.stream().flatMap(r -> r.failing().stream()).toList();
    Revisits revisits = new Revisits(rs.stream().mapToInt(r -> r.revisits().archived()).sum(),
        rs.stream().mapToInt(r -> r.revisits().dueNow()).sum(), rs.stream().mapToInt(r -> r.revisits().nextRun()).sum(),
        rs.stream().mapToInt(r -> r.revisits().budget()).sum(),
        rs.stream().map(r -> r.revisits().nextDue()).filter(t -> t != null).min(Comparator.naturalOrder()).orElse(null));
    // An unreadable report is met by each site's reading of the reports: named once.
    Report total = new Report(mirror, warc, articles(all), issues, rs.stream().mapToLong(Report::images).sum(), last, failing,
        revisits, lock, List.copyOf(new java.util.LinkedHashSet<>(warnings)));
    return new Status(total, reports);
  }

  private static List<Article> records(Path mirror, List<String> warnings) throws IOException {
    ArticleRecords store = new ArticleRecords(mirror);
    List<Article> out = new ArrayList<>();
    for (int id : store.ids()) {
      try {
        store.read(id).ifPresent(out::add);
      } catch (IOException e) {
        warnings.add(store.file(id) + ": unreadable record, not counted: " + firstLine(e));
      }
    }
    return out;
  }

  private static Articles articles(List<Article> records) {
    int removed = (int) records.stream().filter(a -> a.removedAt() != null).count();
    Set<String> langs = new HashSet<>();
    records.forEach(a -> {
      if (a.lang() != null) langs.add(a.lang());
    });
    return new Articles(records.size(), removed, langs.size());
  }

  private static Issues issues(List<Article> records) {
    List<Issue> issues = records.stream().map(Article::issue).filter(i -> i != null).toList();
    // The latest is the highest number; the title breaks ties so the answer does not depend on file order.
    Optional<Issue> latest = issues.stream().max(Comparator
        .comparing((Issue i) -> i.number() == null ? Integer.MIN_VALUE : i.number())
        .thenComparing(i -> i.year() == null ? Integer.MIN_VALUE : i.year())
        .thenComparing(Issue::title));
    int count = (int) issues.stream().map(Issue::title).distinct().count();
    return new Issues(count, latest.map(Issue::title).orElse(null));
  }

  private static Warc warc(Path mirror) throws IOException {
    long bytes = 0;
    List<Path> files = WarcArchive.files(new MirrorLayout(mirror).warcDir());
    for (Path f : files) bytes += Files.size(f);
    return new Warc(files.size(), bytes);
  }

  /** A start marker newer than every report, with no run holding the lock: that run died before its report. */
  static Optional<String> crashedRun(Path runsDir) throws IOException {
    List<Path> markers = MirrorLayout.runningMarkers(runsDir);
    if (markers.isEmpty()) return Optional.empty();
    Path marker = markers.get(0);
    String stamp = marker.getFileName().toString().replace(MirrorLayout.RUNNING, "");
    try (Stream<Path> s = Files.list(runsDir)) {
      if (s.anyMatch(p -> p.getFileName().toString().endsWith(".json") && p.getFileName().toString().compareTo(stamp) >= 0)) {
        return Optional.empty();
      }
    }
    String started = Files.readString(marker).strip();
    return Optional.of("last run: crashed or killed (started " + started + ", no report): its work is kept, the next run continues");
  }

  /** The newest run report that can be read, the whole run's; each newer one that cannot is named in a warning. */
  static LastRun lastRun(Path runsDir, List<String> warnings) throws IOException {
    return lastRun(runsDir, null, true, warnings);
  }

  /**
   * The newest readable run that crawled the site {@code key} ({@code first}: the archive's first
   * site, which the reports from before sites existed are about), as that site saw it; null key:
   * the newest run, whole.
   */
  private static LastRun lastRun(Path runsDir, String key, boolean first, List<String> warnings) throws IOException {
    if (!Files.isDirectory(runsDir)) return null;
    List<Path> files;
    try (Stream<Path> s = Files.list(runsDir)) {
      // Report names are the start time (yyyyMMdd'T'HHmmss'Z'): the name order is the time order.
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted(Comparator.reverseOrder()).toList();
    }
    for (Path f : files) {
      RunRecord r;
      try {
        r = RunReports.read(f);
      } catch (IOException | RuntimeException e) {
        warnings.add(f + ": unreadable run report, skipped: " + firstLine(e));
        continue;
      }
      Optional<RunRecord> part = key == null ? Optional.of(r) : RunReports.section(r, key, first);
      if (part.isPresent()) return lastRun(f, part.get());
    }
    return null;
  }

  /** A run as status shows it; the counts of a multi-site report are its sections' (its own lists are empty). */
  private static LastRun lastRun(Path file, RunRecord r) {
    List<RunRecord> parts = r.sites().isEmpty() ? List.of(r) : r.sites();
    return new LastRun(file.getFileName().toString(), r.started(), r.finished(), r.exitCode(), r.outcome(), r.reason(),
        r.requests(), r.bytes(), parts.stream().mapToInt(p -> p.articles().added().size()).sum(),
        parts.stream().mapToInt(p -> p.articles().modified().size()).sum(),
        parts.stream().mapToInt(p -> p.articles().removed().size()).sum());
  }

  static Revisits revisits(List<RevisitPlanner.Candidate> candidates, Config.Revisit policy, Instant now) {
    RevisitPlanner planner = new RevisitPlanner(policy);
    int due = (int) candidates.stream().filter(c -> planner.isDue(c, now)).count();
    Instant nextDue = candidates.stream()
        .filter(c -> !planner.isDue(c, now))
        .map(c -> dueAt(planner, policy, c))
        .min(Comparator.naturalOrder())
        .orElse(null);
    return new Revisits(candidates.size(), due, planner.plan(candidates, now, false).size(), policy.budget(), nextDue);
  }

  /**
   * When an article becomes due: its verification plus the shorter maximum age if the planner says
   * it is due then (it is still recent, or the recent age is the longer one), else the longer one
   * (due whichever age applies then).
   */
  private static Instant dueAt(RevisitPlanner planner, Config.Revisit policy, RevisitPlanner.Candidate c) {
    return Stream.of(policy.recentMaxAge(), policy.maxAge())
        .sorted()
        .map(age -> c.lastVerified().plus(age))
        .filter(t -> planner.isDue(c, t))
        .findFirst()
        .orElseThrow();
  }


  private static String firstLine(Exception e) {
    if (e instanceof RunReports.Unreadable u) return u.reason;
    String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
  }
}
