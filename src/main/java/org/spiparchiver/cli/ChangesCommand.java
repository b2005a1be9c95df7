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
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.spiparchiver.changes.ChangeHistory;
import org.spiparchiver.config.Durations;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.spiparchiver.mirror.MirrorLayout;

/** {@code spip-archiver changes}: new, modified and removed articles across runs, from the run reports. */
@Command(
    name = "changes",
    mixinStandardHelpOptions = true,
    description = "What changed across runs: new, modified (with the changed fields) and removed articles.")
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

  @Override
  public Integer call() throws IOException {
    Path mirror = root.config().paths().mirror();
    Instant from = since == null ? null : parseSince(since, Instant.now());
    List<ChangeHistory.Run> runs;
    try {
      runs = ChangeHistory.runs(new MirrorLayout(mirror).runsDir(), from);
    } catch (IOException e) {
      throw new UserException(ExitCode.USAGE, e.getMessage());
    }
    ChangeHistory.Summary s = ChangeHistory.summarise(runs, from);
    ArticleRecords records = new ArticleRecords(mirror);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      printJson(out, s, records);
    } else {
      printText(out, s, records);
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

  private static void printText(PrintWriter out, ChangeHistory.Summary s, ArticleRecords records) {
    String when = s.since() == null ? "" : " since " + s.since();
    if (s.added().isEmpty() && s.modified().isEmpty() && s.removed().isEmpty()) {
      out.println("No changes" + when + " (" + s.runs() + " runs).");
      return;
    }
    out.println("Changes" + when + " (" + s.runs() + " runs):");
    section(out, "new", s.added().keySet(), records, id -> "");
    section(out, "modified", s.modified().keySet(), records, id -> "  [" + String.join(", ", s.modified().get(id)) + "]");
    section(out, "removed", s.removed().keySet(), records, id -> "");
  }

  private static void section(PrintWriter out, String name, Collection<Integer> ids, ArticleRecords records,
      java.util.function.IntFunction<String> suffix) {
    if (ids.isEmpty()) return;
    out.println(name + " (" + ids.size() + "):");
    for (int id : ids) {
      Optional<Article> a = read(records, id);
      String issue = a.map(Article::issue).map(i -> i.title() + "  ").orElse("");
      String title = a.map(Article::title).orElse("(no record)");
      out.println(String.format("  %6d  %s%s%s", id, issue, title, suffix.apply(id)));
    }
  }

  private static void printJson(PrintWriter out, ChangeHistory.Summary s, ArticleRecords records) throws IOException {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("since", s.since() == null ? null : s.since().toString());
    root.put("runs", s.runs());
    ArrayNode added = root.putArray("new");
    s.added().forEach((id, runs) -> entry(added, id, records).set("runs", Json.mapper().valueToTree(runs.stream().map(Instant::toString).toList())));
    ArrayNode modified = root.putArray("modified");
    s.modified().forEach((id, fields) -> entry(modified, id, records).set("fields", Json.mapper().valueToTree(fields)));
    ArrayNode removed = root.putArray("removed");
    s.removed().forEach((id, runs) -> entry(removed, id, records).set("runs", Json.mapper().valueToTree(runs.stream().map(Instant::toString).toList())));
    out.println(Json.mapper().writeValueAsString(root));
  }

  private static ObjectNode entry(ArrayNode array, int id, ArticleRecords records) {
    Optional<Article> a = read(records, id);
    ObjectNode o = array.addObject();
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
