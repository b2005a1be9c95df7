package org.spiparchiver.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.spiparchiver.config.Config;
import org.spiparchiver.model.Article;

/** The generic layer leaves a field null rather than take chrome for it. */
class GenericLayerTest {
  private static final ArticleExtractor EXTRACTOR = new ArticleExtractor(new Config.Extraction(null, null));
  private static final String TEXT = "<div><p>Un premier paragraphe assez long pour compter, avec des virgules, et du sens.</p>"
      + "<p>Un second paragraphe, lui aussi assez long pour être du texte, et même plus.</p></div>";

  private static Article article(String head, String body) {
    String page = "<html lang=fr><head><title>Le titre - Site</title>" + head + "</head><body>" + body + "</body></html>";
    return ArticleExtractorTest.article(EXTRACTOR, page.getBytes(StandardCharsets.UTF_8), "https://example.net/spip.php?article42");
  }

  @Test
  void aMenuOfRubriquesIsNeverTheBreadcrumb() {
    Article a = article("", "<ul><li><a href='spip.php?rubrique1'>Archives</a></li><li><a href='spip.php?rubrique2'>La revue</a></li></ul>"
        + "<main><h1>Le titre</h1>" + TEXT + "</main>");
    assertThat(a.extraction().template()).isEqualTo("generic");
    assertThat(a.rubriquePath()).isEmpty();
    assertThat(a.extraction().warnings()).contains("no breadcrumb found");
  }

  @Test
  void aDateInASideBlockOrAListingIsNeverThePublicationDate() {
    Article a = article("", "<main><h1>Le titre</h1>" + TEXT
        + "<aside><p>Article mis en ligne le 3 mars 2001</p></aside>"
        + "<section><h2>Dans la même rubrique</h2><div><a href='spip.php?article7'>Autre</a> publié le 4 avril 2002</div></section></main>");
    assertThat(a.published()).isNull();
    assertThat(a.extraction().warnings()).contains("no publication date found");
  }

  @Test
  void readsALabelledDateNearTheTitleAndTheBreadcrumbNearestIt() {
    Article a = article("", "<nav><a href='spip.php?rubrique9'>Menu</a></nav><main><p><a href='/'>Accueil</a> &gt; "
        + "<a href='spip.php?rubrique1'>Archives</a> &gt; <a href='spip.php?rubrique5'>N°13. Mai/may/ 2008</a></p>"
        + "<div>Débat</div><h1>Le titre</h1><div>Artikel gepubliceerd op 10 oktober 2010</div>" + TEXT + "</main>");
    assertThat(a.published()).isEqualTo("2010-10-10");
    assertThat(a.surtitle()).isEqualTo("Débat");
    assertThat(a.subtitle()).isNull();
    assertThat(a.rubriquePath()).containsExactly("Archives", "N°13. Mai/may/ 2008");
    assertThat(a.issue().number()).isEqualTo(13);
  }

  @Test
  void aPageWhoseTitleIsNotInItsTextIsNotTakenForAnArticle() {
    String page = "<html lang=fr><head><title>Introuvable - Site</title></head><body><main><h1>Autre chose</h1>" + TEXT + "</main></body></html>";
    PageResult r = EXTRACTOR.extract(page.getBytes(StandardCharsets.UTF_8), java.net.URI.create("https://example.net/spip.php?article42"));
    assertThat(r).isInstanceOf(PageResult.OtherPage.class);
  }
}
