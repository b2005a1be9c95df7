package org.spiparchiver.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpipUrlsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "https://divergences.be/spip.php?article839, 839",
      "https://divergences.be/spip.php?article839&lang=fr, 839",
      "https://divergences.be/spip.php?article839&amp;lang=fr, 839",
      "https://divergences.be/spip.php?page=article&id_article=839, 839",
      "https://divergences.be/spip.php?id_article=839&lang=en, 839",
      "https://divergences.be/article839.html, 839",
      "http://example.org/revue/spip.php?article12#forum, 12",
      "https://divergences.be/spip.php?rubrique12, 0",
      "https://divergences.be/spip.php?page=rubrique&id_rubrique=12, 0",
      "https://divergences.be/spip.php?page=article&id_rubrique=12, 0",
      "https://divergences.be/spip.php?page=forum&id_article=839, 0",
      "https://divergences.be/spip.php?article0, 0",
      "https://divergences.be/spip.php?articleX, 0",
      "https://divergences.be/spip.php?page=backend, 0",
      "https://divergences.be/plugins/escal/article.html, 0",
      "https://divergences.be/, 0",
  })
  void recognisesArticleUrlForms(String url, int expected) {
    OptionalInt id = SpipUrls.articleId(URI.create(url));
    assertThat(id.orElse(0)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "https://divergences.be/spip.php?rubrique12, 12",
      "https://divergences.be/spip.php?rubrique12&lang=fr, 12",
      "https://divergences.be/spip.php?page=rubrique&id_rubrique=12, 12",
      "https://divergences.be/spip.php?id_rubrique=12, 12",
      "https://divergences.be/rubrique12.html, 12",
      "https://divergences.be/spip.php?article839, 0",
      "https://divergences.be/spip.php?page=article&id_rubrique=12, 0",
  })
  void recognisesRubriqueUrlForms(String url, int expected) {
    assertThat(SpipUrls.rubriqueId(URI.create(url)).orElse(0)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "https://divergences.be/, https://divergences.be/spip.php?article839",
      "https://divergences.be, https://divergences.be/spip.php?article839",
      "https://example.org/revue/, https://example.org/revue/spip.php?article839",
      "https://example.org/revue/spip.php?article1&lang=fr, https://example.org/revue/spip.php?article839",
      "http://127.0.0.1:8091/, http://127.0.0.1:8091/spip.php?article839",
  })
  void buildsCanonicalArticleUrlWithoutLang(String root, String expected) {
    assertThat(SpipUrls.canonicalArticleUrl(URI.create(root), 839)).hasToString(expected);
  }

  @Test
  void nullUrlHasNoId() {
    assertThat(SpipUrls.articleId(null)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "https://divergences.be/spip.php?article99999999999",
      "https://divergences.be/article99999999999.html",
      "https://divergences.be/spip.php?page=article&id_article=99999999999",
      "https://divergences.be/spip.php?article0",
      "https://divergences.be/spip.php?id_rubrique=0",
  })
  void namesNoObjectForAnIdOutOfRange(String url) {
    assertThat(SpipUrls.parse(URI.create(url))).isEmpty();
    assertThat(SpipUrls.unreadableObject(URI.create(url))).isTrue();
  }

  @Test
  void keepsTheListingPaginationOfARubriqueSortedByKey() {
    SpipUrls.SpipRef ref = SpipUrls.parse(URI.create(
        "https://divergences.be/spip.php?rubrique116&lang=fr&debut_z=10&debut_articles_rubs=5")).orElseThrow();
    assertThat(ref.kind()).isEqualTo(SpipUrls.Kind.RUBRIQUE);
    assertThat(ref.id()).isEqualTo(116);
    assertThat(ref.pagination()).extracting(Object::toString).containsExactly("debut_articles_rubs=5", "debut_z=10");
  }
}
