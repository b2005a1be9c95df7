package org.spiparchiver.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spiparchiver.index.SearchRequest.Filters;
import org.spiparchiver.index.SearchResult.FacetCount;
import org.spiparchiver.index.SearchResult.Hit;
import org.spiparchiver.model.Article;

/** Queries over the fixture sites' articles, with answers read from their ground truth. */
class ArticleSearcherTest {
  @TempDir
  static Path dir;
  static List<Article> articles;
  static ArticleSearcher searcher;

  @BeforeAll
  static void buildIndex() throws IOException {
    articles = TruthArticles.all();
    TruthArticles.writeMirror(dir.resolve("mirror"), articles);
    new Indexer(dir.resolve("mirror"), dir.resolve("index")).update();
    searcher = ArticleSearcher.open(dir.resolve("index"));
  }

  @AfterAll
  static void close() throws IOException {
    searcher.close();
  }

  static SearchResult search(String query) {
    return searcher.search(new SearchRequest(query, null, null, 1000, 0, false));
  }

  static Set<Integer> ids(String query) {
    return ids(new SearchRequest(query, null, null, 1000, 0, false));
  }

  static Set<Integer> ids(SearchRequest request) {
    return searcher.search(request).hits().stream().map(Hit::id).collect(Collectors.toSet());
  }

  static Set<Integer> truth(Predicate<Article> p) {
    return articles.stream().filter(p).map(Article::id).collect(Collectors.toSet());
  }

  @Test
  void indexesEveryPublicArticle() {
    assertThat(articles).hasSizeGreaterThan(150);
    assertThat(searcher.size()).isEqualTo(articles.size());
  }

  @Test
  void wordWithoutAccentsFindsAccentedWord() {
    Set<Integer> titled = truth(a -> a.title().toLowerCase().matches(".*\\bgrèves?\\b.*"));
    assertThat(titled).hasSizeGreaterThan(5);
    assertThat(ids("greve")).isEqualTo(ids("grève")).containsAll(titled);
    assertThat(ids("revolution")).contains(1243); // « 1910 : la révolution mexicaine a cent ans »
  }

  @Test
  void pluralFindsSingular() {
    assertThat(ids("grèves")).isEqualTo(ids("grève"));
  }

  @Test
  void elidedArticleIsIgnored() {
    assertThat(ids("autogestion")).isNotEmpty();
    assertThat(ids("l'autogestion")).isEqualTo(ids("autogestion"));
    assertThat(ids("l’autogestion")).isEqualTo(ids("autogestion")); // typographic apostrophe
    assertThat(ids("entraide")).contains(833); // « Relire « L'Entraide » de Kropotkine »
  }

  @Test
  void oneQueryFindsArticlesInEveryLanguage() {
    SearchResult r = search("kropotkine OR kropotkin");
    assertThat(r.hits()).extracting(Hit::lang).containsExactlyInAnyOrder("fr", "en");
    assertThat(ids("syndicats OR unions OR sindicatos")).extracting(id -> langOf(id)).contains("fr", "en", "es", "pt");
  }

