package org.spiparchiver.index;

import java.io.IOException;
import java.util.Arrays;
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
  private static final String[] TEXT_FIELDS =
      Analysis.allLanguages().stream().map(ArticleDocuments::textField).toArray(String[]::new);
  private static final int[] PASSAGES = Arrays.stream(TEXT_FIELDS).mapToInt(f -> SNIPPET_PASSAGES).toArray();

  private final UnifiedHighlighter highlighter;

  Snippets(IndexSearcher searcher, Analyzer analyzer) {
    this.highlighter = UnifiedHighlighter.builder(searcher, analyzer)
        .withFormatter(new DefaultPassageFormatter(String.valueOf(SearchResult.MARK_START),
            String.valueOf(SearchResult.MARK_END), " … ", false))
        .withHighlightPhrasesStrictly(true)
        .build();
  }

  /** One snippet per document (null when it has no text), in the order of {@code docIds}. */
  String[] of(Query query, int[] docIds) throws IOException {
    Map<String, String[]> byField = highlighter.highlightFields(TEXT_FIELDS, query, docIds, PASSAGES);
    String[] out = new String[docIds.length];
    for (int i = 0; i < docIds.length; i++) {
      for (String field : TEXT_FIELDS) { // an article has its text in the field of its one language
        String s = byField.get(field)[i];
        if (s != null) {
          out[i] = s.replaceAll("\\s+", " ").strip();
          break;
        }
      }
    }
    return out;
  }
}
