package org.spiparchiver.index;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SearchRequest}.
 *
 * @param total every hit, not only this page
 * @param facets by dimension ({@link ArticleDocuments#FACETS}), empty unless asked for
 */
public record SearchResult(long total, List<Hit> hits, Map<String, List<FacetCount>> facets) {
  /** Marks the matched words in {@link Hit#snippet()}; renderers replace them (colour, asterisks, nothing). */
  public static final char MARK_START = '\u0002';
  public static final char MARK_END = '\u0003';

  public SearchResult {
    hits = List.copyOf(hits);
    facets = Map.copyOf(facets);
  }

  /**
   * One article found.
   *
   * @param score relevance (also computed when sorted by date)
   * @param snippet the best passages of the text, matched words between {@link #MARK_START} and
   *     {@link #MARK_END}; the beginning of the text when only the title or metadata matched
   * @param jsonPath local path of the article's JSON record
   * @param removedAt when the site stopped serving it, else null
   * @param site the key of the archive's site it belongs to
   * @param also the keys ({@code site:id}) of its copies on other sites, when it was republished
   */
  public record Hit(int id, String url, float score, String title, List<String> authors, String published,
      Integer issueNumber, String issueTitle, String section, String lang, String snippet, String jsonPath,
      String removedAt, String site, List<String> also) {
    public Hit {
      authors = List.copyOf(authors);
      also = also == null ? List.of() : List.copyOf(also);
    }

    /** {@code site:id}. */
    public String key() {
      return site + ":" + id;
    }
  }

  public record FacetCount(String value, int count) {}

  /** The snippet without marks. */
  public static String plain(String snippet) {
    return snippet == null ? null : snippet.replace(String.valueOf(MARK_START), "").replace(String.valueOf(MARK_END), "");
  }
}
