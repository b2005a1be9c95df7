package org.spiparchiver.crawl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.AtomicFiles;
import org.spiparchiver.model.Json;
import org.spiparchiver.model.RunRecord;
import org.spiparchiver.mirror.MirrorLayout;

/** The JSON report of a run, {@code mirror/runs/<timestamp>.json}, and the human summary. */
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

  /** The changed articles, grouped by issue, one line each with its title: what a cron mail should say. */
  public static List<String> changes(CrawlRun run, ArticleRecords records) {
    List<String> lines = new ArrayList<>();
    for (RunRecord.IssueChanges g : byIssue(run)) {
      lines.add(g.issue() == null ? "(not in an issue)" : g.issue());
      for (int id : g.added()) lines.add(line("new", id, records, ""));
      for (RunRecord.Modified m : g.modified()) {
        lines.add(line("modified", m.id(), records, "  [" + String.join(", ", m.fields()) + "]"));
      }
      for (int id : g.removed()) lines.add(line("removed", id, records, ""));
    }
    return lines;
  }

  private static String line(String kind, int id, ArticleRecords records, String suffix) {
    String title;
    try {
      title = records.read(id).map(a -> a.title()).orElse("(no record)");
    } catch (IOException e) {
      title = "(unreadable record)";
    }
    return String.format("  %-8s %6d  %s%s", kind, id, title, suffix);
  }

  public static Path write(Path mirror, CrawlRun run, int exitCode) throws IOException {
    Path file = new MirrorLayout(mirror).runsDir().resolve(FILE_NAME.format(run.started) + ".json");
    AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(toRecord(run, exitCode)));
    return file;
  }

  /** A few lines fit for a terminal or a cron mail. */
  public static List<String> summary(CrawlRun run) {
    Duration d = run.finished == null ? Duration.ZERO : Duration.between(run.started, run.finished);
    String head = switch (run.outcome) {
      case COMPLETE -> "crawl complete";
      case LIMIT_REACHED -> "crawl stopped (" + run.reason + ")";
      case PAUSED, SITE_DOWN, UNREACHABLE -> "crawl stopped: " + run.reason;
    };
    return List.of(
        head + " in " + human(d),
        String.format("%d requests, %s, %d pages, %d images, %d documents, %d not modified (304)", run.requests,
            bytes(run.bytes), run.pages, run.images, run.documents, run.notModified),
        String.format("articles: %d new, %d modified, %d removed; failures: %d", run.newArticles.size(),
            run.modifiedArticles.size(), run.removedArticles.size(), run.failures.size()));
  }

  /** A byte count for people: 512 B, 8.3 MB, 1.20 GB (a dot whatever the locale, for logs and mails). */
  public static String bytes(long b) {
    if (b < 1024) return b + " B";
    if (b < 1 << 20) return String.format(Locale.ROOT, "%.1f KB", b / 1024.0);
    if (b < 1 << 30) return String.format(Locale.ROOT, "%.1f MB", b / 1048576.0);
    return String.format(Locale.ROOT, "%.2f GB", b / 1073741824.0);
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) return String.format("%.1f s", d.toMillis() / 1000.0);
    if (s < 3600) return String.format("%d min %02d s", s / 60, s % 60);
    return String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
