package org.spiparchiver.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.spiparchiver.index.SearchRequest.Filters;
import org.spiparchiver.index.SearchResult.FacetCount;
import org.spiparchiver.index.SearchResult.Hit;

/** Searches the active generation of an index directory; open one per command, close it after. */
public final class ArticleSearcher implements Closeable {
  /** Passages per snippet; each is a sentence of the text. */
  private static final int SNIPPET_PASSAGES = 2;
  /** Values listed per facet dimension: every issue, year and language; the main authors and sections. */
  private static final Map<String, Integer> FACET_SIZES = Map.of(
      ArticleDocuments.FACET_ISSUE, 1000, ArticleDocuments.FACET_YEAR, 1000, ArticleDocuments.FACET_LANG, 100,
      ArticleDocuments.FACET_AUTHOR, 20, ArticleDocuments.FACET_SECTION, 20);
  /** A reader may find CURRENT naming a generation a rebuild just deleted: it reads CURRENT again. */
  private static final int OPEN_ATTEMPTS = 3;
  private static final Set<String> HIT_FIELDS = Set.of(ArticleDocuments.ID, ArticleDocuments.URL,
      ArticleDocuments.TITLE, ArticleDocuments.AUTHOR, ArticleDocuments.PUBLISHED, ArticleDocuments.ISSUE_NUMBER,
      ArticleDocuments.ISSUE_TITLE, ArticleDocuments.SECTION, ArticleDocuments.LANG, ArticleDocuments.JSON_PATH,
      ArticleDocuments.REMOVED_AT);
  private static final String[] TEXT_FIELDS =
      Analysis.allLanguages().stream().map(ArticleDocuments::textField).toArray(String[]::new);

  private final Directory dir;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final Analyzer analyzer = Analysis.indexAnalyzer();
  private final Path generation;

  private ArticleSearcher(Path generation, Directory dir, DirectoryReader reader) {
    this.generation = generation;
    this.dir = dir;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
  }

  /** Opens the active generation; {@link IndexException.Reason#NO_INDEX} when there is none or it is empty. */
  public static ArticleSearcher open(Path indexDir) {
    IndexLayout layout = new IndexLayout(indexDir);
    for (int attempt = 1; ; attempt++) {
      Optional<Path> gen = layout.current();
      if (gen.isEmpty()) throw noIndex(indexDir);
      Directory dir = null;
      try {
        dir = FSDirectory.open(gen.get());
        DirectoryReader reader = DirectoryReader.open(dir);
        if (reader.numDocs() == 0) {
          reader.close();
          dir.close();
          throw noIndex(indexDir);
        }
        if (!ArticleDocuments.SCHEMA.equals(reader.getIndexCommit().getUserData().get(Indexer.SCHEMA_KEY))) {
          reader.close();
          dir.close();
          throw new IndexException(IndexException.Reason.NO_INDEX, "the index at " + indexDir
              + " was built by another version of spip-archiver: run `spip-archiver index` to rebuild it");
        }
        return new ArticleSearcher(gen.get(), dir, reader);
      } catch (IndexNotFoundException | NoSuchFileException e) {
        closeQuietly(dir);
        if (attempt == OPEN_ATTEMPTS) throw noIndex(indexDir);
      } catch (IOException e) {
        closeQuietly(dir);
        throw new UncheckedIOException(e);
      }
    }
  }

  private static IndexException noIndex(Path indexDir) {
    return new IndexException(IndexException.Reason.NO_INDEX,
        "no index at " + indexDir + ": run `spip-archiver crawl` or `spip-archiver index` first");
  }

  /** The generation directory this searcher reads. */
  public Path generation() {
    return generation;
  }

  /** Documents in the index, removed articles included. */
  public int size() {
    return reader.numDocs();
  }

  /** The Lucene query a request runs: the parsed query (or all documents) and the filters. */
  Query toQuery(SearchRequest request) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(request.query() == null ? new MatchAllDocsQuery() : ArticleQueryParser.parse(request.query(), analyzer),
        Occur.MUST);
    for (Query f : filters(request.filters())) b.add(f, Occur.FILTER);
    if (!request.filters().includeRemoved()) {
      b.add(new TermQuery(new Term(ArticleDocuments.REMOVED, "true")), Occur.MUST_NOT);
    }
    return b.build();
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

