package org.spiparchiver.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.IndexReader;
import org.spiparchiver.index.SearchResult.FacetCount;

/** Hit counts by issue, year, author, language and section, from the facet doc values. */
final class Facets {
  /** Values listed per facet dimension: every issue, year, language and site; the main authors and sections. */
  private static final Map<String, Integer> FACET_SIZES = Map.of(
      ArticleDocuments.FACET_ISSUE, 1000, ArticleDocuments.FACET_YEAR, 1000, ArticleDocuments.FACET_LANG, 100,
      ArticleDocuments.FACET_AUTHOR, 20, ArticleDocuments.FACET_SECTION, 20, ArticleDocuments.FACET_SITE, 1000);
  private static final Pattern NUMBER = Pattern.compile("\\d+");
  /** Values {@link #values} lists at most: a dimension such as the sites is small; the queue is sized by it. */
  private static final int MAX_VALUES = 10_000;

  private final DefaultSortedSetDocValuesReaderState state;

  /** The ordinals' state is built once per reader: it costs a pass over the facet values. */
  Facets(IndexReader reader) throws IOException {
    this.state = new DefaultSortedSetDocValuesReaderState(reader, ArticleDocuments.FACETS_CONFIG);
  }

  /** Per dimension of {@link ArticleDocuments#FACETS}: most hits first; years in order, issues by number. */
  Map<String, List<FacetCount>> count(FacetsCollector fc) throws IOException {
    SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(state, fc);
    Map<String, List<FacetCount>> out = new LinkedHashMap<>();
    for (String dim : ArticleDocuments.FACETS) {
      List<FacetCount> values = new ArrayList<>();
      FacetResult r;
      try {
        r = counts.getTopChildren(FACET_SIZES.get(dim), dim);
      } catch (IllegalArgumentException notIndexed) { // no document has this dimension
        r = null;
      }
      if (r != null) {
        for (LabelAndValue lv : r.labelValues) values.add(new FacetCount(lv.label, lv.value.intValue()));
      }
      if (dim.equals(ArticleDocuments.FACET_YEAR)) values.sort(Comparator.comparing(FacetCount::value));
      if (dim.equals(ArticleDocuments.FACET_ISSUE)) {
        values.sort(Comparator.comparingInt((FacetCount c) -> leadingNumber(c.value())).thenComparing(FacetCount::value));
      }
      out.put(dim, values);
    }
    return out;
  }

  /** Every value of a dimension among the live documents, in order; empty when no document has it. */
  List<String> values(String dim) throws IOException {
    FacetResult r;
    try {
      r = new SortedSetDocValuesFacetCounts(state).getTopChildren(MAX_VALUES, dim);
    } catch (IllegalArgumentException notIndexed) {
      return List.of();
    }
    if (r == null) return List.of();
    return Arrays.stream(r.labelValues).map(lv -> lv.label).sorted().toList();
  }

  private static int leadingNumber(String s) {
    Matcher m = NUMBER.matcher(s);
    return m.find() ? Integer.parseInt(m.group()) : Integer.MAX_VALUE;
  }
}