  private static String langOf(int id) {
    return articles.stream().filter(a -> a.id() == id).findFirst().orElseThrow().lang();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      kropotkine                 | 833
      "révolution mexicaine"     | 1243
      métallurgistes Havre       | 849
      mutual aid rockaways       | 1328
      """)
  void titleMatchComesFirst(String query, int topId) {
    assertThat(search(query).hits().get(0).id()).isEqualTo(topId);
  }

  @Test
  void phraseMatchesWordsInOrderOnly() {
    assertThat(ids("\"mutual aid\"")).containsExactlyInAnyOrder(1328, 803, 833);
    assertThat(ids("\"aid mutual\"")).isEmpty();
    assertThat(ids("\"la révolution mexicaine\"")).containsExactly(1243); // stop word inside a phrase
  }

  @Test
  void everyWordIsRequiredUnlessOr() {
    Set<Integer> both = ids("mutual kropotkin");
    assertThat(both).containsExactlyInAnyOrder(803, 833); // 833 cites Mutual Aid Today
    assertThat(ids("mutual OR kropotkin")).containsAll(ids("mutual")).containsAll(ids("kropotkin"));
  }

  @Test
  void stopWordsDoNotExcludeOtherLanguages() {
    // "la" is a French stop word but not an English one: it must not make French articles unreachable.
    assertThat(ids("la grève")).isEqualTo(ids("grève"));
  }

  @Test
  void exclusionAndPrefix() {
    assertThat(ids("kropotkine OR kropotkin -entraide")).containsExactly(803);
    assertThat(ids("kropo*")).containsExactlyInAnyOrder(833, 803);
    assertThat(search("-anarchisme").total()).isEqualTo(articles.size() - search("anarchisme").total());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      title:grève          | title
      author:garcia        | author
      keyword:autogestion  | keyword
      section:livres       | section
      issue:13             | issue
      lang:en              | lang
      year:2008            | year
      issue:"Octobre/october/ 2010" | issue-title
      """)
  void fieldQueriesMatchTheTruth(String query, String kind) {
    Predicate<Article> expected = switch (kind) {
      case "title" -> a -> a.title().toLowerCase().matches(".*\\bgr[eè]ves?\\b.*"); // pt: greve
      case "author" -> a -> a.authors().stream().anyMatch(n -> n.contains("García"));
      case "keyword" -> a -> a.keywords().contains("Autogestion");
      case "section" -> a -> a.section() != null && a.section().contains("Livres");
      case "issue" -> a -> a.issue() != null && a.issue().number() == 13;
      case "issue-title" -> a -> a.issue() != null && a.issue().title().contains("Octobre/october/ 2010");
      case "lang" -> a -> a.lang().equals("en");
      case "year" -> a -> a.published().startsWith("2008");
      default -> throw new IllegalArgumentException(kind);
    };
    assertThat(truth(expected)).isNotEmpty();
    assertThat(ids(query)).isEqualTo(truth(expected));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      issue   | 13
      issue   | Octobre/october/ 2010
      issue   | mai 2008
      year    | 2010
      lang    | PT
      author  | Ramón García Oliva
      author  | garcia
      section | Cinéma
      dates   | 2008-01-01..2008-06-30
      """)
  void filtersSelectTheTruth(String filter, String value) {
    Filters f = switch (filter) {
      case "issue" -> new Filters(value, null, null, null, null, null, null, false);
      case "year" -> new Filters(null, Integer.valueOf(value), null, null, null, null, null, false);
      case "lang" -> new Filters(null, null, null, null, null, value, null, false);
      case "author" -> new Filters(null, null, null, null, value, null, null, false);
      case "section" -> new Filters(null, null, null, null, null, null, value, false);
      case "dates" -> new Filters(null, null, LocalDate.parse(value.split("\\.\\.")[0]),
          LocalDate.parse(value.split("\\.\\.")[1]), null, null, null, false);
      default -> throw new IllegalArgumentException(filter);
    };
    Predicate<Article> expected = switch (filter) {
      case "issue" -> a -> a.issue() != null
          && (value.matches("\\d+") ? a.issue().number() == Integer.parseInt(value)
              : Arrays.stream(value.split(" ")).allMatch(w -> a.issue().title().toLowerCase().contains(w.toLowerCase())));
      case "year" -> a -> a.published().startsWith(value);
      case "lang" -> a -> a.lang().equalsIgnoreCase(value);
      case "author" -> a -> a.authors().contains("Ramón García Oliva");
      case "section" -> a -> value.equals(a.section());
      default -> a -> !LocalDate.parse(a.published().substring(0, 10)).isBefore(LocalDate.of(2008, 1, 1))
          && !LocalDate.parse(a.published().substring(0, 10)).isAfter(LocalDate.of(2008, 6, 30));
    };
    SearchRequest request = new SearchRequest(null, f, null, 1000, 0, false);
    assertThat(truth(expected)).isNotEmpty();
    assertThat(ids(request)).isEqualTo(truth(expected));
    assertThat(searcher.count(request)).isEqualTo(truth(expected).size());
  }

  @Test
  void filterCombinesWithQuery() {
    Filters en = new Filters(null, null, null, null, null, "en", null, false);
    assertThat(ids(new SearchRequest("kropotkin OR kropotkine", en, null, 10, 0, false))).containsExactly(803);
  }

  @Test
  void facetsCountHitsByIssueYearAuthorLanguage() {
    SearchResult r = searcher.search(new SearchRequest(null, null, null, 0, 0, true));
    assertThat(r.hits()).isEmpty();
    assertThat(r.total()).isEqualTo(articles.size());
    assertThat(asMap(r.facets().get("lang"))).isEqualTo(countBy(a -> a.lang()));
    assertThat(asMap(r.facets().get("year"))).isEqualTo(countBy(a -> a.published().substring(0, 4)));
    assertThat(asMap(r.facets().get("issue")))
        .isEqualTo(countBy(a -> a.issue() == null ? null : a.issue().title()));
    assertThat(r.facets().get("issue")).extracting(FacetCount::value).first().asString().startsWith("N°10.");
    assertThat(asMap(r.facets().get("author"))).containsEntry("Ramón García Oliva", 7);

    SearchResult greve = searcher.search(new SearchRequest("grève", null, null, 0, 0, true));
    int sum = greve.facets().get("lang").stream().mapToInt(FacetCount::count).sum();
    assertThat(sum).isEqualTo(greve.total());
  }

  private static Map<String, Integer> asMap(List<FacetCount> counts) {
    return counts.stream().collect(Collectors.toMap(FacetCount::value, FacetCount::count));
  }

  private static Map<String, Integer> countBy(java.util.function.Function<Article, String> key) {
    Map<String, Integer> out = new TreeMap<>();
    for (Article a : articles) {
      String k = key.apply(a);
      if (k != null) out.merge(k, 1, Integer::sum);
    }
    return out;
  }

  @Test
  void sortOrders() {
    Filters all2010s = new Filters(null, null, LocalDate.of(2010, 1, 1), null, null, null, null, false);
    List<Hit> newest = searcher.search(new SearchRequest(null, all2010s, null, 1000, 0, false)).hits();
    assertThat(newest).extracting(Hit::published).isSortedAccordingTo(Comparator.reverseOrder());
    List<Hit> noQuery = searcher.search(new SearchRequest(null, all2010s, SearchRequest.Order.RELEVANCE, 1000, 0,
        false)).hits();
    assertThat(noQuery).extracting(Hit::id).isEqualTo(newest.stream().map(Hit::id).toList());
    List<Hit> oldest = searcher.search(new SearchRequest(null, all2010s, SearchRequest.Order.OLDEST, 1000, 0, false))
        .hits();
    assertThat(oldest).extracting(Hit::published).isSorted();
    List<Hit> byDate = searcher.search(new SearchRequest("grève", null, SearchRequest.Order.NEWEST, 1000, 0, false))
        .hits();
    assertThat(byDate).extracting(Hit::published).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(byDate).allMatch(h -> h.score() > 0);
    assertThat(search("grève").hits()).extracting(Hit::score).isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void pagesAreSlicesOfTheWholeList() {
    List<Hit> first10 = searcher.search(new SearchRequest("grève", null, null, 10, 0, false)).hits();
    SearchResult second = searcher.search(new SearchRequest("grève", null, null, 5, 5, false));
    assertThat(second.hits()).extracting(Hit::id).isEqualTo(first10.subList(5, 10).stream().map(Hit::id).toList());
    assertThat(second.total()).isEqualTo(search("grève").total());
    assertThat(searcher.search(new SearchRequest("grève", null, null, 5, 1000, false)).hits()).isEmpty();
  }

  @Test
  void hitCarriesWhatAResultLinePrints() {
    Hit h = search("\"mutual aid\" whitfield").hits().get(0);
    Article a = articles.stream().filter(x -> x.id() == 803).findFirst().orElseThrow();
    assertThat(h.id()).isEqualTo(803);
    assertThat(h.title()).isEqualTo(a.title());
    assertThat(h.url()).isEqualTo(a.url());
    assertThat(h.authors()).isEqualTo(a.authors());
    assertThat(h.published()).isEqualTo(a.published());
    assertThat(h.issueNumber()).isEqualTo(a.issue().number());
    assertThat(h.issueTitle()).isEqualTo(a.issue().title());
    assertThat(Path.of(h.jsonPath())).exists().hasFileName("803.json");
    assertThat(h.snippet()).contains(SearchResult.MARK_START + "Mutual Aid" + SearchResult.MARK_END);
  }

  @Test
  void snippetIsTheTextBeginningWhenOnlyMetadataMatched() {
    Hit h = search("author:garcia").hits().get(0);
    assertThat(h.snippet()).isNotBlank().doesNotContain(String.valueOf(SearchResult.MARK_START));
  }

  @Test
  void issuesInOrderWithArticleCountsAndSections() {
    List<IssueSummary> issues = searcher.issues(false);
    Map<String, Integer> expected = countBy(a -> a.issue() == null ? null : a.issue().title());
    assertThat(issues).extracting(IssueSummary::number).isSorted().startsWith(10, 12, 13).endsWith(30);
    assertThat(issues.stream().collect(Collectors.toMap(IssueSummary::title, IssueSummary::articleCount)))
        .isEqualTo(expected);
    IssueSummary n13 = issues.stream().filter(i -> i.number() == 13).findFirst().orElseThrow();
    assertThat(n13.year()).isEqualTo(2008);
    assertThat(n13.months()).containsExactly(5);
    assertThat(n13.sections()).isEqualTo(articles.stream()
        .filter(a -> a.issue() != null && a.issue().number() == 13 && !a.section().equals(a.issue().title()))
        .collect(Collectors.groupingBy(Article::section, Collectors.counting()))
        .entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey).toList());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      foo AND          | the query ends too early, after 'AND' at column 5
      "abc             | unclosed quote at column 1
      (a OR b          | missing ')' for the '(' at column 1
      a) b             | unexpected ')' at column 2
      foo:bar          | unknown field 'foo:' at column 1
      grève title:x:y  | unexpected ':' at column 14
      *foo             | a word cannot start with '*' or '?' (column 1)
      year:abc         | year: expects a number, not 'abc'
      foo\\            | a '\\' at the end escapes nothing (column 4)
      ""               | nothing to search for
      """)
  void badQuerySaysWhatAndWhere(String query, String message) {
    assertThatThrownBy(() -> search(query))
        .isInstanceOfSatisfying(IndexException.class, e -> {
          assertThat(e.reason()).isEqualTo(IndexException.Reason.BAD_QUERY);
          assertThat(e.getMessage()).startsWith("bad query '" + query + "': ").contains(message).doesNotContain("\n");
        });
  }

