package org.spiparchiver.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.spiparchiver.index.IssueSummary;
import org.spiparchiver.index.SearchRequest;
import org.spiparchiver.index.SearchResult;
import org.spiparchiver.index.SearchResult.FacetCount;
import org.spiparchiver.serve.Views.FacetGroup;
import org.spiparchiver.serve.Views.FacetValue;
import org.spiparchiver.serve.Views.Hit;
import org.spiparchiver.serve.Views.Link;
import org.spiparchiver.serve.Views.Segment;

/** Search results, facets, issue list and issue page as views. */
final class SearchPages {
  /** Facet dimension → the search parameter its values set, and its heading. */
  private static final Map<String, String[]> FACETS = new LinkedHashMap<>();
  private static final Pattern ISSUE_NUMBER = Pattern.compile("^N\\s*°\\s*(\\d+)");

  static {
    FACETS.put("issue", new String[] {"issue", "Issue"});
    FACETS.put("year", new String[] {"year", "Year"});
    FACETS.put("author", new String[] {"author", "Author"});
    FACETS.put("lang", new String[] {"lang", "Language"});
    FACETS.put("section", new String[] {"section", "Section"});
    FACETS.put("site", new String[] {"site", "Site"});
  }

  private SearchPages() {}

  static Views.Search empty(SearchForm form, String error) {
    return new Views.Search(form, error, -1, 0, 0, List.of(), List.of(), active(form), null, null, sorts(form));
  }

  /** {@code multiSite}: the archive has several sites (hits and links name theirs, a facet by site). */
  static Views.Search results(SearchForm form, SearchRequest request, SearchResult result, boolean multiSite) {
    List<Hit> hits = result.hits().stream().map(h -> hit(h, multiSite)).toList();
    int first = request.offset() + 1;
    int last = request.offset() + hits.size();
    String previous = request.offset() > 0 ? form.with("page", String.valueOf(form.page() - 1)).url() : null;
    String next = last < result.total() && last + SearchForm.PAGE_SIZE <= SearchRequest.MAX_WINDOW
        ? form.with("page", String.valueOf(form.page() + 1)).url() : null;
    return new Views.Search(form, null, result.total(), first, last, hits, facets(form, result, multiSite), active(form),
        previous, next, sorts(form));
  }

  private static List<FacetGroup> facets(SearchForm form, SearchResult result, boolean multiSite) {
    List<FacetGroup> out = new ArrayList<>();
    for (Map.Entry<String, String[]> f : FACETS.entrySet()) {
      List<FacetCount> counts = result.facets().getOrDefault(f.getKey(), List.of());
      if (counts.isEmpty() || f.getKey().equals("site") && !multiSite) continue;
      String param = f.getValue()[0];
      List<FacetValue> values = new ArrayList<>();
      for (FacetCount c : counts) {
        String value = param.equals("issue") ? issueFilter(c.value()) : c.value();
        boolean active = value.equals(form.get(param));
        values.add(new FacetValue(c.value(), c.count(), form.with(param, active ? null : value).url(), active));
      }
      out.add(new FacetGroup(f.getValue()[1], values));
    }
    return out;
  }

  /** An issue facet value as a filter: its number when its title starts with one ("N°13. Mai…"), else the title. */
  static String issueFilter(String title) {
    Matcher m = ISSUE_NUMBER.matcher(title);
    return m.find() ? m.group(1) : title;
  }

  /** The filters in force, each with the link that removes it. */
  private static List<Link> active(SearchForm form) {
    List<Link> out = new ArrayList<>();
    for (String n : new String[] {"issue", "year", "from", "to", "author", "lang", "section", "site"}) {
      if (form.has(n)) out.add(new Link(n + ": " + form.get(n), form.with(n, null).url()));
    }
    if (form.includeRemoved()) out.add(new Link("removed articles included", form.with("removed", null).url()));
    return out;
  }

  private static List<Link> sorts(SearchForm form) {
    List<Link> out = new ArrayList<>();
    for (SearchRequest.Order o : SearchRequest.Order.values()) {
      String label = switch (o) {
        case RELEVANCE -> "relevance";
        case OLDEST -> "oldest first";
        case NEWEST -> "newest first";
      };
      out.add(new Link(label, form.with("sort", o.label).url()));
    }
    return out;
  }

  /** {@code multiSite}: the archive has several sites, so links name the hit's. */
  static Hit hit(SearchResult.Hit h, boolean multiSite) {
    Link issue = h.issueTitle() == null ? null : new Link(h.issueTitle(), ArticlePages.issueUrl(h.issueNumber(), h.issueTitle()));
    return new Hit(h.id(), h.title() == null ? "(untitled)" : h.title(), ArticlePages.articleUrl(h.id(), multiSite ? h.site() : null),
        h.published() == null ? null : h.published().substring(0, Math.min(10, h.published().length())),
        String.join(", ", h.authors()), issue, h.section(), h.lang(), segments(h.snippet()),
        h.removedAt() == null ? null : h.removedAt().substring(0, Math.min(10, h.removedAt().length())),
        multiSite ? h.site() : null, h.also().stream().map(SearchPages::copyLink).toList());
  }

  /** A copy on another site ({@code site:id}): its page here. */
  private static Link copyLink(String key) {
    int colon = key.lastIndexOf(':');
    return new Link(key, ArticlePages.articleUrl(Integer.parseInt(key.substring(colon + 1)), key.substring(0, colon)));
  }

  /** A snippet's text split at the match marks. */
  static List<Segment> segments(String marked) {
    if (marked == null) return List.of();
    List<Segment> out = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    boolean inMark = false;
    for (int i = 0; i < marked.length(); i++) {
      char c = marked.charAt(i);
      if (c == SearchResult.MARK_START || c == SearchResult.MARK_END) {
        if (run.length() > 0) out.add(new Segment(run.toString(), inMark));
        run.setLength(0);
        inMark = c == SearchResult.MARK_START;
      } else {
        run.append(c);
      }
    }
    if (run.length() > 0) out.add(new Segment(run.toString(), inMark));
    return out;
  }

  static Views.IssueRow row(IssueSummary i, String cover) {
    String date = i.year() == null ? "" : i.months().isEmpty() ? i.year().toString()
        : i.year() + "-" + i.months().stream().map(m -> String.format("%02d", m)).collect(Collectors.joining(","));
    List<Link> sections = i.sections().stream().map(s -> new Link(s, SearchForm.link("section", s))).toList();
    return new Views.IssueRow(i.number(), i.title(), date, i.articleCount(), sections,
        ArticlePages.issueUrl(i.number(), i.title()), cover);
  }

  /** An issue's articles grouped by section, in the order of the issue's sections (most articles first). */
  static Views.IssuePage issuePage(Views.IssueRow issue, List<SearchResult.Hit> articles) {
    Map<String, List<Hit>> bySection = new LinkedHashMap<>();
    for (Link s : issue.sections()) bySection.put(s.label(), new ArrayList<>());
    for (SearchResult.Hit h : articles) {
      String section = h.section() == null || h.section().equals(issue.title()) ? "" : h.section();
      // A bare id reaches the article wherever it is unique across the sites.
      bySection.computeIfAbsent(section, k -> new ArrayList<>()).add(hit(h, false));
    }
    List<Views.IssueSection> out = new ArrayList<>();
    List<Hit> direct = bySection.remove("");
    if (direct != null && !direct.isEmpty()) out.add(new Views.IssueSection("", direct));
    bySection.forEach((k, v) -> {
      if (!v.isEmpty()) out.add(new Views.IssueSection(k, v));
    });
    return new Views.IssuePage(issue, out);
  }
}
