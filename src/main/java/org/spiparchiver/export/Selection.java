package org.spiparchiver.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spiparchiver.index.ArticleSearcher;
import org.spiparchiver.index.SearchRequest;
import org.spiparchiver.index.SearchResult;
import org.spiparchiver.model.ArticleKey;

/**
 * Which articles an export takes: every record of the mirror (no index needed), or the hits of a
 * search (query and filters as in {@code search}), oldest first.
 */
public record Selection(String query, SearchRequest.Filters filters) {
  public Selection {
    query = query == null || query.isBlank() ? null : query.strip();
    filters = filters == null ? SearchRequest.Filters.NONE : filters;
  }

  public static final Selection ALL = new Selection(null, null);

  /** Whether the index must answer: a query or a filter that selects. */
  public boolean needsIndex() {
    return query != null || filters.selects();
  }

  /**
   * The articles to export, in order: each site's ascending ids for the whole mirror, publication
   * order for a search. The keys (not the records) are held: 100,000 articles cost a few megabytes.
   */
  public List<ArticleKey> keys(ExportPaths paths, Path indexDir) throws IOException {
    if (!needsIndex()) return paths.allKeys();
    try (ArticleSearcher searcher = ArticleSearcher.open(indexDir)) {
      SearchRequest count = new SearchRequest(query, filters, SearchRequest.Order.OLDEST, 0, 0, false);
      long total = searcher.count(count);
      if (total > SearchRequest.MAX_WINDOW) {
        throw new ExportException("the filters select " + total + " articles, more than "
            + SearchRequest.MAX_WINDOW + ": narrow them, or export without filters");
      }
      SearchResult result = searcher.search(
          new SearchRequest(query, filters, SearchRequest.Order.OLDEST, (int) total, 0, false));
      List<ArticleKey> keys = new ArrayList<>(result.hits().size());
      for (SearchResult.Hit h : result.hits()) keys.add(new ArticleKey(h.site(), h.id()));
      return keys;
    }
  }
}
