package org.spiparchiver.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
import org.spiparchiver.mirror.ArchiveSites;
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
    Path mirror = root.config().paths().mirror();
    ArchiveStatus.Status r;
    boolean several = ArchiveSites.of(mirror).size() > 1;
    try {
      r = ArchiveStatus.read(mirror, SiteSelection.sites(root), root.config().revisit(), Instant.now());
    } catch (ArchiveStatus.NoArchive | CrawlState.StateException e) {
      // A damaged crawl.db is named in one line like a missing one; the message names the file.
      throw new UserException(ExitCode.USAGE, e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    r.total().warnings().forEach(w -> err.println("spip-archiver: warning: " + w));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.mapper().writeValueAsString(toJson(r, several)));
    } else {
      text(r, several).forEach(out::println);
    }
    return ExitCode.OK.code;
  }

  /** The status as text; the sites of an archive of several are labelled. */
  static List<String> text(ArchiveStatus.Status s) {
    return text(s, s.sites().size() > 1);
  }

  /**
   * One site: its rows, as before sites existed ({@code several}: first a row naming it). Several:
   * the archive's totals, then each site's rows, indented under a row naming it.
   */
  static List<String> text(ArchiveStatus.Status s, boolean several) {
    if (s.sites().size() == 1) {
      List<String> lines = new ArrayList<>();
      if (several) lines.add(siteRow(s.sites().get(0)));
      lines.addAll(text(s.total(), "", true));
      return lines;
    }
    ArchiveStatus.Report t = s.total();
    List<String> lines = new ArrayList<>(text(t, "", false));
    lines.set(0, row("archive", t.mirror() + "  (" + s.sites().size() + " sites; WARC: " + files(t.warc()) + ")"));
    for (ArchiveStatus.SiteReport site : s.sites()) {
      lines.add("");
      lines.add(siteRow(site));
      List<String> rows = text(site.report(), "  ", true);
      lines.addAll(rows.subList(0, rows.size() - 1)); // the lock is the archive's, shown once above
    }
    return lines;
  }

  private static String siteRow(ArchiveStatus.SiteReport site) {
    return row("site", site.site().key() + (site.site().url() == null ? "" : "  " + site.site().url()));
  }

  private static String files(ArchiveStatus.Warc w) {
    return w.files() + (w.files() == 1 ? " file, " : " files, ") + RunReport.bytes(w.bytes());
  }

  private static String failing(int n) {
    return n + (n == 1 ? " URL:" : " URLs:");
  }

  /** {@code listFailing}: the failing URLs under their count (the totals of several sites leave them to each site). */
  private static List<String> text(ArchiveStatus.Report r, String indent, boolean listFailing) {
    List<String> lines = new ArrayList<>();
    lines.add(row("archive", r.mirror() + "  (WARC: " + files(r.warc()) + ")"));
    ArchiveStatus.Articles a = r.articles();
    lines.add(row("articles", a.total() + " (" + a.removed() + " removed), " + a.languages() + " languages"));
    lines.add(row("issues", r.issues().count() + (r.issues().latest() == null ? "" : ", latest " + r.issues().latest())));
    lines.add(row("images", String.valueOf(r.images())));
    lines.add(row("last run", lastRun(r.lastRun())));
    List<CrawlState.FailingUrl> failing = r.failing();
    if (failing.isEmpty()) {
      lines.add(row("failing", "none"));
    } else if (!listFailing) {
      lines.add(row("failing", failing.size() + (failing.size() == 1 ? " URL" : " URLs") + " (by site below)"));
    } else {
      lines.add(row("failing", failing(failing.size())));
      failing.stream().limit(FAILING_SHOWN).forEach(f -> lines.add(row("", failing(f))));
      if (failing.size() > FAILING_SHOWN) lines.add(row("", "… and " + (failing.size() - FAILING_SHOWN) + " more (--json lists all)"));
    }
    lines.add(row("revisits", revisits(r.revisits())));
    lines.add(row("lock", r.lock().held() ? "held by PID " + r.lock().pid() + " (a run is in progress)" : "free"));
    return lines.stream().map(l -> indent + l).toList();
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

  /**
   * The fields of a one-site archive, as before sites existed; a site of several adds {@code site}
   * and {@code url}; several sites: the totals, {@code site} on each failing URL, and {@code sites}.
   */
  static ObjectNode toJson(ArchiveStatus.Status s, boolean several) {
    if (s.sites().size() == 1) {
      ObjectNode o = toJson(s.total(), s.sites(), several);
      if (several) siteFields(o, s.sites().get(0));
      return o;
    }
    ObjectNode o = toJson(s.total(), s.sites(), true);
    ArrayNode sites = o.putArray("sites");
    for (ArchiveStatus.SiteReport site : s.sites()) {
      ObjectNode one = siteFields(sites.addObject(), site);
      one.setAll(toJson(site.report(), List.of(site), true));
      one.remove("lock");
      one.remove("warnings");
    }
    return o;
  }

  private static ObjectNode siteFields(ObjectNode o, ArchiveStatus.SiteReport site) {
    o.put("site", site.site().key());
    o.put("url", site.site().url() == null ? null : site.site().url().toString());
    return o;
  }

  /** {@code withSite}: each failing URL says its site (found among {@code sites} by its crawl state). */
  private static ObjectNode toJson(ArchiveStatus.Report r, List<ArchiveStatus.SiteReport> sites, boolean withSite) {
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
      ObjectNode one = failing.addObject();
      if (withSite) {
        one.put("site", sites.stream().filter(x -> x.report().failing().contains(f)).map(x -> x.site().key()).findFirst().orElse(null));
      }
      one.put("url", f.url().toString()).put("http_status", f.httpStatus()).put("last_error", f.lastError())
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
