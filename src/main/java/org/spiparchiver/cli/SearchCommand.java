package org.spiparchiver.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spiparchiver.index.ArticleSearcher;
import org.spiparchiver.index.IndexException;
import org.spiparchiver.index.SearchRequest;
import org.spiparchiver.index.SearchRequest.Filters;
import org.spiparchiver.index.SearchResult;
import org.spiparchiver.index.SearchResult.FacetCount;
import org.spiparchiver.index.SearchResult.Hit;
import org.spiparchiver.model.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spip-archiver search [QUERY]}: finds articles in the index. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Search the archived articles, in every language at once.",
        "",
        "Query syntax: words (all must match; accents and word endings do not matter, so 'greve' finds "
            + "'grèves'), \"exact phrase\", a OR b, -excluded, prefix*, and fields: title:, text:, "
            + "author:, keyword:, section:, issue: (number or title words), lang:, year:.",
        "Without QUERY, the articles the filters select are listed, newest first.",
        ""},
    footer = {"%nExamples:",
        "  spip-archiver search 'autogestion -argentine'",
        "  spip-archiver search '\"mutual aid\"' --lang en --json | jq -r .url",
        "  spip-archiver search --issue 13 --sort date",
        "  spip-archiver search grève --facets --limit 0",
        "%nExit codes: 0 done (even with no hit), 2 bad query or options, or no index yet."})
public final class SearchCommand implements Callable<Integer> {
  /** Authors beyond this width are cut: the title matters more on a line. */
  private static final int AUTHOR_WIDTH = 24;

