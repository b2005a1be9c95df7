package org.spiparchiver.changes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.spiparchiver.model.RunRecord;

/**
 * What changed across runs, read back from the run reports {@code mirror/runs/*.json}: per site,
 * the articles that appeared, changed (with the union of their changed fields) or disappeared.
 */
public final class ChangeHistory {

  /** One run report, as much of it as the history needs. */
  public record Run(Instant started, Instant finished, int exitCode, List<Integer> added,
      Map<Integer, List<String>> modified, List<Integer> removed) {

    public boolean changedAnything() {
      return !added.isEmpty() || !modified.isEmpty() || !removed.isEmpty();
    }
  }

  /** The changes of all runs since a time; an article's entry names the runs that saw it change. */
  public record Summary(Instant since, int runs, Map<Integer, List<Instant>> added,
      Map<Integer, Set<String>> modified, Map<Integer, List<Instant>> removed) {}

  private ChangeHistory() {}

  /** The run reports in {@code runsDir} started at or after {@code since} (all when null), oldest first. */
  public static List<RunRecord> reports(Path runsDir, Instant since) throws IOException {
    if (!Files.isDirectory(runsDir)) return List.of();
    List<Path> files;
    try (Stream<Path> s = Files.list(runsDir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    List<RunRecord> reports = new ArrayList<>();
    for (Path f : files) {
      RunRecord r = RunReports.read(f);
      if (since == null || !r.started().isBefore(since)) reports.add(r);
    }
    reports.sort((a, b) -> a.started().compareTo(b.started()));
    return reports;
  }

  /**
   * The runs among {@code reports} that crawled the site {@code key}, as that site saw them
   * ({@code first}: the archive's first site, which the reports from before sites existed are about).
   */
  public static List<Run> runs(List<RunRecord> reports, String key, boolean first) {
    List<Run> runs = new ArrayList<>();
    for (RunRecord r : reports) RunReports.section(r, key, first).ifPresent(part -> runs.add(run(r, part)));
    return runs;
  }

  public static Summary summarise(List<Run> runs, Instant since) {
    Map<Integer, List<Instant>> added = new LinkedHashMap<>();
    Map<Integer, Set<String>> modified = new LinkedHashMap<>();
    Map<Integer, List<Instant>> removed = new LinkedHashMap<>();
    for (Run r : runs) {
      r.added().forEach(id -> added.computeIfAbsent(id, k -> new ArrayList<>()).add(r.started()));
      r.modified().forEach((id, fields) -> modified.computeIfAbsent(id, k -> new LinkedHashSet<>()).addAll(fields));
      r.removed().forEach(id -> removed.computeIfAbsent(id, k -> new ArrayList<>()).add(r.started()));
    }
    return new Summary(since, runs.size(), added, modified, removed);
  }

  /** A run: its times and exit code from the report, its changes from the site's part of it. */
  private static Run run(RunRecord r, RunRecord part) {
    Map<Integer, List<String>> modified = new LinkedHashMap<>();
    for (RunRecord.Modified m : part.articles().modified()) modified.put(m.id(), List.copyOf(m.fields()));
    return new Run(r.started(), r.finished(), r.exitCode(), List.copyOf(part.articles().added()), modified,
        List.copyOf(part.articles().removed()));
  }
}
