package org.spiparchiver.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spiparchiver.config.Config;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Image;

/**
 * Issue 9: the fixture articles served by a theme the extractor has never seen (built by
 * {@link ThemeVariants} from the captured pages) still extract to the database's truth, field by
 * field, and their text to the text of the original page. Each page is extracted once per variant
 * for the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnknownThemeTest {
  private static final ArticleExtractor EXTRACTOR = new ArticleExtractor(new Config.Extraction(null, null));
  static final List<String> FIELDS = List.of("title", "surtitle", "subtitle", "published", "lang", "issue", "rubrique_path", "images");
  /** Issue 9's goals: share of field checks right, of articles whose text is found at the similarity floor. */
  static final double FIELD_FLOOR = 0.95;
  static final double TEXT_FOUND_FLOOR = 0.95;
  static final double TEXT_SIMILARITY_FLOOR = 0.95;

  /** Per site and variant: per field, right / checked; text found at similarity. */
  private final Map<String, Tally> tallies = new LinkedHashMap<>();

  static final class Tally {
    final Map<String, int[]> fields = new LinkedHashMap<>();
    int articles;
    int textFound;
    double similaritySum;
    int generic;
    final List<String> misses = new ArrayList<>();

    double share(String field) {
      int[] v = fields.get(field);
      return v == null || v[1] == 0 ? 1 : (double) v[0] / v[1];
    }

    double total() {
      int right = 0;
      int all = 0;
      for (int[] v : fields.values()) {
        right += v[0];
        all += v[1];
      }
      return (double) right / all;
    }
  }

  @BeforeAll
  void extractEveryVariant() {
    for (String site : List.of("escal-dev", "spip4-dist")) {
      Fixtures f = Fixtures.site(site);
      Map<String, BiFunction<byte[], URI, byte[]>> variants = new LinkedHashMap<>();
      variants.put("stripped", ThemeVariants::stripped);
      variants.put("shuffled", ThemeVariants::shuffled);
      for (var v : variants.entrySet()) tallies.put(site + " " + v.getKey(), new Tally());
      for (JsonNode truth : f.publicArticles()) {
        int id = truth.get("id").asInt();
        String path = f.articlePath(id);
        byte[] page = f.body(path);
        URI url = f.url(path);
        Article original = ((PageResult.ArticlePage) EXTRACTOR.extract(page, url)).article();
        for (var v : variants.entrySet()) {
          Tally t = tallies.get(site + " " + v.getKey());
          PageResult r = EXTRACTOR.extract(v.getValue().apply(page, url), url);
          check(t, f, truth, original, r instanceof PageResult.ArticlePage a ? a.article() : null);
        }
      }
    }
    tallies.forEach((name, t) -> System.out.println(report(name, t)));
  }

  private static void check(Tally t, Fixtures f, JsonNode truth, Article original, Article a) {
    t.articles++;
    int id = truth.get("id").asInt();
    boolean escal = f.truthExtra.containsKey(id);
    Map<String, Object> expected = new HashMap<>();
    expected.put("title", typo(text(truth, "title")));
    expected.put("surtitle", typo(text(truth, "surtitre")));
    expected.put("subtitle", typo(text(truth, "soustitre")));
    String date = text(truth, "date");
    expected.put("published", escal ? date.substring(0, 10) : date);
    expected.put("lang", text(truth, "lang"));
    expected.put("issue", typo(text(truth, "issue")));
    expected.put("rubrique_path", FixtureTruthTest.typo(FixtureTruthTest.strings(truth.get("rubrique_path"))));
    expected.put("images", expectedImages(truth));
    Map<String, Object> actual = new HashMap<>();
    if (a != null) {
      if ("generic".equals(a.extraction().template())) t.generic++;
      actual.put("title", typo(a.title()));
      actual.put("surtitle", typo(a.surtitle()));
      actual.put("subtitle", typo(a.subtitle()));
      actual.put("published", a.published());
      actual.put("lang", a.lang());
      actual.put("issue", a.issue() == null ? null : typo(a.issue().title()));
      actual.put("rubrique_path", FixtureTruthTest.typo(a.rubriquePath()));
      actual.put("images", a.images().stream()
          .map(i -> i.role() + " " + (i.originalUrl() == null ? i.url() : i.originalUrl().replace(f.origin.toString(), "")))
          .sorted().toList());
    }
    for (String field : FIELDS) {
      int[] v = t.fields.computeIfAbsent(field, k -> new int[2]);
      v[1]++;
      if (a != null && Objects.equals(expected.get(field), actual.get(field))) v[0]++;
      else t.misses.add(f.name + " " + id + " " + field + ": expected " + expected.get(field) + ", got " + (a == null ? "no article" : actual.get(field)));
    }
    if (a != null && a.text() != null) {
      double s = similarity(original.text(), a.text());
      t.similaritySum += s;
      if (s >= TEXT_SIMILARITY_FLOOR) t.textFound++;
      else t.misses.add(f.name + " " + id + " text similarity " + Math.round(s * 100) + " %");
    } else {
      t.misses.add(f.name + " " + id + " text not found");
    }
  }

  private static List<String> expectedImages(JsonNode truth) {
    List<String> expected = new ArrayList<>();
    for (JsonNode img : truth.get("images")) expected.add(img.get("role").asText() + " " + img.get("file").asText());
    JsonNode shownLogo = truth.get("logo_shown_in_h1");
    if (shownLogo != null && !shownLogo.isNull() && !"article".equals(shownLogo.get("source").asText())) {
      expected.add("logo " + shownLogo.get("file").asText());
    }
    return expected.stream().sorted().toList();
  }

  static String report(String name, Tally t) {
    StringBuilder sb = new StringBuilder(name).append(": ").append(t.articles).append(" articles, ").append(t.generic).append(" by the generic layer;");
    for (String field : FIELDS) sb.append(' ').append(field).append(' ').append(Math.round(t.share(field) * 1000) / 10.0).append(" %,");
    sb.append(" all fields ").append(Math.round(t.total() * 1000) / 10.0).append(" %; text found ")
        .append(t.textFound).append('/').append(t.articles).append(", mean similarity ")
        .append(Math.round(t.similaritySum / t.articles * 1000) / 10.0).append(" %");
    t.misses.stream().limit(40).forEach(m -> sb.append("\n  ").append(m));
    return sb.toString();
  }

  static Stream<Arguments> variants() {
    return Stream.of("escal-dev stripped", "escal-dev shuffled", "spip4-dist stripped", "spip4-dist shuffled").map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void everyFieldMeetsItsFloorOnAnUnknownTheme(String variant) {
    Tally t = tallies.get(variant);
    for (String field : FIELDS) {
      assertThat(t.share(field)).as(variant + " " + field + "\n" + report(variant, t)).isGreaterThanOrEqualTo(FIELD_FLOOR);
    }
    assertThat(t.total()).as(variant + " all field checks").isGreaterThanOrEqualTo(FIELD_FLOOR);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void theTextIsFoundAsOnTheOriginalPage(String variant) {
    Tally t = tallies.get(variant);
    assertThat((double) t.textFound / t.articles).as(report(variant, t)).isGreaterThanOrEqualTo(TEXT_FOUND_FLOOR);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void theGenericLayerSaysItMadeTheRecord(String variant) {
    Tally t = tallies.get(variant);
    assertThat(t.generic).as(variant).isEqualTo(t.articles);
  }

  static Stream<Arguments> notArticles() {
    return Stream.of(
        Arguments.of("spip4-dist", "/spip.php?rubrique7", null),
        Arguments.of("escal-dev", "/spip.php?rubrique111&lang=fr", null),
        Arguments.of("spip4-dist", "/", null),
        Arguments.of("escal-dev", "/?lang=fr", null),
        Arguments.of("spip4-dist", "/spip.php?page=plan", null),
        Arguments.of("escal-dev", "/spip.php?page=plan&lang=fr", null),
        Arguments.of("spip4-dist", "/IMG/jpg/une-n10.jpg", null),
        Arguments.of("escal-dev", "/IMG/jpg/une-n22.jpg", null),
        // SPIP answers a non-public article's URL with its 404 page; a search lists articles as a rubrique does.
        Arguments.of("spip4-dist", "/IMG/jpg/une-n10.jpg", "/spip.php?article99999"),
        Arguments.of("escal-dev", "/IMG/jpg/une-n22.jpg", "/spip.php?article99999&lang=fr"),
        Arguments.of("spip4-dist", "/spip.php?rubrique7", "/spip.php?page=recherche&recherche=commune"),
        Arguments.of("escal-dev", "/spip.php?rubrique111&lang=fr", "/spip.php?page=recherche&recherche=commune"));
  }

  @ParameterizedTest(name = "{0} {1} served at {2}")
  @MethodSource("notArticles")
  void pagesThatAreNotArticlesAreNeverTakenForArticles(String site, String captured, String servedAt) {
    Fixtures f = Fixtures.site(site);
    URI url = f.url(servedAt == null ? captured : servedAt);
    byte[] page = f.body(captured);
    assertThat(EXTRACTOR.extract(ThemeVariants.stripped(page, url), url)).as("stripped").isInstanceOf(PageResult.OtherPage.class);
    assertThat(EXTRACTOR.extract(ThemeVariants.shuffled(page, url), url)).as("shuffled").isInstanceOf(PageResult.OtherPage.class);
  }

  @Test
  void stripsTheThemeButKeepsSpipCoreMarkup() {
    Fixtures f = Fixtures.site("spip4-dist");
    String path = f.articlePath(804);
    String stripped = new String(ThemeVariants.stripped(f.body(path), f.url(path)), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(stripped).doesNotContainPattern(" id=\"").doesNotContain("class=\"cartouche").doesNotContain("class=\"texte")
        .doesNotContainPattern("<body [^>]*class=").contains("class=\"spip_doc_titre").contains("<title>")
        .containsPattern("<html[^>]* lang=\"fr\"");
  }

  @ParameterizedTest(name = "{0} article{1}")
  @org.junit.jupiter.params.provider.CsvSource({"spip4-dist, 804, Le 14 juin 2006, <abbr", "escal-dev, 1241, ne demande la permission à personne, Article mis en ligne le"})
  void shufflingMovesTheDateBelowTheText(String site, int id, String textStart, String date) {
    Fixtures f = Fixtures.site(site);
    String path = f.articlePath(id);
    String original = new String(f.body(path), java.nio.charset.StandardCharsets.UTF_8);
    String shuffled = new String(ThemeVariants.shuffled(f.body(path), f.url(path)), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(original.indexOf(date)).isLessThan(original.indexOf(textStart));
    assertThat(shuffled.indexOf(date)).isGreaterThan(shuffled.indexOf(textStart));
  }

  /** Word-bigram overlap (Dice coefficient) of two texts, typography undone. */
  static double similarity(String a, String b) {
    if (a == null || b == null) return a == b ? 1 : 0;
    Map<String, Integer> x = bigrams(a);
    Map<String, Integer> y = bigrams(b);
    int common = 0;
    int total = 0;
    for (var e : x.entrySet()) common += Math.min(e.getValue(), y.getOrDefault(e.getKey(), 0));
    for (int n : x.values()) total += n;
    for (int n : y.values()) total += n;
    return total == 0 ? 1 : 2.0 * common / total;
  }

  private static Map<String, Integer> bigrams(String s) {
    String[] words = typo(s).toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+");
    Map<String, Integer> out = new HashMap<>();
    String prev = "";
    for (String w : words) {
      if (w.isEmpty()) continue;
      out.merge(prev + " " + w, 1, Integer::sum);
      prev = w;
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    return FixtureTruthTest.text(n, field);
  }

  private static String typo(String s) {
    return FixtureTruthTest.typo(s);
  }
}
