package org.spiparchiver.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.spiparchiver.config.Config;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Image;

/**
 * Every public article of both captured sites extracts to a record that matches the site's
 * database (truth.jsonl), compared at the precision the page shows.
 */
class FixtureTruthTest {
  private static final ArticleExtractor EXTRACTOR = new ArticleExtractor(new Config.Extraction(null, null));

  static Stream<Arguments> publicArticles() {
    return Stream.of("spip4-dist", "escal-dev")
        .flatMap(site -> Fixtures.site(site).publicArticles().stream()
            .map(t -> Arguments.of(site, t.get("id").asInt())));
  }

  @ParameterizedTest(name = "{0} article{1}")
  @MethodSource("publicArticles")
  void extractsWhatTheDatabaseHolds(String site, int id) {
    Fixtures f = Fixtures.site(site);
    JsonNode truth = f.truth.stream().filter(t -> t.get("id").asInt() == id).findFirst().orElseThrow();
    JsonNode extra = f.truthExtra.get(id);
    boolean escal = extra != null;
    String path = f.articlePath(id);
    PageResult result = EXTRACTOR.extract(f.body(path), f.url(path));
    assertThat(result).isInstanceOf(PageResult.ArticlePage.class);
    Article a = ((PageResult.ArticlePage) result).article();

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(a.id()).isEqualTo(id);
    soft.assertThat(a.url()).as("url").isEqualTo(f.origin + "spip.php?article" + id);
    soft.assertThat(a.extraction().template()).as("template").isEqualTo(escal ? "escal" : "spip-dist");
    soft.assertThat(a.extraction().warnings()).as("warnings").isEmpty();
    soft.assertThat(a.lang()).as("lang").isEqualTo(truth.get("lang").asText());
    soft.assertThat(typo(a.title())).as("title").isEqualTo(typo(text(truth, "title")));
    soft.assertThat(typo(a.surtitle())).as("surtitle").isEqualTo(typo(text(truth, "surtitre")));
    soft.assertThat(typo(a.subtitle())).as("subtitle").isEqualTo(typo(text(truth, "soustitre")));

    // Authors: the default templates show the SPIP author accounts; Escal as configured on
    // divergences.be hides them and the surtitle names the author(s) (truth_extra.surtitre_kind).
    if (escal) {
      List<String> expected = "author".equals(text(extra, "surtitre_kind"))
          ? List.of(text(truth, "surtitre").split("\\s*(?:,|&|\\set\\s|\\sand\\s)\\s*")) : List.of();
      soft.assertThat(typo(a.authors())).as("authors from surtitle").isEqualTo(typo(expected));
    } else {
      // The page lists them in SPIP's display order, the database export sorted: compare as sets.
      soft.assertThat(typo(a.authors())).as("authors").containsExactlyInAnyOrderElementsOf(typo(strings(truth.get("authors"))));
    }

    // Dates: the default templates give the date-time (abbr.published[title]) and never show
    // date_modif; Escal shows the day only, and date_modif only when its day differs.
    String date = text(truth, "date");
    if (escal) {
      soft.assertThat(a.published()).as("published (day shown)").isEqualTo(date.substring(0, 10));
      boolean shown = extra.get("date_modif_shown").asBoolean();
      soft.assertThat(a.modified()).as("modified (shown: " + shown + ")")
          .isEqualTo(shown ? text(truth, "date_modif").substring(0, 10) : null);
    } else {
      soft.assertThat(a.published()).as("published").isEqualTo(date);
      soft.assertThat(a.modified()).as("modified: not shown by the default templates").isNull();
    }

    soft.assertThat(typo(a.rubriquePath())).as("rubrique_path").isEqualTo(typo(strings(truth.get("rubrique_path"))));
    soft.assertThat(typo(a.section())).as("section").isEqualTo(typo(text(truth, "rubrique")));
    if (truth.hasNonNull("issue")) {
      String title = text(truth, "issue");
      soft.assertThat(a.issue()).as("issue").isNotNull();
      if (a.issue() != null) {
        Matcher m = Pattern.compile("N°(\\d+)\\..* (\\d{4})$").matcher(title);
        assertThat(m.matches()).isTrue();
        soft.assertThat(typo(a.issue().title())).as("issue title").isEqualTo(typo(title));
        soft.assertThat(a.issue().number()).as("issue number").isEqualTo(Integer.parseInt(m.group(1)));
        soft.assertThat(a.issue().year()).as("issue year").isEqualTo(Integer.parseInt(m.group(2)));
        soft.assertThat(a.issue().months()).as("issue months").hasSize(1);
        soft.assertThat(a.issue().rubriqueId()).as("issue rubrique").isEqualTo(truth.get("issue_rubrique_id").asInt());
      }
    } else {
      soft.assertThat(a.issue()).as("issue").isNull();
    }
    soft.assertThat(new HashSet<>(a.keywords())).as("keywords").isEqualTo(new HashSet<>(strings(truth.get("keywords"))));

    soft.assertThat(a.chapo() != null).as("has chapo").isEqualTo(truth.get("has_chapo").asBoolean());
    soft.assertThat(a.ps() != null).as("has ps").isEqualTo(truth.get("has_ps").asBoolean());
    if (truth.hasNonNull("ps")) soft.assertThat(typo(a.ps())).as("ps").isEqualTo(typo(plainSpip(text(truth, "ps"))));
    soft.assertThat(a.notes()).as("notes").hasSize(truth.get("notes_count").asInt());
    List<String> paragraphs = a.text() == null ? List.of() : List.of(a.text().split("\n\n"));
    for (JsonNode intertitle : truth.get("intertitres")) {
      soft.assertThat(paragraphs.stream().map(FixtureTruthTest::typo)).as("intertitle as a paragraph")
          .contains(typo(intertitle.asText()));
    }

    // Translations: the other public articles of the same translation group (id_trad).
    int trad = truth.get("id_trad").asInt();
    List<String> translations = f.publicArticles().stream()
        .filter(t -> trad != 0 && t.get("id_trad").asInt() == trad && t.get("id").asInt() != id)
        .map(t -> t.get("lang").asText() + " " + f.origin + "spip.php?article" + t.get("id").asInt())
        .toList();
    soft.assertThat(a.translations().stream().map(t -> t.lang() + " " + t.url()).toList()).as("translations")
        .containsExactlyInAnyOrderElementsOf(translations);

    checkImages(soft, f, truth, a);
    List<String> attachments = a.attachments().stream().map(x -> x.url()).toList();
    for (JsonNode doc : truth.get("attachments")) {
      soft.assertThat(attachments).as("attachments").contains(f.origin + doc.get("file").asText());
    }
    soft.assertAll();
  }

