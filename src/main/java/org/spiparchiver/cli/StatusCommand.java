package org.spiparchiver.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spiparchiver.changes.ArchiveStatus;
import org.spiparchiver.crawl.RunReport;
import org.spiparchiver.crawl.CrawlState;
import org.spiparchiver.model.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spip-archiver status}: the archive at a glance, for a person or (--json) a script. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "The archive at a glance: articles, issues, images, WARC size, last run, failing URLs, "
        + "revisits due, lock.")
public final class StatusCommand implements Callable<Integer> {
  /** Failing URLs listed in the text output; --json lists them all. */
  private static final int FAILING_SHOWN = 10;
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @CommandLine.ParentCommand
  Main root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object (snake_case fields) instead of text.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    ArchiveStatus.Report r;
    try {
      r = ArchiveStatus.read(root.config().paths().mirror(), root.config().revisit(), Instant.now());
    } catch (ArchiveStatus.NoArchive | CrawlState.StateException e) {
      // A damaged crawl.db is named in one line like a missing one; the message names the file.
      throw new UserException(ExitCode.USAGE, e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    r.warnings().forEach(w -> err.println("spip-archiver: warning: " + w));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.mapper().writeValueAsString(toJson(r)));
    } else {
      text(r).forEach(out::println);
    }
    return ExitCode.OK.code;
  }

  static List<String> text(ArchiveStatus.Report r) {
    List<String> lines = new ArrayList<>();
    lines.add(row("archive", r.mirror() + "  (WARC: " + r.warc().files() + (r.warc().files() == 1 ? " file, " : " files, ") + RunReport.bytes(r.warc().bytes()) + ")"));
    ArchiveStatus.Articles a = r.articles();
    lines.add(row("articles", a.total() + " (" + a.removed() + " removed), " + a.languages() + " languages"));
    lines.add(row("issues", r.issues().count() + (r.issues().latest() == null ? "" : ", latest " + r.issues().latest())));
    lines.add(row("images", String.valueOf(r.images())));
    lines.add(row("last run", lastRun(r.lastRun())));
    List<CrawlState.FailingUrl> failing = r.failing();
    if (failing.isEmpty()) {
      lines.add(row("failing", "none"));
    } else {
      lines.add(row("failing", failing.size() + (failing.size() == 1 ? " URL:" : " URLs:")));
      failing.stream().limit(FAILING_SHOWN).forEach(f -> lines.add(row("", failing(f))));
      if (failing.size() > FAILING_SHOWN) lines.add(row("", "… and " + (failing.size() - FAILING_SHOWN) + " more (--json lists all)"));
    }
    lines.add(row("revisits", revisits(r.revisits())));
    lines.add(row("lock", r.lock().held() ? "held by PID " + r.lock().pid() + " (a run is in progress)" : "free"));
    return lines;
  }

  private static String row(String label, String value) {
    return String.format(Locale.ROOT, "%-9s %s", label, value);
  }

  private static String lastRun(ArchiveStatus.LastRun run) {
    if (run == null) return "none";
    String outcome = run.outcome() == null ? "" : run.reason() == null ? " (" + run.outcome() + ")" : " (" + run.outcome() + ": " + run.reason() + ")";
    return MINUTE.format(run.started()) + ", exit " + run.exitCode() + outcome + ": " + run.added() + " new, "
        + run.modified() + " modified, " + run.removed() + " removed; " + run.requests() + " requests, " + RunReport.bytes(run.bytes())
        + (run.finished() == null ? "; did not finish" : "");
  }

  private static String failing(CrawlState.FailingUrl f) {
    String since = f.failingSince() == null ? "" : " since " + MINUTE.format(f.failingSince());
    String error = f.lastError() != null ? f.lastError() : "HTTP " + f.httpStatus();
    return f.url() + since + " (" + error + ", " + f.attempts() + (f.attempts() == 1 ? " attempt)" : " attempts)");
  }

  private static String revisits(ArchiveStatus.Revisits v) {
    if (v.archived() == 0) return "no archived article yet";
    return v.dueNow() + " due now, next run takes " + v.nextRun() + " (budget " + v.budget() + ")"
        + (v.nextDue() == null ? "" : "; next due " + MINUTE.format(v.nextDue()));
  }

  static ObjectNode toJson(ArchiveStatus.Report r) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("mirror", r.mirror().toString());
    o.putObject("warc").put("files", r.warc().files()).put("bytes", r.warc().bytes());
    o.putObject("articles").put("total", r.articles().total()).put("removed", r.articles().removed())
        .put("languages", r.articles().languages());
    o.putObject("issues").put("count", r.issues().count()).put("latest", r.issues().latest());
    o.put("images", r.images());
    ArchiveStatus.LastRun run = r.lastRun();
    if (run == null) {
      o.putNull("last_run");
    } else {
      ObjectNode l = o.putObject("last_run");
      l.put("file", run.file()).put("started", iso(run.started())).put("finished", iso(run.finished()))
          .put("exit_code", run.exitCode()).put("outcome", run.outcome()).put("reason", run.reason())
          .put("requests", run.requests()).put("bytes", run.bytes());
      l.putObject("articles").put("new", run.added()).put("modified", run.modified()).put("removed", run.removed());
    }
    ArrayNode failing = o.putArray("failing");
    for (CrawlState.FailingUrl f : r.failing()) {
      failing.addObject().put("url", f.url().toString()).put("http_status", f.httpStatus()).put("last_error", f.lastError())
          .put("attempts", f.attempts()).put("failing_since", iso(f.failingSince()));
    }
    ArchiveStatus.Revisits v = r.revisits();
    o.putObject("revisits").put("archived", v.archived()).put("due_now", v.dueNow()).put("next_run", v.nextRun())
        .put("budget", v.budget()).put("next_due", iso(v.nextDue()));
    o.putObject("lock").put("held", r.lock().held()).put("pid", r.lock().pid());
    ArrayNode warnings = o.putArray("warnings");
    r.warnings().forEach(warnings::add);
    return o;
  }

  private static String iso(Instant t) {
    return t == null ? null : t.toString();
  }
}
