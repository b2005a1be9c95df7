package org.spiparchiver.serve;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.spiparchiver.index.SearchRequest;
import org.spiparchiver.index.SearchRequest.Filters;

/**
 * The search page's parameters as the URL holds them ({@code /search?q=…&issue=…&page=2}): the same
 * query and filters as {@code search}, so a search can be bookmarked and shared.
 */
public record SearchForm(Map<String, String> params) {
  /** Parameter names, in the order the URL lists them. */
  static final String[] NAMES = {"q", "issue", "year", "from", "to", "author", "lang", "section", "site", "removed", "sort", "page"};
  /** Hits per page: a screen of results with their snippets. */
  static final int PAGE_SIZE = 20;

  public SearchForm {
    Map<String, String> clean = new LinkedHashMap<>();
    for (String n : NAMES) {
      String v = params.get(n);
      if (v != null && !v.isBlank()) clean.put(n, v.strip());
    }
    params = Map.copyOf(clean);
  }

  static SearchForm read(Function<String, String> param) {
    Map<String, String> p = new LinkedHashMap<>();
    for (String n : NAMES) {
      String v = param.apply(n);
      if (v != null) p.put(n, v);
    }
    return new SearchForm(p);
  }

  public String get(String name) {
    return params.getOrDefault(name, "");
  }

  public boolean has(String name) {
    return params.containsKey(name);
  }

  public boolean includeRemoved() {
    return has("removed");
  }

  /** Whether there is anything to search: a query or a filter. */
  boolean empty() {
    return !has("q") && !has("issue") && !has("year") && !has("from") && !has("to") && !has("author") && !has("lang")
        && !has("section") && !has("site");
  }

  int page() {
    String p = get("page");
    return p.matches("\\d{1,6}") ? Math.max(1, Integer.parseInt(p)) : 1;
  }

  /** The request of this form, with facets; IllegalArgumentException naming the bad parameter. */
  SearchRequest request() {
    Integer year = null;
    if (has("year")) {
      if (!get("year").matches("\\d{4}")) throw new IllegalArgumentException("year: '" + get("year") + "' is not a year (YYYY)");
      year = Integer.valueOf(get("year"));
    }
    if (has("page") && !get("page").matches("[1-9]\\d{0,5}")) {
      throw new IllegalArgumentException("page: '" + get("page") + "' is not a page number");
    }
    if (has("site") && !org.spiparchiver.model.ArticleKey.SITE_KEY.matcher(get("site")).matches()) {
      throw new IllegalArgumentException("site: '" + get("site") + "' is not a site's key");
    }
    Filters filters = new Filters(get("issue"), year, day("from"), day("to"), get("author"), get("lang"), get("section"),
        includeRemoved(), get("site"));
    SearchRequest.Order order = has("sort") ? SearchRequest.Order.parse(get("sort")) : null;
    long offset = (long) (page() - 1) * PAGE_SIZE;
    if (offset + PAGE_SIZE > SearchRequest.MAX_WINDOW) {
      throw new IllegalArgumentException("page: at most " + SearchRequest.MAX_WINDOW / PAGE_SIZE + " pages are shown");
    }
    return new SearchRequest(get("q"), filters, order, PAGE_SIZE, (int) offset, true);
  }

  private LocalDate day(String name) {
    if (!has(name)) return null;
    try {
      return LocalDate.parse(get(name));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + ": '" + get(name) + "' is not a date (YYYY-MM-DD)");
    }
  }

  /** This form with one parameter set (null or blank removes it); a new filter starts again at page 1. */
  public SearchForm with(String name, String value) {
    Map<String, String> p = new LinkedHashMap<>(params);
    if (value == null || value.isBlank()) p.remove(name);
    else p.put(name, value);
    if (!name.equals("page")) p.remove("page");
    return new SearchForm(p);
  }

  public String url() {
    StringBuilder sb = new StringBuilder("/search");
    char sep = '?';
    for (String n : NAMES) {
      if (!params.containsKey(n)) continue;
      sb.append(sep).append(n).append('=').append(encode(params.get(n)));
      sep = '&';
    }
    return sb.toString();
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A search page URL for one filter (or query) alone: links from articles and issues. */
  public static String link(String name, String value) {
    return new SearchForm(Map.of()).with(name, value).url();
  }
}