  /**
   * The article's own images, by original file, with their captions. The page shows the
   * rubrique's logo in place of a missing article logo with the very same markup, so that logo
   * (truth: logo_shown_in_h1 from a rubrique) is expected too.
   */
  private static void checkImages(SoftAssertions soft, Fixtures f, JsonNode truth, Article a) {
    List<String> expected = new ArrayList<>();
    for (JsonNode img : truth.get("images")) expected.add(img.get("role").asText() + " " + img.get("file").asText());
    JsonNode shownLogo = truth.get("logo_shown_in_h1");
    if (shownLogo != null && !shownLogo.isNull() && !"article".equals(shownLogo.get("source").asText())) {
      expected.add("logo " + shownLogo.get("file").asText());
    }
    List<String> actual = a.images().stream()
        .map(i -> i.role() + " " + (i.originalUrl() == null ? i.url() : i.originalUrl().replace(f.origin.toString(), "")))
        .toList();
    soft.assertThat(actual).as("images").containsExactlyInAnyOrderElementsOf(expected);
    for (JsonNode img : truth.get("images")) {
      if (img.get("role").asText().equals(Image.LOGO)) continue;
      a.images().stream().filter(i -> (f.origin + img.get("file").asText()).equals(i.originalUrl())).findFirst()
          .ifPresent(i -> {
            soft.assertThat(typo(i.title())).as("image title").isEqualTo(typo(text(img, "caption")));
            // Portfolios show the document's title only: its descriptif and credits are not on the page.
            if (img.get("role").asText().equals(Image.INLINE)) {
              soft.assertThat(typo(i.caption())).as("image caption").isEqualTo(typo(text(img, "descriptif")));
              soft.assertThat(typo(i.credits())).as("image credits").isEqualTo(typo(text(img, "credits")));
            }
          });
    }
  }

