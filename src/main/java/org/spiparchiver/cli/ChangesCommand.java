package org.spiparchiver.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.spiparchiver.changes.ChangeHistory;
import org.spiparchiver.config.Durations;
import org.spiparchiver.mirror.ArchiveSite;
import org.spiparchiver.mirror.ArchiveSites;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Issue;
import org.spiparchiver.model.Json;
import org.spiparchiver.model.RunRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.spiparchiver.mirror.MirrorLayout;

/** {@code spip-archiver changes}: new, modified and removed articles across runs, from the run reports. */
@Command(
    name = "changes",
    mixinStandardHelpOptions = true,
    description = "What changed across runs: new, modified (with the changed fields) and removed articles; "
        + "by site when the archive has several (--site KEY for one).")
public final class ChangesCommand implements Callable<Integer> {

  @CommandLine.ParentCommand
  Main root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--since", paramLabel = "DATE",
      description = "Only runs started since DATE: 2026-11-01, 2026-11-01T03:00:00Z, or an age such as 7d (default: all runs).")
  String since;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  /** One site's changes. */
  private record SiteChanges(ArchiveSite site, ChangeHistory.Summary summary) {}

  @Override
  public Integer call() throws IOException {
    Path mirror = root.config().paths().mirror();
    Instant from = since == null ? null : parseSince(since, Instant.now());
    List<RunRecord> reports;
    try {
      reports = ChangeHistory.reports(new MirrorLayout(mirror).runsDir(), from);
    } catch (IOException e) {
      throw new UserException(ExitCode.USAGE, e.getMessage());
    }
    boolean several = ArchiveSites.of(mirror).size() > 1;
    List<SiteChanges> sites = new ArrayList<>();
    for (ArchiveSite site : SiteSelection.sites(root)) {
      sites.add(new SiteChanges(site, ChangeHistory.summarise(ChangeHistory.runs(reports, site.key(), site.root().equals(mirror)), from)));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      printJson(out, from, reports.size(), sites, several);
    } else if (sites.size() == 1 && !several) {
      printText(out, sites.get(0).summary(), sites.get(0).site().records(), "");
    } else {
      printText(out, from, reports.size(), sites);
    }
    return ExitCode.OK.code;
  }

  /** An ISO date (midnight UTC), an ISO date-time, or an age counted back from {@code now}. */
  static Instant parseSince(String text, Instant now) {
    try {
      if (text.matches("\\d{4}-\\d{2}-\\d{2}")) return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      if (text.contains("T")) return OffsetDateTime.parse(text).toInstant();
      return now.minus(Durations.parse(text));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new UserException(ExitCode.USAGE, "--since: '" + text + "' is not a date (2026-11-01), a date-time or an age (7d)");
    }
  }

  /** Several sites: the number of runs, then each site's changes under its key and URL, grouped by issue. */
  private static void printText(PrintWriter out, Instant since, int runs, List<SiteChanges> sites) {
    String when = since == null ? "" : " since " + since;
    if (sites.stream().allMatch(c -> nothing(c.summary()))) {
      out.println("No changes" + when + " (" + runs + " runs).");
      return;
    }
    out.println("Changes" + when + " (" + runs + " runs):");
    for (SiteChanges c : sites) {
      out.println(c.site().key() + (c.site().url() == null ? "" : "  " + c.site().url()) + ":");
      if (nothing(c.summary())) out.println("  no changes (" + c.summary().runs() + " runs)");
      else byIssue(c.summary(), c.site().records()).forEach(out::println);
    }
  }

  /** One site's changes by issue, the latest issue first, as a crawl's summary lists them. */
  private static List<String> byIssue(ChangeHistory.Summary s, ArticleRecords records) {
    record Line(Issue issue, String text) {}
    List<Line> lines = new ArrayList<>();
    java.util.function.BiConsumer<String, Map.Entry<Integer, String>> add = (kind, e) -> {
      Optional<Article> a = read(records, e.getKey());
      lines.add(new Line(a.map(Article::issue).orElse(null), String.format("    %-8s %6d  %s%s", kind, e.getKey(),
          a.map(Article::title).orElse("(no record)"), e.getValue())));
    };
    s.added().keySet().forEach(id -> add.accept("new", Map.entry(id, "")));
    s.modified().forEach((id, fields) -> add.accept("modified", Map.entry(id, "  [" + String.join(", ", fields) + "]")));
    s.removed().keySet().forEach(id -> add.accept("removed", Map.entry(id, "")));
    Map<String, List<Line>> groups = new java.util.TreeMap<>();
    Map<String, Issue> issues = new java.util.HashMap<>();
    for (Line l : lines) {
      String title = l.issue() == null ? "(not in an issue)" : l.issue().title();
      groups.computeIfAbsent(title, k -> new ArrayList<>()).add(l);
      if (l.issue() != null) issues.put(title, l.issue());
    }
    List<String> titles = new ArrayList<>(groups.keySet());
    // The latest issue first (highest number); articles outside issues last.
    titles.sort(java.util.Comparator.comparing((String t) -> issues.containsKey(t) ? 0 : 1)
        .thenComparing(t -> issues.containsKey(t) && issues.get(t).number() != null ? -issues.get(t).number() : 0));
    List<String> out = new ArrayList<>();
    for (String t : titles) {
      out.add("  " + t);
      groups.get(t).forEach(l -> out.add(l.text()));
    }
    return out;
  }

  private static boolean nothing(ChangeHistory.Summary s) {
    return s.added().isEmpty() && s.modified().isEmpty() && s.removed().isEmpty();
  }

  /** One site's changes, each line after {@code indent} (none: the whole output of a one-site archive). */
  private static void printText(PrintWriter out, ChangeHistory.Summary s, ArticleRecords records, String indent) {
    String when = s.since() == null ? "" : " since " + s.since();
    if (indent.isEmpty() && nothing(s)) {
      out.println("No changes" + when + " (" + s.runs() + " runs).");
      return;
    }
    if (indent.isEmpty()) out.println("Changes" + when + " (" + s.runs() + " runs):");
    section(out, indent, "new", s.added().keySet(), records, id -> "");
    section(out, indent, "modified", s.modified().keySet(), records, id -> "  [" + String.join(", ", s.modified().get(id)) + "]");
    section(out, indent, "removed", s.removed().keySet(), records, id -> "");
  }

  private static void section(PrintWriter out, String indent, String name, Collection<Integer> ids, ArticleRecords records,
      java.util.function.IntFunction<String> suffix) {
    if (ids.isEmpty()) return;
    out.println(indent + name + " (" + ids.size() + "):");
    for (int id : ids) {
      Optional<Article> a = read(records, id);
      String issue = a.map(Article::issue).map(i -> i.title() + "  ").orElse("");
      String title = a.map(Article::title).orElse("(no record)");
      out.println(String.format("%s  %6d  %s%s%s", indent, id, issue, title, suffix.apply(id)));
    }
  }

  /**
   * {@code {since, runs, new, modified, removed}} as before sites existed; an archive of several
   * sites adds {@code site} to each entry and {@code sites: [{site, url, runs}]}.
   */
  private static void printJson(PrintWriter out, Instant since, int runs, List<SiteChanges> sites, boolean several)
      throws IOException {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("since", since == null ? null : since.toString());
    root.put("runs", sites.size() == 1 && !several ? sites.get(0).summary().runs() : runs);
    ArrayNode added = root.putArray("new");
    ArrayNode modified = root.putArray("modified");
    ArrayNode removed = root.putArray("removed");
    for (SiteChanges c : sites) {
      ChangeHistory.Summary s = c.summary();
      ArticleRecords records = c.site().records();
      String site = several ? c.site().key() : null;
      s.added().forEach((id, r) -> entry(added, site, id, records).set("runs", Json.mapper().valueToTree(r.stream().map(Instant::toString).toList())));
      s.modified().forEach((id, fields) -> entry(modified, site, id, records).set("fields", Json.mapper().valueToTree(fields)));
      s.removed().forEach((id, r) -> entry(removed, site, id, records).set("runs", Json.mapper().valueToTree(r.stream().map(Instant::toString).toList())));
    }
    if (several) {
      ArrayNode list = root.putArray("sites");
      for (SiteChanges c : sites) {
        list.addObject().put("site", c.site().key()).put("url", c.site().url() == null ? null : c.site().url().toString())
            .put("runs", c.summary().runs());
      }
    }
    out.println(Json.mapper().writeValueAsString(root));
  }

  private static ObjectNode entry(ArrayNode array, String site, int id, ArticleRecords records) {
    Optional<Article> a = read(records, id);
    ObjectNode o = array.addObject();
    if (site != null) o.put("site", site);
    o.put("id", id);
    o.put("title", a.map(Article::title).orElse(null));
    o.put("issue", a.map(Article::issue).map(i -> i.title()).orElse(null));
    return o;
  }

  /** A record that cannot be read only loses its title in this listing. */
  private static Optional<Article> read(ArticleRecords records, int id) {
    try {
      return records.read(id);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
