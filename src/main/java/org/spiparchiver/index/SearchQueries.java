package org.spiparchiver.index;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.QueryBuilder;
import org.spiparchiver.index.SearchRequest.Filters;

/** The Lucene query and sort of a {@link SearchRequest}: the parsed query, the filters, removed articles. */
final class SearchQueries {
  private final Analyzer analyzer;

  SearchQueries(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** The parsed query (or all documents) and the filters; {@link IndexException.Reason#BAD_QUERY} when unreadable. */
  Query toQuery(SearchRequest request) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(request.query() == null ? new MatchAllDocsQuery() : ArticleQueryParser.parse(request.query(), analyzer),
        Occur.MUST);
    for (Query f : filters(request.filters())) b.add(f, Occur.FILTER);
    if (!request.filters().includeRemoved()) b.add(notRemoved(), Occur.MUST_NOT);
    // Over every site a republished article is one hit; one site's search shows that site's copy.
    if (request.filters().site() == null) b.add(laterCopies(), Occur.MUST_NOT);
    return b.build();
  }

  /** Matches the copies of republished articles that search does not show (they name the shown one). */
  static Query laterCopies() {
    return TermRangeQuery.newStringRange(ArticleDocuments.COPY_OF, null, null, true, true);
  }

  /** Matches one site's articles. */
  static Query site(String key) {
    return new TermQuery(new Term(ArticleDocuments.SITE, key));
  }

  /** Matches the articles marked removed (to exclude them). */
  static Query notRemoved() {
    return new TermQuery(new Term(ArticleDocuments.REMOVED, "true"));
  }

  private List<Query> filters(Filters f) {
    List<Query> out = new ArrayList<>();
    if (f.issue() != null) {
      out.add(f.issue().matches("\\d+")
          ? IntPoint.newExactQuery(ArticleDocuments.ISSUE_NUMBER, Integer.parseInt(f.issue()))
          : allWords(ArticleDocuments.ISSUE_TITLE, f.issue(), "--issue"));
    }
    if (f.year() != null) out.add(IntPoint.newExactQuery(ArticleDocuments.YEAR, f.year()));
    if (f.from() != null || f.to() != null) { // days as printed, whatever the time zone of the record
      int from = f.from() == null ? Integer.MIN_VALUE : Math.toIntExact(f.from().toEpochDay());
      int to = f.to() == null ? Integer.MAX_VALUE : Math.toIntExact(f.to().toEpochDay());
      out.add(IntPoint.newRangeQuery(ArticleDocuments.PUBLISHED_DAY, from, to));
    }
    if (f.author() != null) out.add(words(ArticleDocuments.AUTHOR, f.author(), "--author"));
    if (f.lang() != null) out.add(new TermQuery(new Term(ArticleDocuments.LANG, f.lang())));
    if (f.section() != null) out.add(words(ArticleDocuments.SECTION, f.section(), "--section"));
    if (f.site() != null) out.add(site(f.site()));
    return out;
  }

  /** The words of a name filter, in order, within one value ("garcia" finds "Ramón García Oliva"). */
  private Query words(String field, String text, String option) {
    Query q = new QueryBuilder(analyzer).createPhraseQuery(field, text);
    if (q == null) throw new IndexException(IndexException.Reason.BAD_QUERY, option + " '" + text + "' has no words");
    return q;
  }

  /** Every word of an issue filter, in any order ("mai 2008" finds "N°13. Mai/may/ 2008"). */
  private Query allWords(String field, String text, String option) {
    Query q = new QueryBuilder(analyzer).createBooleanQuery(field, text, Occur.MUST);
    if (q == null) throw new IndexException(IndexException.Reason.BAD_QUERY, option + " '" + text + "' has no words");
    return q;
  }

  /** Relevance (then newest, then id) with a query in relevance order; else by date, undated last. */
  static Sort sort(SearchRequest request) {
    boolean newest = request.order() != SearchRequest.Order.OLDEST; // relevance without a query: newest
    if (request.order() == SearchRequest.Order.RELEVANCE && request.query() != null) {
      return new Sort(SortField.FIELD_SCORE, dateField(true), idField(true));
    }
    return new Sort(dateField(newest), idField(newest));
  }

  /** Undated articles come last in both orders. */
  private static SortField dateField(boolean newest) {
    SortField f = new SortField(ArticleDocuments.PUBLISHED_MS, SortField.Type.LONG, newest);
    f.setMissingValue(newest ? Long.MIN_VALUE : Long.MAX_VALUE);
    return f;
  }

  private static SortField idField(boolean descending) {
    return new SortField(ArticleDocuments.ID_SORT, SortField.Type.INT, descending);
  }
}
