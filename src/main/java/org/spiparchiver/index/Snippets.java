package org.spiparchiver.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/** The best passages of each hit's text, matched words between {@link SearchResult#MARK_START} and MARK_END. */
final class Snippets {
  /** Passages per snippet; each is a sentence of the text. */
  private static final int SNIPPET_PASSAGES = 2;

  private final UnifiedHighlighter highlighter;

  Snippets(IndexSearcher searcher, Analyzer analyzer) {
    this.highlighter = UnifiedHighlighter.builder(searcher, analyzer)
        .withFormatter(new DefaultPassageFormatter(String.valueOf(SearchResult.MARK_START),
            String.valueOf(SearchResult.MARK_END), " … ", false))
        .withHighlightPhrasesStrictly(true)
        .build();
  }

  /**
   * One snippet per document (null when it has no text), in the order of {@code docIds}. An article's
   * text is in the field of its one language ({@code fields[i]}): each field is highlighted for its
   * own documents only, so a page of French articles does not load and analyse them six more times.
   */
  String[] of(Query query, int[] docIds, String[] fields) throws IOException {
    String[] out = new String[docIds.length];
    Map<String, List<Integer>> byField = new LinkedHashMap<>();
    for (int i = 0; i < docIds.length; i++) byField.computeIfAbsent(fields[i], f -> new ArrayList<>()).add(i);
    for (Map.Entry<String, List<Integer>> e : byField.entrySet()) {
      List<Integer> at = e.getValue();
      int[] ids = at.stream().mapToInt(i -> docIds[i]).toArray();
      String[] found = highlighter.highlightFields(new String[] {e.getKey()}, query, ids,
          new int[] {SNIPPET_PASSAGES}).get(e.getKey());
      for (int k = 0; k < at.size(); k++) {
        if (found[k] != null) out[at.get(k)] = found[k].replaceAll("\\s+", " ").strip();
      }
    }
    return out;
  }
}