  @CommandLine.ParentCommand
  Main root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "QUERY", description = "The query; several words need no quotes.")
  List<String> query;

  @CommandLine.Mixin
  FilterOptions filterOptions;

  @Option(names = "--sort", paramLabel = "ORDER",
      description = "relevance (default with a query), date (oldest first) or -date (newest first, default without).")
  String sort;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Hits to print (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--offset", paramLabel = "M", defaultValue = "0", description = "Hits to skip first, for the next pages.")
  int offset;

  @Option(names = "--count", description = "Print the number of hits only.")
  boolean count;

  @Option(names = "--facets", description = "Also print hit counts by issue, year, author, language, section and site.")
  boolean facets;

  @Option(names = "--json", description = "JSON Lines: one object per hit (with --facets, a last line with the counts).")
  boolean json;

  @Override
  public Integer call() {
    String q = query == null ? null : String.join(" ", query);
    SearchRequest request;
    try {
      Filters filters = filterOptions.filters().withSite(SiteSelection.key(root));
      request = new SearchRequest(q, filters, sort == null ? null : SearchRequest.Order.parse(sort), limit, offset,
          facets);
      if (request.query() == null && !filters.selects()) {
        throw new UserException(ExitCode.USAGE,
            "give a QUERY or a filter (--issue, --year, --from, --to, --author, --lang, --section)");
      }
    } catch (IllegalArgumentException e) {
      throw new UserException(ExitCode.USAGE, e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    try (ArticleSearcher searcher = ArticleSearcher.open(root.config().paths().index())) {
      if (count) {
        out.println(searcher.count(request));
        return ExitCode.OK.code;
      }
      SearchResult result = searcher.search(request);
      if (json) {
        printJson(out, result, searcher.sites().size() > 1);
      } else {
        printTable(out, request, result, searcher.sites().size() > 1, Terminal.detect());
      }
      return ExitCode.OK.code;
    } catch (IndexException e) {
      throw userError(e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The exit code of an index or search failure. */
  static UserException userError(IndexException e) {
    ExitCode code = e.reason() == IndexException.Reason.LOCKED ? ExitCode.LOCKED : ExitCode.USAGE;
    return new UserException(code, e.getMessage(), e);
  }

  /**
   * A hit as printed by {@code --json}; names in snake_case by the shared mapper. {@code site} where
   * the index holds several sites, {@code also} (the copies on other sites) when there are any.
   */
  record JsonHit(int id, String url, float score, String title, List<String> authors, String published,
      IssueRef issue, String section, String lang, String snippet, String jsonPath, String pagePath,
      String removedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String site,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> also) {}

  record IssueRef(Integer number, String title) {}

  record JsonFacets(long total, Map<String, List<FacetCount>> facets) {}

  private void printJson(PrintWriter out, SearchResult result, boolean multiSite) {
    try {
      for (Hit h : result.hits()) {
        IssueRef issueRef = h.issueTitle() == null ? null : new IssueRef(h.issueNumber(), h.issueTitle());
        out.println(Json.mapper().writeValueAsString(new JsonHit(h.id(), h.url(), h.score(), h.title(), h.authors(),
            h.published(), issueRef, h.section(), h.lang(), SearchResult.plain(h.snippet()), h.jsonPath(),
            pagePath(h.url()), h.removedAt(), multiSite ? h.site() : null, h.also())));
      }
      if (facets) out.println(Json.mapper().writeValueAsString(new JsonFacets(result.total(), result.facets())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("records always serialise", e);
    }
  }

  /** The article's page in the mirror's offline copy, when the crawl wrote one. */
  private String pagePath(String url) {
    return org.spiparchiver.mirror.site.ArticlePages.existing(root.config().paths().mirror(), url)
        .map(java.nio.file.Path::toString).orElse(null);
  }

  /** {@code multiSite}: ids are printed {@code site:id}, and copies on other sites named. */
  private void printTable(PrintWriter out, SearchRequest request, SearchResult result, boolean multiSite, Terminal term) {
    String what = request.query() == null ? "" : " '" + request.query() + "'";
    if (result.total() == 0) {
      out.println("no article matches" + what);
    } else if (result.hits().isEmpty()) {
      out.printf("%d articles match%s%n", result.total(), what);
    } else {
      int first = request.offset() + 1;
      int last = request.offset() + result.hits().size();
      String more = last < result.total() ? " (next page: --offset " + last + ")" : "";
      out.printf("%d article%s match%s%s; %d-%d shown%s%n", result.total(), result.total() == 1 ? "" : "s",
          result.total() == 1 ? "es" : "", what, first, last, more);
    }
    java.util.function.Function<Hit, String> label = h -> multiSite ? h.key() : Integer.toString(h.id());
    int idWidth = result.hits().stream().mapToInt(h -> label.apply(h).length()).max().orElse(1);
    int authorWidth = Math.min(Math.min(AUTHOR_WIDTH, term.width() / 5),
        result.hits().stream().mapToInt(h -> String.join(", ", h.authors()).length()).max().orElse(0));
    int indent = idWidth + 2;
    // id  date  issue  title  authors: the title takes what the other columns leave.
    int titleWidth = Math.max(10, term.width() - indent - 10 - 2 - 5 - 2 - 2 - authorWidth);
    for (Hit h : result.hits()) {
      String date = h.published() == null ? "----------" : h.published().substring(0, 10);
      String issueNo = h.issueNumber() == null ? "" : "N°" + h.issueNumber();
      String title = (h.title() == null ? "(untitled)" : h.title())
          + (h.removedAt() != null ? " [removed " + h.removedAt().substring(0, 10) + "]" : "");
      out.println(term.bold(String.format("%" + idWidth + "s", label.apply(h))) + "  " + date + "  "
          + String.format("%-5s", issueNo) + "  " + term.bold(Terminal.pad(Terminal.fit(title, titleWidth), titleWidth))
          + "  " + Terminal.fit(String.join(", ", h.authors()), authorWidth));
      if (h.snippet() != null) out.println(" ".repeat(indent) + term.snippet(h.snippet(), term.width() - indent));
      if (!h.also().isEmpty()) out.println(" ".repeat(indent) + "also in: " + String.join(", ", h.also()));
    }
    if (facets) printFacets(out, result, term);
  }

  private static void printFacets(PrintWriter out, SearchResult result, Terminal term) {
    for (Map.Entry<String, List<FacetCount>> dim : result.facets().entrySet()) {
      if (dim.getValue().isEmpty()) continue;
      out.println();
      out.println(term.bold(dim.getKey()));
      int width = dim.getValue().stream().mapToInt(c -> c.value().length()).max().orElse(0);
      width = Math.min(width, term.width() - 12);
      for (FacetCount c : dim.getValue()) {
        out.printf("  %s  %6d%n", Terminal.pad(Terminal.fit(c.value(), width), width), c.count());
      }
    }
  }
}
