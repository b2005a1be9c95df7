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
import org.spiparchiver.mirror.MirrorLayout;

/** The JSON report of a run, {@code mirror/runs/<timestamp>.json}, and the human summary. */
public final class RunReport {
  private static final DateTimeFormatter FILE_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private RunReport() {}

  public static Map<String, Object> toMap(CrawlRun run, int exitCode) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("started", run.started.toString());
    m.put("finished", run.finished == null ? null : run.finished.toString());
    m.put("exit_code", exitCode);
    m.put("outcome", run.outcome.name().toLowerCase(java.util.Locale.ROOT));
    m.put("reason", run.reason);
    m.put("requests", run.requests);
    m.put("bytes", run.bytes);
    m.put("pages", run.pages);
    m.put("images", run.images);
    m.put("documents", run.documents);
    m.put("revisits", run.revisits);
    m.put("not_modified", run.notModified);
    Map<String, Object> articles = new LinkedHashMap<>();
    articles.put("new", run.newArticles);
    articles.put("modified", run.modifiedArticles.stream().map(x -> Map.of("id", x.id(), "fields", x.fields())).toList());
    articles.put("removed", run.removedArticles);
    m.put("articles", articles);
    m.put("by_issue", byIssue(run));
    m.put("failures", run.failures.stream().map(f -> Map.of("url", f.url().toString(), "error", f.error())).toList());
    m.put("warc_repaired_bytes", run.warcRepairedBytes);
    return m;
  }

  /** The same changes grouped by issue, in order of first appearance; {@code issue} null for articles outside issues. */
  static List<Map<String, Object>> byIssue(CrawlRun run) {
    Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
    java.util.function.Function<Integer, Map<String, Object>> group = id -> groups.computeIfAbsent(
        run.issues.getOrDefault(id, null) == null ? "" : run.issues.get(id), k -> {
          Map<String, Object> g = new LinkedHashMap<>();
          g.put("issue", k.isEmpty() ? null : k);
          g.put("new", new ArrayList<Integer>());
          g.put("modified", new ArrayList<Map<String, Object>>());
          g.put("removed", new ArrayList<Integer>());
          return g;
        });
    run.newArticles.forEach(id -> list(group.apply(id), "new").add(id));
    run.modifiedArticles.forEach(x -> list(group.apply(x.id()), "modified").add(Map.of("id", x.id(), "fields", x.fields())));
    run.removedArticles.forEach(id -> list(group.apply(id), "removed").add(id));
    return new ArrayList<>(groups.values());
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> group, String key) {
    return (List<Object>) group.get(key);
  }

  /** The changed articles, grouped by issue, one line each with its title: what a cron mail should say. */
  public static List<String> changes(CrawlRun run, ArticleRecords records) {
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> g : byIssue(run)) {
      lines.add(g.get("issue") == null ? "(not in an issue)" : (String) g.get("issue"));
      for (Object id : list(g, "new")) lines.add(line("new", (Integer) id, records, ""));
      for (Object o : list(g, "modified")) {
        Map<?, ?> m = (Map<?, ?>) o;
        lines.add(line("modified", (Integer) m.get("id"), records, "  [" + String.join(", ", (List<String>) m.get("fields")) + "]"));
      }
      for (Object id : list(g, "removed")) lines.add(line("removed", (Integer) id, records, ""));
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
    AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(toMap(run, exitCode)));
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
