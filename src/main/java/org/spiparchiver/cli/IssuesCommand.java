package org.spiparchiver.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.spiparchiver.index.ArticleSearcher;
import org.spiparchiver.index.IndexException;
import org.spiparchiver.index.IssueSummary;
import org.spiparchiver.model.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spip-archiver issues}: the issues of the magazine, in order. */
@Command(name = "issues", mixinStandardHelpOptions = true,
    description = "List every issue with its number, date, article count and sections, in order.",
    footer = "%nExit codes: 0 done, 2 no index yet.")
public final class IssuesCommand implements Callable<Integer> {
  @CommandLine.ParentCommand
  Main root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "A JSON array of {number, title, year, months, article_count, sections}, "
      + "and site where the archive has several.")
  boolean json;

  @Option(names = "--include-removed", description = "Count articles the site no longer serves too.")
  boolean includeRemoved;

  @Override
  public Integer call() {
    List<IssueSummary> issues;
    boolean multiSite;
    try (ArticleSearcher searcher = ArticleSearcher.open(root.config().paths().index())) {
      issues = searcher.issues(includeRemoved, SiteSelection.key(root));
      multiSite = searcher.sites().size() > 1;
    } catch (IndexException e) {
      throw SearchCommand.userError(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      try {
        out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(issues));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("records always serialise", e);
      }
      return ExitCode.OK.code;
    }
    Terminal term = Terminal.detect();
    if (multiSite) {
      printBySite(out, issues, term);
      return ExitCode.OK.code;
    }
    int titleWidth = Math.min(40, issues.stream().mapToInt(i -> i.title().length()).max().orElse(5));
    out.println(term.bold(String.format("%4s  %-" + titleWidth + "s  %-10s  %8s  %s", "N°", "title", "date",
        "articles", "sections")));
    for (IssueSummary i : issues) {
      String line = String.format("%4s  %s  %-10s  %8d  ", i.number() == null ? "" : i.number(),
          Terminal.pad(Terminal.fit(i.title(), titleWidth), titleWidth), date(i),
          i.articleCount());
      out.println(line + Terminal.fit(String.join(", ", i.sections()),
          Math.max(10, term.width() - line.length())));
    }
    out.printf("%d issues, %d articles%n", issues.size(), issues.stream().mapToInt(IssueSummary::articleCount).sum());
    return ExitCode.OK.code;
  }

  /** Each site's issues under its key, then the totals. */
  private static void printBySite(PrintWriter out, List<IssueSummary> issues, Terminal term) {
    int titleWidth = Math.min(40, issues.stream().mapToInt(i -> i.title().length()).max().orElse(5));
    java.util.Map<String, List<IssueSummary>> bySite = issues.stream()
        .collect(Collectors.groupingBy(IssueSummary::site, java.util.TreeMap::new, Collectors.toList()));
    for (java.util.Map.Entry<String, List<IssueSummary>> site : bySite.entrySet()) {
      out.println(term.bold(site.getKey()));
      for (IssueSummary i : site.getValue()) {
        String line = String.format("  %4s  %s  %-10s  %8d  ", i.number() == null ? "" : i.number(),
            Terminal.pad(Terminal.fit(i.title(), titleWidth), titleWidth), date(i), i.articleCount());
        out.println(line + Terminal.fit(String.join(", ", i.sections()), Math.max(10, term.width() - line.length())));
      }
      out.printf("  %d issues, %d articles%n", site.getValue().size(),
          site.getValue().stream().mapToInt(IssueSummary::articleCount).sum());
    }
    out.printf("%d issues, %d articles in %d sites%n", issues.size(),
        issues.stream().mapToInt(IssueSummary::articleCount).sum(), bySite.size());
  }

  /** 2008-05, 2019-05,09 (several months), 2008 (none named), or blank. */
  private static String date(IssueSummary i) {
    if (i.year() == null) return "";
    if (i.months().isEmpty()) return i.year().toString();
    return i.year() + "-" + i.months().stream().map(m -> String.format("%02d", m)).collect(Collectors.joining(","));
  }
}
