package org.spiparchiver.crawl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spiparchiver.mirror.AtomicFiles;
import org.spiparchiver.model.Json;
import org.spiparchiver.model.RunRecord;
import org.spiparchiver.mirror.MirrorLayout;

/** The JSON report of a run, {@code mirror/runs/<timestamp>.json} (its human text is the command line's: cli/RunSummary). */
public final class RunReport {
  private static final DateTimeFormatter FILE_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private RunReport() {}

  /** The report of {@code run} as written to {@code runs/}. */
  public static RunRecord toRecord(CrawlRun run, int exitCode) {
    return new RunRecord(run.started, run.finished, exitCode, run.outcome.name().toLowerCase(Locale.ROOT), run.reason,
        run.requests, run.bytes, run.pages, run.images, run.documents, run.revisits, run.notModified,
        new RunRecord.Articles(List.copyOf(run.newArticles), modified(run.modifiedArticles), List.copyOf(run.removedArticles)),
        byIssue(run),
        run.failures.stream().map(f -> new RunRecord.Failure(f.url().toString(), f.error())).toList(),
        run.warcRepairedBytes);
  }

  private static List<RunRecord.Modified> modified(List<CrawlRun.Modified> list) {
    return list.stream().map(x -> new RunRecord.Modified(x.id(), x.fields())).toList();
  }

  /** The same changes grouped by issue, in order of first appearance; {@code issue} null for articles outside issues. */
  public static List<RunRecord.IssueChanges> byIssue(CrawlRun run) {
    record Group(String issue, List<Integer> added, List<RunRecord.Modified> modified, List<Integer> removed) {}
    Map<String, Group> groups = new LinkedHashMap<>();
    java.util.function.Function<Integer, Group> group = id -> groups.computeIfAbsent(
        run.issues.get(id) == null ? "" : run.issues.get(id),
        k -> new Group(k.isEmpty() ? null : k, new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
    run.newArticles.forEach(id -> group.apply(id).added().add(id));
    run.modifiedArticles.forEach(x -> group.apply(x.id()).modified().add(new RunRecord.Modified(x.id(), x.fields())));
    run.removedArticles.forEach(id -> group.apply(id).removed().add(id));
    return groups.values().stream()
        .map(g -> new RunRecord.IssueChanges(g.issue(), List.copyOf(g.added()), List.copyOf(g.modified()), List.copyOf(g.removed())))
        .toList();
  }

  public static Path write(Path mirror, CrawlRun run, int exitCode) throws IOException {
    Path file = reportFile(new MirrorLayout(mirror).runsDir(), run.started);
    AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(toRecord(run, exitCode)));
    // The report replaces the run's marker (one run at a time holds the mirror lock).
    for (Path marker : MirrorLayout.runningMarkers(new MirrorLayout(mirror).runsDir())) Files.deleteIfExists(marker);
    return file;
  }

  /**
   * {@code runs/<started>.json}; a second run started in the same second (a quick re-run) gets
   * {@code <started>_2.json}, and so on, which sorts after it: no report overwrites another.
   */
  static Path reportFile(Path runs, java.time.Instant started) {
    String name = FILE_NAME.format(started);
    Path file = runs.resolve(name + ".json");
    for (int n = 2; Files.exists(file); n++) file = runs.resolve(name + "_" + n + ".json");
    return file;
  }

  /** One site's part of a run over several sites. */
  public record Section(String site, java.net.URI url, CrawlRun run, int exitCode) {}

  /**
   * The one report of a run over several sites, at the archive's root: the whole run's exit code,
   * counts summed and every failure at the top, each site's report in {@code sites} (see
   * {@link RunRecord}).
   */
  public static Path writeSeveral(Path archive, List<Section> sections, int exitCode) throws IOException {
    List<RunRecord> parts = new ArrayList<>();
    for (Section s : sections) {
      RunRecord r = toRecord(s.run(), s.exitCode());
      parts.add(new RunRecord(r.started(), r.finished(), r.exitCode(), r.outcome(), r.reason(), r.requests(), r.bytes(),
          r.pages(), r.images(), r.documents(), r.revisits(), r.notModified(), r.articles(), r.byIssue(), r.failures(),
          r.warcRepairedBytes(), s.site(), s.url().toString(), null));
    }
    java.time.Instant started = parts.stream().map(RunRecord::started).min(java.util.Comparator.naturalOrder()).orElseThrow();
    java.time.Instant finished = parts.stream().map(RunRecord::finished).filter(java.util.Objects::nonNull)
        .max(java.util.Comparator.naturalOrder()).orElse(null);
    List<RunRecord.Failure> failures = new ArrayList<>();
    parts.forEach(p -> failures.addAll(p.failures()));
    String outcome = parts.stream().map(RunRecord::outcome).distinct().count() == 1 ? parts.get(0).outcome() : "mixed";
    String reason = sections.stream().filter(s -> s.run().reason != null).map(s -> s.site() + ": " + s.run().reason)
        .reduce((a, b) -> a + "; " + b).orElse(null);
    RunRecord whole = new RunRecord(started, finished, exitCode, outcome, reason,
        parts.stream().mapToLong(RunRecord::requests).sum(), parts.stream().mapToLong(RunRecord::bytes).sum(),
        parts.stream().mapToLong(RunRecord::pages).sum(), parts.stream().mapToLong(RunRecord::images).sum(),
        parts.stream().mapToLong(RunRecord::documents).sum(), parts.stream().mapToLong(RunRecord::revisits).sum(),
        parts.stream().mapToLong(RunRecord::notModified).sum(), null, null, failures,
        parts.stream().mapToLong(RunRecord::warcRepairedBytes).sum(), null, null, parts);
    Path file = reportFile(new MirrorLayout(archive).runsDir(), started);
    AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(whole));
    for (Path marker : MirrorLayout.runningMarkers(new MirrorLayout(archive).runsDir())) Files.deleteIfExists(marker);
    return file;
  }

  /**
   * {@code runs/<started>.running}, written when a run starts and removed by its report: still there
   * with the lock free, the run was killed or crashed before writing its report ({@code status} says so).
   */
  public static void markRunning(Path mirror, java.time.Instant started) throws IOException {
    Path dir = new MirrorLayout(mirror).runsDir();
    Files.createDirectories(dir);
    AtomicFiles.write(dir.resolve(FILE_NAME.format(started) + MirrorLayout.RUNNING), (started + "\n").getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A byte count for people: 512 B, 8.3 MB, 1.20 GB (a dot whatever the locale, for logs and mails). */
  public static String bytes(long b) {
    if (b < 1024) return b + " B";
    if (b < 1 << 20) return String.format(Locale.ROOT, "%.1f KB", b / 1024.0);
    if (b < 1 << 30) return String.format(Locale.ROOT, "%.1f MB", b / 1048576.0);
    return String.format(Locale.ROOT, "%.2f GB", b / 1073741824.0);
  }

}
