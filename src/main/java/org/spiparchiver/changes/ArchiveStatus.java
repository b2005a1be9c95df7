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
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Issue;
import org.spiparchiver.model.RunRecord;
import org.spiparchiver.mirror.MirrorLayout;

/**
 * The archive at a glance, read from the mirror without changing it: records, crawl state, WARC
 * files, the newest run report, the revisit schedule and the lock. Unreadable parts (a corrupt run
 * report or record) become warnings; the rest is still reported.
 */
public final class ArchiveStatus {

  /** Everything {@code status} shows. {@code lastRun} is null when no run report could be read. */
  public record Report(Path mirror, Warc warc, Articles articles, Issues issues, long images, LastRun lastRun,
      List<CrawlState.FailingUrl> failing, Revisits revisits, Lock lock, List<String> warnings) {}

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

  public static Report read(Path mirror, Config.Revisit policy, Instant now) throws NoArchive, IOException {
    Path db = new MirrorLayout(mirror).crawlDb();
    // Checked first: opening the state would create it.
    if (!Files.isRegularFile(db)) throw new NoArchive(mirror);
    List<String> warnings = new ArrayList<>();
    long images;
    List<CrawlState.FailingUrl> failing;
    List<RevisitPlanner.Candidate> candidates;
    try (CrawlState state = CrawlState.open(db)) {
      images = state.archivedImages();
      failing = state.failingUrls();
      candidates = state.revisitCandidates();
    }
    List<Article> records = records(mirror, warnings);
    Optional<String> holder = MirrorLock.holder(mirror);
    if (holder.isEmpty()) crashedRun(new MirrorLayout(mirror).runsDir()).ifPresent(warnings::add);
    return new Report(mirror, warc(mirror), articles(records), issues(records), images, lastRun(new MirrorLayout(mirror).runsDir(), warnings),
        failing, revisits(candidates, policy, now), new Lock(holder.isPresent(), holder.orElse(null)), warnings);
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

  /** The newest run report that can be read; each newer one that cannot is named in a warning. */
  static LastRun lastRun(Path runsDir, List<String> warnings) throws IOException {
    if (!Files.isDirectory(runsDir)) return null;
    List<Path> files;
    try (Stream<Path> s = Files.list(runsDir)) {
      // Report names are the start time (yyyyMMdd'T'HHmmss'Z'): the name order is the time order.
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted(Comparator.reverseOrder()).toList();
    }
    for (Path f : files) {
      try {
        return readRun(f);
      } catch (IOException | RuntimeException e) {
        warnings.add(f + ": unreadable run report, skipped: " + firstLine(e));
      }
    }
    return null;
  }

  private static LastRun readRun(Path file) throws IOException {
    RunRecord r = RunReports.read(file);
    return new LastRun(file.getFileName().toString(), r.started(), r.finished(), r.exitCode(), r.outcome(), r.reason(),
        r.requests(), r.bytes(), r.articles().added().size(), r.articles().modified().size(), r.articles().removed().size());
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