  /** Non-public articles (proposed, refused) answer 404: the capture holds no page for them. */
  @ParameterizedTest
  @ValueSource(strings = {"spip4-dist", "escal-dev"})
  void nonPublicArticlesHaveNoPage(String site) {
    Fixtures f = Fixtures.site(site);
    Set<Integer> publicIds = new HashSet<>();
    f.publicArticles().forEach(t -> publicIds.add(t.get("id").asInt()));
    for (String path : f.articlePagePaths()) {
      PageResult r = EXTRACTOR.extract(f.body(path), f.url(path));
      if (r instanceof PageResult.ArticlePage p) {
        assertThat(publicIds).as(path).contains(p.article().id());
      }
    }
    assertThat(f.truth.stream().filter(t -> !"publie".equals(t.get("status").asText())))
        .allSatisfy(t -> assertThat(f.response(f.articlePath(t.get("id").asInt()))).isEmpty());
  }

  /** Each original the extractor recovers is a file the site served (the capture asked for them). */
  @ParameterizedTest
  @ValueSource(strings = {"spip4-dist", "escal-dev"})
  void everyRecoveredOriginalWasServed(String site) {
    Fixtures f = Fixtures.site(site);
    Set<String> served = new HashSet<>();
    f.responses().forEach(r -> {
      if (r.get("status").asInt() == 200) served.add(f.origin + r.get("url").asText().substring(1));
    });
    int checked = 0;
    for (JsonNode t : f.publicArticles()) {
      String path = f.articlePath(t.get("id").asInt());
      Article a = ((PageResult.ArticlePage) EXTRACTOR.extract(f.body(path), f.url(path))).article();
      for (Image i : a.images()) {
        assertThat(i.originalUrl()).as(path + " " + i.url()).isNotNull().isIn(served);
        checked++;
      }
      for (var d : a.attachments()) assertThat(d.url()).as(path).isIn(served);
    }
    assertThat(checked).isPositive();
  }

  /** The crawler hands every response to the extractor: none may make it throw. */
  @ParameterizedTest
  @ValueSource(strings = {"spip4-dist", "escal-dev"})
  void extractsOrClassifiesEveryCapturedResponse(String site) {
    Fixtures f = Fixtures.site(site);
    for (JsonNode r : f.responses()) {
      String path = r.get("url").asText();
      PageResult result = EXTRACTOR.extract(f.body(path), f.url(path));
      assertThat(result).as(path).isNotNull();
      if (r.get("status").asInt() == 404 && r.get("body").asText().endsWith(".html")) {
        assertThat(result).as(path).isEqualTo(new PageResult.OtherPage(PageKind.NOT_FOUND,
            ((PageResult.OtherPage) result).description()));
      }
    }
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * SPIP's typography undone on both sides: curly apostrophes, (no-break) spaces before
   * {@code : ; ? !} and inside « », whitespace.
   */
  static List<String> typo(List<String> list) {
    return list.stream().map(FixtureTruthTest::typo).toList();
  }

  static String typo(String s) {
    if (s == null) return null;
    String t = s.replace('’', '\'').replace('\u00a0', ' ').replace('\u202f', ' ');
    t = t.replaceAll("\\s+([:;?!»])", "$1").replaceAll("«\\s+", "«").replaceAll("\\s+", " ").trim();
    return t;
  }

  /** The plain text of a short SPIP source (the PS): SPIP shortcuts removed. */
  static String plainSpip(String raw) {
    return raw.replaceAll("\\{+|\\}+", "").replaceAll("\\[([^\\]]*?)->[^\\]]*\\]", "$1");
  }

  static URI uri(String s) {
    return URI.create(s);
  }
}