  /** Number of hits of a request, without fetching them. */
  public long count(SearchRequest request) {
    try {
      return searcher.count(toQuery(request));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public SearchResult search(SearchRequest request) {
    Query query = toQuery(request);
    int window = Math.max(1, request.offset() + request.limit());
    try {
      Sort sort = sort(request);
      TopDocs top;
      Map<String, List<FacetCount>> facets = Map.of();
      if (request.facets()) {
        FacetsCollectorManager.FacetsResult r =
            FacetsCollectorManager.search(searcher, query, window, sort, true, new FacetsCollectorManager());
        top = r.topDocs();
        facets = facets(r.facetsCollector());
      } else {
        top = searcher.search(query, window, sort, true);
      }
      long total = searcher.count(query);
      ScoreDoc[] page = request.limit() == 0 || top.scoreDocs.length <= request.offset()
          ? new ScoreDoc[0]
          : Arrays.copyOfRange(top.scoreDocs, request.offset(),
              Math.min(top.scoreDocs.length, request.offset() + request.limit()));
      return new SearchResult(total, hits(query, page), facets);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Sort sort(SearchRequest request) {
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

  private List<Hit> hits(Query query, ScoreDoc[] page) throws IOException {
    if (page.length == 0) return List.of();
    int[] docIds = Arrays.stream(page).mapToInt(sd -> sd.doc).toArray();
    Map<String, String[]> snippets = highlighter().highlightFields(TEXT_FIELDS, query, docIds,
        Arrays.stream(TEXT_FIELDS).mapToInt(f -> SNIPPET_PASSAGES).toArray());
    StoredFields stored = searcher.storedFields();
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < page.length; i++) {
      Document d = stored.document(page[i].doc, HIT_FIELDS);
      String snippet = null;
      for (String field : TEXT_FIELDS) {
        String s = snippets.get(field)[i];
        if (s != null) {
          snippet = s.replaceAll("\\s+", " ").strip();
          break;
        }
      }
      IndexableField number = d.getField(ArticleDocuments.ISSUE_NUMBER);
      hits.add(new Hit(Integer.parseInt(d.get(ArticleDocuments.ID)), d.get(ArticleDocuments.URL), page[i].score,
          d.get(ArticleDocuments.TITLE), Arrays.asList(d.getValues(ArticleDocuments.AUTHOR)),
          d.get(ArticleDocuments.PUBLISHED), number == null ? null : number.numericValue().intValue(),
          d.get(ArticleDocuments.ISSUE_TITLE), d.get(ArticleDocuments.SECTION), d.get(ArticleDocuments.LANG),
          snippet, d.get(ArticleDocuments.JSON_PATH), d.get(ArticleDocuments.REMOVED_AT)));
    }
    return hits;
  }

  private UnifiedHighlighter highlighter() {
    return UnifiedHighlighter.builder(searcher, analyzer)
        .withFormatter(new DefaultPassageFormatter(String.valueOf(SearchResult.MARK_START),
            String.valueOf(SearchResult.MARK_END), " … ", false))
        .withHighlightPhrasesStrictly(true)
        .build();
  }

  private Map<String, List<FacetCount>> facets(FacetsCollector fc) throws IOException {
    DefaultSortedSetDocValuesReaderState state =
        new DefaultSortedSetDocValuesReaderState(reader, ArticleDocuments.FACETS_CONFIG);
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

  private static final Pattern NUMBER = Pattern.compile("\\d+");

  private static int leadingNumber(String s) {
    Matcher m = NUMBER.matcher(s);
    return m.find() ? Integer.parseInt(m.group()) : Integer.MAX_VALUE;
  }

  /** Every issue named by an article, by number, with its article count and sections. */
  public List<IssueSummary> issues(boolean includeRemoved) {
    Map<String, IssueAcc> byTitle = new HashMap<>();
    BooleanQuery.Builder q = new BooleanQuery.Builder()
        .add(new FieldExistsQuery(ArticleDocuments.ISSUE_KEY), Occur.FILTER);
    if (!includeRemoved) q.add(new TermQuery(new Term(ArticleDocuments.REMOVED, "true")), Occur.MUST_NOT);
    try {
      // Doc values, not stored fields: a pass over 100 000 articles takes milliseconds, not seconds.
      for (Map.Entry<String, IssueAcc> e : searcher.search(q.build(), new IssueCollectorManager()).entrySet()) {
        byTitle.merge(e.getKey(), e.getValue(), IssueAcc::merge);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return byTitle.values().stream()
        .map(IssueAcc::summary)
        .sorted(Comparator.comparing(IssueSummary::number, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(IssueSummary::year, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(IssueSummary::title))
        .toList();
  }

  /** Articles by issue title, with their sections; one collector per slice of the index. */
  private static final class IssueCollectorManager
      implements CollectorManager<IssueCollector, Map<String, IssueAcc>> {
    @Override
    public IssueCollector newCollector() {
      return new IssueCollector();
    }

    @Override
    public Map<String, IssueAcc> reduce(Collection<IssueCollector> collectors) {
      Map<String, IssueAcc> out = new HashMap<>();
      for (IssueCollector c : collectors) c.byTitle.forEach((k, v) -> out.merge(k, v, IssueAcc::merge));
      return out;
    }
  }

  private static final class IssueCollector extends SimpleCollector {
    private static final Set<String> ISSUE_FIELDS = Set.of(ArticleDocuments.ISSUE_NUMBER,
        ArticleDocuments.ISSUE_YEAR, ArticleDocuments.ISSUE_MONTHS);
    final Map<String, IssueAcc> byTitle = new HashMap<>();
    private SortedDocValues issues;
    private SortedDocValues sections;
    private StoredFields stored;

    @Override
    protected void doSetNextReader(LeafReaderContext leaf) throws IOException {
      issues = DocValues.getSorted(leaf.reader(), ArticleDocuments.ISSUE_KEY);
      sections = DocValues.getSorted(leaf.reader(), ArticleDocuments.SECTION_KEY);
      stored = leaf.reader().storedFields();
    }

    @Override
    public void collect(int doc) throws IOException {
      if (!issues.advanceExact(doc)) return;
      String title = issues.lookupOrd(issues.ordValue()).utf8ToString();
      String section = sections.advanceExact(doc) ? sections.lookupOrd(sections.ordValue()).utf8ToString() : null;
      IssueAcc acc = byTitle.get(title);
      if (acc == null) { // the issue's number and months: from its first article
        acc = new IssueAcc(title, stored.document(doc, ISSUE_FIELDS));
        byTitle.put(title, acc);
      }
      acc.add(section);
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  private static final class IssueAcc {
    final String title;
    final Integer number;
    final Integer year;
    final List<Integer> months;
    int count;
    final Map<String, Integer> sections = new LinkedHashMap<>();

    IssueAcc(String title, Document d) {
      this.title = title;
      this.number = intOrNull(d.getField(ArticleDocuments.ISSUE_NUMBER));
      this.year = intOrNull(d.getField(ArticleDocuments.ISSUE_YEAR));
      String m = d.get(ArticleDocuments.ISSUE_MONTHS);
      this.months = m == null ? List.of() : Arrays.stream(m.split(",")).map(Integer::valueOf).toList();
    }

    void add(String section) {
      count++;
      // An article filed directly under the issue has the issue as its section: not a section of it.
      if (section != null && !section.equals(title)) sections.merge(section, 1, Integer::sum);
    }

    IssueAcc merge(IssueAcc other) {
      count += other.count;
      other.sections.forEach((k, v) -> sections.merge(k, v, Integer::sum));
      return this;
    }

    IssueSummary summary() {
      List<String> ordered = sections.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .map(Map.Entry::getKey)
          .toList();
      return new IssueSummary(number, title, year, months, count, ordered);
    }

    private static Integer intOrNull(IndexableField f) {
      return f == null ? null : f.numericValue().intValue();
    }
  }

  @Override
  public void close() throws IOException {
    try (dir; reader) {
      // closes both
    }
  }

  private static void closeQuietly(Directory dir) {
    if (dir == null) return;
    try {
      dir.close();
    } catch (IOException ignored) {
      // nothing was read from it
    }
  }
}