  @Test
  void thousandsOfNestedParenthesesAreABadQueryNotACrash() {
    String query = "(".repeat(5_000) + "grève" + ")".repeat(5_000);
    assertThatThrownBy(() -> search(query))
        .isInstanceOfSatisfying(IndexException.class, e -> {
          assertThat(e.reason()).isEqualTo(IndexException.Reason.BAD_QUERY);
          assertThat(e.getMessage()).contains("nested more than " + ArticleQueryParser.MAX_NESTING + " levels")
              .contains("column " + (ArticleQueryParser.MAX_NESTING + 1)).doesNotContain("\n");
        });
  }

  @Test
  void parenthesesWithinTheLimitStillSearch() {
    int depth = ArticleQueryParser.MAX_NESTING;
    assertThat(search("(".repeat(depth) + "grève" + ")".repeat(depth)).total()).isEqualTo(search("grève").total());
  }

  @Test
  void badQueryMessageEscapesControlCharactersAndCutsLongQueries() {
    String query = "a\u001b[31m)" + "x".repeat(500);
    assertThatThrownBy(() -> search(query))
        .isInstanceOfSatisfying(IndexException.class, e -> assertThat(e.getMessage())
            .startsWith("bad query 'a\\u001b[31m)xxx").doesNotContain("\u001b").contains("…'")
            .hasSizeLessThan(2 * org.spiparchiver.config.Messages.MAX_QUOTED + 100));
  }

  @Test
  void missingIndexSaysHowToBuildOne(@TempDir Path empty) throws IOException {
    Files.createDirectories(empty.resolve("index"));
    assertThatThrownBy(() -> ArticleSearcher.open(empty.resolve("index")))
        .isInstanceOfSatisfying(IndexException.class, e -> assertThat(e.reason()).isEqualTo(IndexException.Reason.NO_INDEX))
        .hasMessage("no index at " + empty.resolve("index") + ": run `spip-archiver crawl` or `spip-archiver index` first");
  }
}
