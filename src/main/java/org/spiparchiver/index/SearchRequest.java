package org.spiparchiver.index;

import java.time.LocalDate;
import java.util.Locale;

/**
 * A search: an optional query in the query syntax of {@link ArticleQueryParser}, filters, order and
 * page.
 *
 * @param query null or blank to list the articles the filters select
 * @param order null for the default: relevance with a query, newest first without
 * @param limit hits to return (0 for counts and facets only)
 * @param facets whether to count hits by issue, year, author, language and section
 */
public record SearchRequest(String query, Filters filters, Order order, int limit, int offset, boolean facets) {
  /** Upper bound of {@code limit + offset}: deeper pages are not a terminal use, and cost memory. */
  public static final int MAX_WINDOW = 100_000;

  public SearchRequest {
    query = query == null || query.isBlank() ? null : query.strip();
    filters = filters == null ? Filters.NONE : filters;
    if (limit < 0) throw new IllegalArgumentException("--limit must be 0 or more: " + limit);
    if (offset < 0) throw new IllegalArgumentException("--offset must be 0 or more: " + offset);
    if ((long) limit + offset > MAX_WINDOW) {
      throw new IllegalArgumentException("--limit plus --offset must not exceed " + MAX_WINDOW);
    }
    if (order == null) order = query == null ? Order.NEWEST : Order.RELEVANCE;
  }

  public static SearchRequest of(String query) {
    return new SearchRequest(query, Filters.NONE, null, 20, 0, false);
  }

  /** Result order: {@code relevance}, {@code date} (oldest first) or {@code -date} (newest first). */
  public enum Order {
    RELEVANCE("relevance"), OLDEST("date"), NEWEST("-date");

    public final String label;

    Order(String label) {
      this.label = label;
    }

    public static Order parse(String s) {
      for (Order o : values()) if (o.label.equals(s.trim().toLowerCase(Locale.ROOT))) return o;
      throw new IllegalArgumentException("--sort must be relevance, date or -date, not '" + s + "'");
    }
  }

  /**
   * Restrictions on the hits; null means no restriction.
   *
   * @param issue an issue number ("13") or words of its title, in any order ("mai 2008")
   * @param author words of an author's name, in order ("garcia", "Ramón García")
   * @param section words of the section title
   * @param from first publication day, inclusive
   * @param to last publication day, inclusive
   * @param includeRemoved whether articles the site no longer serves are included
   * @param site the key of one of the archive's sites; null for all (each republished article once)
   */
  public record Filters(String issue, Integer year, LocalDate from, LocalDate to, String author, String lang,
      String section, boolean includeRemoved, String site) {
    public static final Filters NONE = new Filters(null, null, null, null, null, null, null, false);

    /** Filters over every site. */
    public Filters(String issue, Integer year, LocalDate from, LocalDate to, String author, String lang,
        String section, boolean includeRemoved) {
      this(issue, year, from, to, author, lang, section, includeRemoved, null);
    }

    public Filters {
      site = blankToNull(site);
      issue = blankToNull(issue);
      author = blankToNull(author);
      lang = lang == null || lang.isBlank() ? null : lang.strip().toLowerCase(Locale.ROOT);
      section = blankToNull(section);
      if (from != null && to != null && from.isAfter(to)) {
        throw new IllegalArgumentException("--from " + from + " is after --to " + to);
      }
    }

    /** These filters restricted to one site (null: all). */
    public Filters withSite(String key) {
      return new Filters(issue, year, from, to, author, lang, section, includeRemoved, key);
    }

    /** Whether a filter selects articles (including removed ones does not). */
    public boolean selects() {
      return issue != null || year != null || from != null || to != null || author != null || lang != null
          || section != null || site != null;
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.strip();
    }
  }
}
