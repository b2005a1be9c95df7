package org.spiparchiver.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Issue;
import org.spiparchiver.model.Json;

/**
 * Search benchmark (not a unit test; see BENCHMARKS.md "## Search"). Two steps:
 *
 * <pre>
 * generate DIR N   writes a synthetic archive of N articles to DIR/mirror/articles/
 * build DIR        builds DIR/index from scratch, then runs a no-change update
 * measure DIR      build, then measures query latency in process
 * once DIR QUERY   one search in a fresh JVM, timed by phase: the share of search in a CLI run
 * cpu DIR          thread CPU time per search: with facets and 20 snippets, snippets only, facets only, count
 * </pre>
 *
 * <p>The articles are made from the fixture sites' articles (same languages, titles, authors,
 * paragraphs) with words from a large synthetic vocabulary mixed in, so that the term dictionary and
 * the postings have the size of a real archive, and dates spread over 30 years and 120 issues.
 */
public final class SearchBenchmark {
  private static final long SEED = 42;
  /** Mean text length of an article: about a page of a magazine (the fixtures' are shorter). */
  private static final int MEAN_TEXT_CHARS = 3000;
  /** Synthetic words mixed into the texts (Zipf-distributed, like real vocabulary; a few coincide). */
  private static final int VOCABULARY = 60_000;
  private static final String[] SYLLABLES = {"ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa",
      "te", "vi", "zo", "an", "er", "is", "on", "ur", "tra", "pre", "con", "mar", "sol", "ven"};
  private static final String[] MONTHS_FR = {"Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet",
      "Août", "Septembre", "Octobre", "Novembre", "Décembre"};

