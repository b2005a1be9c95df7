package org.spiparchiver.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.spiparchiver.crawl.CrawlRun;
import org.spiparchiver.crawl.RunReport;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.model.RunRecord;

/** The human text of a crawl run: the summary and the changed articles, fit for a terminal or a cron mail. */
final class RunSummary {
  private RunSummary() {}

  /** The changed articles, grouped by issue, one line each with its title: what a cron mail should say. */
  static List<String> changes(CrawlRun run, ArticleRecords records) {
    List<String> lines = new ArrayList<>();
    for (RunRecord.IssueChanges g : RunReport.byIssue(run)) {
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

  /** A few lines fit for a terminal or a cron mail. */
  static List<String> summary(CrawlRun run) {
    Duration d = run.finished == null ? Duration.ZERO : Duration.between(run.started, run.finished);
    String head = switch (run.outcome) {
      case COMPLETE -> "crawl complete";
      case LIMIT_REACHED -> "crawl stopped (" + run.reason + ")";
      case PAUSED, SITE_DOWN, UNREACHABLE -> "crawl stopped: " + run.reason;
    };
    return List.of(
        head + " in " + human(d),
        String.format("%d requests, %s, %d pages, %d images, %d documents, %d not modified (304)", run.requests,
            RunReport.bytes(run.bytes), run.pages, run.images, run.documents, run.notModified),
        String.format("articles: %d new, %d modified, %d removed; failures: %d", run.newArticles.size(),
            run.modifiedArticles.size(), run.removedArticles.size(), run.failures.size()));
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) return String.format("%.1f s", d.toMillis() / 1000.0);
    if (s < 3600) return String.format("%d min %02d s", s / 60, s % 60);
    return String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
