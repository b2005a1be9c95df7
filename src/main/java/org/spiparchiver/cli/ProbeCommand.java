package org.spiparchiver.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spiparchiver.crawl.Politeness;
import org.spiparchiver.crawl.SiteProbe;
import org.spiparchiver.model.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spip-archiver probe}: a few pages of the site fetched politely, and what the extractor finds on them. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = "Check a site before crawling it (or after a theme change): fetch robots.txt, the home page and a "
        + "few article pages, with the crawl's delay and robots rules, and say per article which template "
        + "was recognised and which fields were found. Writes nothing to the mirror.",
    footer = {
        "%nExit codes:",
        "  0  every sampled article has a title, a publication date and a text",
        "  1  some article lacks one of them (the output says which), or no article was found",
        "  2  usage or configuration error",
        "  4  site unreachable, or robots.txt forbids everything",
        "  5  internal error"})
public final class ProbeCommand implements Callable<Integer> {

  @CommandLine.ParentCommand
  Main root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--sample", paramLabel = "N", defaultValue = "5", description = "Article pages to fetch (default: ${DEFAULT-VALUE}).")
  int sample;

  @Option(names = "--json", description = "Print the result as JSON (for scripts).")
  boolean json;

  @Option(names = "--delay", paramLabel = "D", converter = CrawlCommand.DurationConverter.class,
      description = "Delay between requests (default: crawl.delay); robots.txt Crawl-delay still wins when larger.")
  Duration delay;

  @Override
  public Integer call() throws IOException {
    if (sample < 1) throw new UserException(ExitCode.USAGE, "--sample must be 1 or more");
    var config = root.config();
    CrawlCommand.quietLibraryWarnings(root);
    SiteProbe.Result result = new SiteProbe(config, root.siteUrl(), delay == null ? config.crawl().delay() : delay,
        Clock.systemUTC(), Politeness.Sleeper.SYSTEM).run(sample);
    PrintWriter out = spec.commandLine().getOut();
    ExitCode code = switch (result.outcome()) {
      case OK -> ExitCode.OK;
      case INCOMPLETE -> ExitCode.PARTIAL;
      case UNREACHABLE -> ExitCode.UNREACHABLE;
    };
    if (json) {
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
      out.flush();
      return code.code;
    }
    if (code == ExitCode.UNREACHABLE) throw new UserException(code, result.site() + ": " + result.reason());
    for (SiteProbe.ArticleProbe a : result.articles()) out.println(line(a));
    if (!result.articles().isEmpty()) out.println(summary(result.articles()));
    if (result.reason() != null) out.println(missing(result));
    out.flush();
    return code.code;
  }

  static String line(SiteProbe.ArticleProbe a) {
    if (a.note() != null) return a.url() + ": " + a.note();
    return a.url() + ": template " + a.template() + "; found " + String.join(", ", a.found())
        + (a.missing().isEmpty() ? "" : "; missing " + String.join(", ", a.missing()));
  }

  /** "template escal on 5/5 pages; title 5/5, published 5/5, …". */
  static String summary(List<SiteProbe.ArticleProbe> articles) {
    int n = articles.size();
    Map<String, Integer> templates = new LinkedHashMap<>();
    for (SiteProbe.ArticleProbe a : articles) {
      if (a.template() != null) templates.merge(a.template(), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    templates.forEach((t, c) -> parts.add(t + " on " + c + "/" + n + " pages"));
    StringBuilder sb = new StringBuilder("template ").append(parts.isEmpty() ? "none on " + n + " pages" : String.join(", ", parts));
    List<String> fields = new ArrayList<>();
    for (String f : SiteProbe.FIELDS) {
      long c = articles.stream().filter(a -> a.found().contains(f)).count();
      fields.add(f + " " + c + "/" + n);
    }
    return sb.append("; ").append(String.join(", ", fields)).toString();
  }

  private static String missing(SiteProbe.Result result) {
    List<String> lines = new ArrayList<>();
    for (SiteProbe.ArticleProbe a : result.articles()) {
      if (a.complete()) continue;
      List<String> lacks = a.note() != null ? List.of(a.note())
          : a.missing().stream().filter(SiteProbe.REQUIRED::contains).toList();
      lines.add("  " + a.url() + ": " + String.join(", ", lacks));
    }
    return result.reason() + (lines.isEmpty() ? "" : ":\n" + String.join("\n", lines));
  }
}