  private SearchBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("generate")) {
      generate(Path.of(args[1]), Integer.parseInt(args[2]));
    } else if (args.length >= 2 && args[0].equals("build")) {
      build(Path.of(args[1]));
    } else if (args.length >= 2 && args[0].equals("measure")) {
      build(Path.of(args[1]));
      measure(Path.of(args[1]));
    } else if (args.length >= 2 && args[0].equals("cpu")) {
      cpu(Path.of(args[1]));
    } else if (args.length >= 3 && args[0].equals("once")) {
      once(Path.of(args[1]), args[2]);
    } else {
      System.err.println("usage: SearchBenchmark generate DIR N | build DIR | measure DIR | once DIR QUERY | cpu DIR");
      System.exit(2);
    }
  }

  static void generate(Path dir, int n) throws IOException {
    List<Article> templates = TruthArticles.all();
    Map<String, List<String>> paragraphs = new HashMap<>();
    for (Article a : templates) {
      if (a.text() == null) continue;
      for (String p : a.text().split("\\n\\s*\\n")) {
        paragraphs.computeIfAbsent(a.lang(), l -> new ArrayList<>()).add(p.strip());
      }
    }
    String[] vocabulary = new String[VOCABULARY];
    Random r = new Random(SEED);
    for (int i = 0; i < VOCABULARY; i++) {
      StringBuilder w = new StringBuilder();
      int syllables = 2 + r.nextInt(3);
      for (int s = 0; s < syllables; s++) w.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
      vocabulary[i] = w.toString();
    }
    Path articles = Files.createDirectories(dir.resolve("mirror/articles"));
    LocalDate start = LocalDate.of(1995, 1, 1);
    for (int id = 1; id <= n; id++) {
      Article t = templates.get(r.nextInt(templates.size()));
      LocalDate date = start.plusDays(r.nextInt(30 * 365));
      int issueNo = (date.getYear() - 1995) * 4 + (date.getMonthValue() - 1) / 3 + 1;
      int issueMonth = ((date.getMonthValue() - 1) / 3) * 3 + 1;
      Issue issue = new Issue("N°" + issueNo + ". " + MONTHS_FR[issueMonth - 1] + " " + date.getYear(), issueNo,
          date.getYear(), List.of(issueMonth), null);
      List<String> pool = paragraphs.getOrDefault(t.lang(), paragraphs.get("fr"));
      StringBuilder text = new StringBuilder();
      int target = MEAN_TEXT_CHARS / 3 + r.nextInt(MEAN_TEXT_CHARS * 4 / 3);
      while (text.length() < target) {
        if (text.length() > 0) text.append("\n\n");
        text.append(pool.get(r.nextInt(pool.size())));
        for (int k = 0; k < 6; k++) text.append(' ').append(vocabulary[zipf(r)]);
        text.append('.');
      }
      String title = t.title() + " " + vocabulary[zipf(r)];
      // Templates filed directly under their issue have it as section: not a section of the new issue.
      String section = t.issue() != null && t.issue().title().equals(t.section()) ? null : t.section();
      Article a = new Article(id, "https://example.org/spip.php?article" + id, t.lang(), title, t.surtitle(),
          t.subtitle(), t.authors(), date + "T10:00:00Z", null, issue, section, t.rubriquePath(), t.chapo(),
          text.toString(), t.ps(), t.notes(), t.keywords(), t.images(), List.of(), List.of(), null, null, null,
          null, null, null);
      Json.mapper().writeValue(articles.resolve(id + ".json").toFile(), a);
    }
    System.out.println("wrote " + n + " articles to " + articles);
  }

  /** An index into the vocabulary, rank r with probability ~ 1/r. */
  private static int zipf(Random r) {
    return (int) Math.min(VOCABULARY - 1, Math.floor(Math.exp(r.nextDouble() * Math.log(VOCABULARY))) - 1);
  }

  static void build(Path dir) throws IOException {
    Path mirror = dir.resolve("mirror");
    Path index = dir.resolve("index");
    long t0 = System.nanoTime();
    IndexStats built = new Indexer(mirror, index).rebuild();
    double buildS = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    IndexStats again = new Indexer(mirror, index).update();
    double updateS = (System.nanoTime() - t0) / 1e9;
    long indexBytes;
    try (Stream<Path> s = Files.walk(index)) {
      indexBytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf(Locale.ROOT, "build from scratch: %d articles in %.1f s; no-change update: %.1f s (%d unchanged);"
        + " index %.0f MB%n", built.total(), buildS, updateS, again.unchanged(), indexBytes / 1e6);
  }

  static void measure(Path dir) throws IOException {
    Path index = dir.resolve("index");

    Map<String, List<SearchRequest>> suites = new LinkedHashMap<>();
    List<String> words = List.of("grève", "revolution", "autogestion", "kropotkine", "syndicats", "mutual",
        "libertad", "greve", "anarchistes", "assemblées", "privatisations", "salaires");
    List<String> phrases = List.of("\"génération perdue\"", "\"mutual aid\"", "\"la grève générale\"",
        "\"coup d'État\"", "\"plans d'austérité\"", "\"the unions\"");
    suites.put("single word", words.stream().map(SearchRequest::of).toList());
    suites.put("phrase", phrases.stream().map(SearchRequest::of).toList());
    suites.put("two words + filter (--year/--lang/--issue)", List.of(
        filtered("grève salaires", new SearchRequest.Filters(null, 2008, null, null, null, null, null, false)),
        filtered("mutual aid", new SearchRequest.Filters(null, null, null, null, null, "en", null, false)),
        filtered("autogestion", new SearchRequest.Filters("13", null, null, null, null, null, null, false)),
        filtered("syndicats", new SearchRequest.Filters(null, null, LocalDate.of(2001, 1, 1),
            LocalDate.of(2003, 12, 31), null, null, null, false))));
    suites.put("word + facets", words.stream()
        .map(w -> new SearchRequest(w, null, null, 20, 0, true)).toList());
    suites.put("listing --issue N (newest first)", List.of(
        filtered(null, new SearchRequest.Filters("40", null, null, null, null, null, null, false)),
        filtered(null, new SearchRequest.Filters("77", null, null, null, null, null, null, false))));
    try (ArticleSearcher searcher = ArticleSearcher.open(index)) {
      for (int i = 0; i < 30; i++) { // warm-up: JIT and OS cache, as a long-running user would see it
        for (List<SearchRequest> suite : suites.values()) suite.forEach(searcher::search);
      }
      System.out.println("| query kind | hits (first query) | p50 ms | p95 ms |");
      System.out.println("|---|---|---|---|");
      for (Map.Entry<String, List<SearchRequest>> suite : suites.entrySet()) {
        double[] ms = new double[200];
        for (int i = 0; i < ms.length; i++) {
          SearchRequest q = suite.getValue().get(i % suite.getValue().size());
          long s = System.nanoTime();
          searcher.search(q);
          ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f |%n", suite.getKey(),
            searcher.search(suite.getValue().get(0)).total(), ms[ms.length / 2], ms[ms.length * 95 / 100]);
      }
    }
  }

  static void once(Path dir, String query) throws IOException {
    long t0 = System.nanoTime();
    try (ArticleSearcher searcher = ArticleSearcher.open(dir.resolve("index"))) {
      long t1 = System.nanoTime();
      SearchResult r = searcher.search(SearchRequest.of(query));
      long t2 = System.nanoTime();
      System.out.printf(Locale.ROOT, "cold JVM: open %.0f ms, search with 20 snippets %.0f ms (%d hits)%n",
          (t1 - t0) / 1e6, (t2 - t1) / 1e6, r.total());
    }
  }

  /** CPU time of the calling thread per search (what one core gives, other threads and the machine's load aside). */
  static void cpu(Path dir) throws IOException {
    String[] words = {"grève", "revolution", "kropotkine", "autogestion", "syndicats", "whitfield", "\"mutual aid\""};
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    String[] labels = {"facets + 20 snippets", "20 snippets", "facets, no hit", "count only"};
    try (ArticleSearcher searcher = ArticleSearcher.open(dir.resolve("index"))) {
      for (int mode = 0; mode < labels.length; mode++) {
        for (int round = 0; round < 2; round++) { // the first round warms up
          long t0 = mx.getCurrentThreadCpuTime();
          int n = 300;
          for (int i = 0; i < n; i++) {
            String w = words[i % words.length];
            searcher.search(new SearchRequest(w, null, null, mode < 2 ? 20 : 0, 0, mode % 2 == 0));
          }
          if (round == 1) {
            System.out.printf(Locale.ROOT, "%s: %.2f ms CPU per search%n", labels[mode],
                (mx.getCurrentThreadCpuTime() - t0) / 1e6 / n);
          }
        }
      }
    }
  }

  private static SearchRequest filtered(String q, SearchRequest.Filters f) {
    return new SearchRequest(q, f, null, 20, 0, false);
  }

}
