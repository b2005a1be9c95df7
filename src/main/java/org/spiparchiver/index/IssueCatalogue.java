package org.spiparchiver.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/** The issues named by the articles of an index, with their article counts and sections. */
final class IssueCatalogue {
  private IssueCatalogue() {}

  /**
   * Every issue named by an article, by number (then site), with its article count and sections; a
   * site's issue counts every article of that site, republished or not. {@code site} null for all sites.
   */
  static List<IssueSummary> issues(IndexSearcher searcher, boolean includeRemoved, String site) {
    Map<String, IssueAcc> byTitle = new HashMap<>();
    BooleanQuery.Builder q = new BooleanQuery.Builder()
        .add(new FieldExistsQuery(ArticleDocuments.ISSUE_KEY), Occur.FILTER);
    if (!includeRemoved) q.add(SearchQueries.notRemoved(), Occur.MUST_NOT);
    if (site != null) q.add(SearchQueries.site(site), Occur.FILTER);
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
            .thenComparing(IssueSummary::title)
            .thenComparing(IssueSummary::site))
        .toList();
  }

  /** Articles by site and issue title, with their sections; one collector per slice of the index. */
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
    private SortedDocValues sites;
    private StoredFields stored;

    @Override
    protected void doSetNextReader(LeafReaderContext leaf) throws IOException {
      issues = DocValues.getSorted(leaf.reader(), ArticleDocuments.ISSUE_KEY);
      sections = DocValues.getSorted(leaf.reader(), ArticleDocuments.SECTION_KEY);
      sites = DocValues.getSorted(leaf.reader(), ArticleDocuments.SITE_KEY);
      stored = leaf.reader().storedFields();
    }

    @Override
    public void collect(int doc) throws IOException {
      if (!issues.advanceExact(doc)) return;
      String title = issues.lookupOrd(issues.ordValue()).utf8ToString();
      String section = sections.advanceExact(doc) ? sections.lookupOrd(sections.ordValue()).utf8ToString() : null;
      String site = sites.advanceExact(doc) ? sites.lookupOrd(sites.ordValue()).utf8ToString() : "";
      String key = site + '\u0000' + title;
      IssueAcc acc = byTitle.get(key);
      if (acc == null) { // the issue's number and months: from its first article
        acc = new IssueAcc(site, title, stored.document(doc, ISSUE_FIELDS));
        byTitle.put(key, acc);
      }
      acc.add(section);
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  private static final class IssueAcc {
    final String site;
    final String title;
    final Integer number;
    final Integer year;
    final List<Integer> months;
    int count;
    final Map<String, Integer> sections = new LinkedHashMap<>();

    IssueAcc(String site, String title, Document d) {
      this.site = site;
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
      return new IssueSummary(number, title, year, months, count, ordered, site);
    }

    private static Integer intOrNull(IndexableField f) {
      return f == null ? null : f.numericValue().intValue();
    }
  }
}
