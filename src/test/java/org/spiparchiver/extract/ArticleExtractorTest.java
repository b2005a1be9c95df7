package org.spiparchiver.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spiparchiver.config.Config;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Image;
import org.spiparchiver.model.Translation;

class ArticleExtractorTest {
  static final Path PAGES = Path.of("src/test/resources/extract/pages");
  private static final ArticleExtractor EXTRACTOR = new ArticleExtractor(new Config.Extraction(null, null));

  static Article article(String page, String url) throws IOException {
    return article(EXTRACTOR, Files.readAllBytes(PAGES.resolve(page)), url);
  }

  static Article article(ArticleExtractor extractor, byte[] html, String url) {
    PageResult r = extractor.extract(html, URI.create(url));
    assertThat(r).isInstanceOf(PageResult.ArticlePage.class);
    return ((PageResult.ArticlePage) r).article();
  }

  @Test
  void readsSpip3DefaultTemplateInLatin1() throws IOException {
    Article a = article("spip3-dist-latin1.html", "http://example.org/revue/spip.php?article839&lang=fr");
    assertThat(a.id()).isEqualTo(839);
    assertThat(a.url()).isEqualTo("http://example.org/revue/spip.php?article839");
    assertThat(a.extraction().template()).isEqualTo("spip-dist");
    assertThat(a.title()).isEqualTo("Le titre à accents : « été »");
    assertThat(a.surtitle()).isEqualTo("Débat");
    assertThat(a.subtitle()).as("declared ISO-8859-1, read as windows-1252").isEqualTo("Un sous-titre l’été – 20€");
    assertThat(a.authors()).containsExactly("Anne Auteur", "Bruno Bé");
    assertThat(a.published()).isEqualTo("2008-05-13T08:00:00Z");
    assertThat(a.modified()).isNull();
    assertThat(a.issue().number()).isEqualTo(13);
    assertThat(a.issue().rubriqueId()).isEqualTo(5);
    assertThat(a.rubriquePath()).containsExactly("N°13. Mai/may/ 2008", "Débats");
    assertThat(a.section()).isEqualTo("Débats");
    assertThat(a.chapo()).isEqualTo("Le chapeau, avec une espace fine !");
    assertThat(a.ps()).isEqualTo("Post-scriptum.");
    assertThat(a.notes()).containsExactly("La note.");
    assertThat(a.keywords()).containsExactly("Débats", "Été");
    assertThat(a.extraction().warnings()).isEmpty();
  }

  @Test
  void readsSpip2DefaultTemplate() throws IOException {
    Article a = article("spip2-dist.html", "http://example.org/spip.php?article806");
    assertThat(a.extraction().template()).isEqualTo("spip-dist");
    assertThat(a.lang()).isEqualTo("en");
    assertThat(a.title()).isEqualTo("Letter from Chicago: organizing the unorganized");
    assertThat(a.authors()).containsExactly("Tom Whitaker");
    assertThat(a.published()).isEqualTo("2008-06-03T09:00:00Z");
    assertThat(a.rubriquePath()).containsExactly("N°14. Juin/june/ 2008", "International");
    assertThat(a.issue().months()).containsExactly(6);
    assertThat(a.text()).isEqualTo("First paragraph[1].");
    assertThat(a.ps()).isEqualTo("Written in May.");
    assertThat(a.notes()).containsExactly("A footnote.");
    assertThat(a.keywords()).containsExactly("Labour");
    assertThat(a.translations()).containsExactly(new Translation("fr", "http://example.org/spip.php?article805"));
    assertThat(a.chapo()).isEqualTo("The chapo.");
    assertThat(a.images()).as("the site logo is chrome").extracting(Image::role, Image::originalUrl)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("inline", "http://example.org/IMG/jpg/chicago.jpg"));
    assertThat(a.extraction().warnings()).isEmpty();
  }

  @Test
  void aByteOrderMarkWinsOverTheDeclaredCharset() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] page = ("<html lang=fr><head><meta charset=iso-8859-1></head><body class='page-article article5'>"
        + "<div id='titre-article'>L’été à Gênes</div></body></html>").getBytes(StandardCharsets.UTF_8);
    byte[] html = new byte[bom.length + page.length];
    System.arraycopy(bom, 0, html, 0, bom.length);
    System.arraycopy(page, 0, html, bom.length, page.length);
    assertThat(article(EXTRACTOR, html, "https://divergences.be/spip.php?article5").title()).isEqualTo("L’été à Gênes");
  }

  @Test
  void writesTextAsParagraphsWithIntertitlesListsAndNoteCalls() throws IOException {
    Article a = article("spip3-dist-latin1.html", "http://example.org/revue/spip.php?article839");
    assertThat(a.text()).isEqualTo("""
        Premier paragraphe avec une note[1] et un lien interne.

        Un intertitre

        premier point ;
        second point.

        Une ligne
        et la suivante.

        Texte après la carte.""");
  }

  @Test
  void findsLogoInlineImagesAndAttachmentsButNotSiteChrome() throws IOException {
    Article a = article("spip3-dist-latin1.html", "http://example.org/revue/spip.php?article839");
    assertThat(a.images()).extracting(Image::role, Image::originalUrl, Image::title, Image::caption, Image::credits)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("logo", "http://example.org/revue/IMG/arton839.jpg", null, null, null),
            org.assertj.core.groups.Tuple.tuple("inline", "http://example.org/revue/IMG/jpg/Sans-titre-1-4.jpg", "Une image", "Sa description.", "Photo : X"),
            org.assertj.core.groups.Tuple.tuple("inline", "http://example.org/revue/IMG/png/carte.png", null, null, null));
    assertThat(a.images().get(1).url()).isEqualTo("http://example.org/revue/local/cache-vignettes/L400xH263/Sans-titre-1-4-59be5.jpg");
    assertThat(a.images().get(1).width()).isEqualTo(400);
    assertThat(a.attachments()).singleElement().satisfies(d -> {
      assertThat(d.url()).isEqualTo("http://example.org/revue/IMG/pdf/numero13.pdf");
      assertThat(d.title()).isEqualTo("Le numéro 13");
      assertThat(d.type()).isEqualTo("pdf");
    });
  }

  @Test
  void readsEscalClassFormsWithEnglishDatesAndSurtitleAuthor() throws IOException {
    Article a = article("escal-classes-en.html", "https://divergences.be/spip.php?article839&lang=en");
    assertThat(a.extraction().template()).isEqualTo("escal");
    assertThat(a.lang()).isEqualTo("en");
    assertThat(a.title()).isEqualTo("The Russian Revolution in Retreat, 1920-24");
    assertThat(a.surtitle()).isEqualTo("Simon Pirani");
    assertThat(a.authors()).containsExactly("Simon Pirani");
    assertThat(a.published()).isEqualTo("2008-05-13");
    assertThat(a.modified()).isEqualTo("2009-03-02");
    assertThat(a.issue().number()).isEqualTo(52);
    assertThat(a.issue().year()).isEqualTo(2019);
    assertThat(a.issue().months()).containsExactly(5, 9);
    assertThat(a.rubriquePath()).containsExactly("Archives", "N° 52 MAI-SEPTEMBRE 2019");
    assertThat(a.chapo()).isEqualTo("A review.");
    assertThat(a.text()).isEqualTo("Body text.");
    assertThat(a.notes()).containsExactly("A note.");
    assertThat(a.keywords()).containsExactly("Russia");
    assertThat(a.images()).extracting(Image::role, Image::originalUrl, Image::title, Image::caption).containsExactly(
        org.assertj.core.groups.Tuple.tuple("logo", "https://divergences.be/IMG/logo/une-n52.jpg", null, null),
        org.assertj.core.groups.Tuple.tuple("inline", "https://divergences.be/IMG/jpg/cover.jpg", "The cover", "Routledge, 2008."));
  }

  @ParameterizedTest(name = "surtitle_as_author: {0}")
  @CsvSource({"AUTO, Simon Pirani", "ALWAYS, Simon Pirani", "NEVER, ''"})
  void surtitleBecomesAuthorAsConfigured(Config.SurtitleAuthors mode, String expected) throws IOException {
    ArticleExtractor extractor = new ArticleExtractor(new Config.Extraction(null, mode));
    Article a = article(extractor, Files.readAllBytes(PAGES.resolve("escal-classes-en.html")), "https://divergences.be/spip.php?article839");
    assertThat(a.authors()).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected));
    assertThat(a.surtitle()).isEqualTo("Simon Pirani");
  }

  @Test
  void alwaysTakesEvenALabelSurtitleWhenConfigured() {
    String page = "<html lang=fr><body class='page-article article5'><div id='surtitre-article'>SOMMAIRE</div>"
        + "<div id='titre-article'>Au sommaire</div></body></html>";
    URI url = URI.create("https://divergences.be/spip.php?article5");
    assertThat(article(EXTRACTOR, page.getBytes(StandardCharsets.UTF_8), url.toString()).authors()).isEmpty();
    ArticleExtractor always = new ArticleExtractor(new Config.Extraction(null, Config.SurtitleAuthors.ALWAYS));
    assertThat(article(always, page.getBytes(StandardCharsets.UTF_8), url.toString()).authors()).containsExactly("SOMMAIRE");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"^Issue (?<number>\\d+)$ | 0", "N° (?<number>\\d+) MAI | 52"})
  void usesTheConfiguredIssuePattern(String regex, int number) throws IOException {
    ArticleExtractor extractor = new ArticleExtractor(new Config.Extraction(Pattern.compile(regex), null));
    Article a = article(extractor, Files.readAllBytes(PAGES.resolve("escal-classes-en.html")), "https://divergences.be/spip.php?article839");
    if (number == 0) {
      assertThat(a.issue()).isNull();
    } else {
      assertThat(a.issue().number()).isEqualTo(number);
      assertThat(a.issue().year()).as("the pattern has no year group").isNull();
      assertThat(a.issue().months()).containsExactly(5, 9);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "<aside id='ps'><strong>P.S. : </strong><p>Merci.</p><p>Encore.</p></aside> | Merci.\\n\\nEncore.",
      "<aside id='ps'><strong>P.S. : </strong>Merci, sans paragraphe.</aside>    | Merci, sans paragraphe.",
  })
  void dropsThePsLabel(String psBox, String expected) {
    String page = "<html lang=fr><body class='page-article article5'><main id='contenu'><div id='titre-article'>T</div>"
        + "<div id='texte-article'><div><p>Texte.</p></div>" + psBox + "</div></main></body></html>";
    Article a = article(EXTRACTOR, page.getBytes(StandardCharsets.UTF_8), "https://divergences.be/spip.php?article5");
    assertThat(a.ps()).isEqualTo(expected.replace("\\n", "\n"));
    assertThat(a.text()).isEqualTo("Texte.");
  }

  @Test
  void fallsBackToGenericSignalsAndSaysWhatIsMissing() throws IOException {
    Article a = article("generic-crayons.html", "https://example.net/spip.php?page=article&id_article=77");
    assertThat(a.id()).isEqualTo(77);
    assertThat(a.url()).isEqualTo("https://example.net/spip.php?article77");
    assertThat(a.extraction().template()).isEqualTo("generic");
    assertThat(a.lang()).isEqualTo("es");
    assertThat(a.title()).isEqualTo("Los indignados");
    assertThat(a.text()).isEqualTo("Primer párrafo.\n\nSegundo párrafo.");
    assertThat(a.images()).isEmpty();
    assertThat(a.published()).as("from the head's metadata").isEqualTo("2011-07-10T18:30:00+02:00");
    assertThat(a.extraction().warnings()).containsExactly(
        "template not recognised: generic signals only", "no breadcrumb found");
  }

  @Test
  void takesTheIdFromTheOpenGraphUrlOfASavedPageWithoutCanonicalLink() {
    String page = "<html lang=fr><head><title>Le titre - Site</title>"
        + "<meta property='og:url' content='https://example.net/spip.php?article42'></head><body>"
        + "<nav><a href='spip.php?rubrique3'>Rubrique</a></nav><main><h1>Le titre</h1>"
        + "<div><p>Un premier paragraphe assez long pour compter, avec des virgules, et du sens.</p>"
        + "<p>Un second paragraphe, lui aussi assez long pour être du texte.</p></div></main></body></html>";
    Article a = article(EXTRACTOR, page.getBytes(StandardCharsets.UTF_8), "file:///tmp/saved.html");
    assertThat(a.id()).isEqualTo(42);
    assertThat(a.extraction().template()).isEqualTo("generic");
    assertThat(a.title()).isEqualTo("Le titre");
    assertThat(a.text()).startsWith("Un premier paragraphe");
    assertThat(a.rubriquePath()).containsExactly("Rubrique");
  }

  @Test
  void takesTheIdFromTheCanonicalLinkWhenTheUrlDoesNotSayIt() throws IOException {
    Article a = article("escal-classes-en.html", "file:///tmp/saved.html");
    assertThat(a.url()).isEqualTo("https://divergences.be/spip.php?article839");
    assertThat(a.images().get(0).url()).startsWith("https://divergences.be/local/cache-vignettes/");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "spip4-dist | /spip.php?rubrique7 | RUBRIQUE  | a rubrique page: N°10. Novembre/november/ 2007",
      "escal-dev  | /spip.php?rubrique111&lang=fr | RUBRIQUE | a rubrique page: N°22. Mai/may/ 2010",
      "spip4-dist | /                   | HOME      | the home page",
      "escal-dev  | /?lang=fr           | HOME      | the home page",
      "spip4-dist | /IMG/jpg/une-n10.jpg | NOT_FOUND | a 404 (not found) page",
      "escal-dev  | /IMG/jpg/une-n22.jpg | NOT_FOUND | a 404 (not found) page",
      "spip4-dist | /spip.php?mot3      | OTHER     | a mot page",
      "escal-dev  | /plugins/escal/article.html | OTHER | an article template without an article id",
  })
  void saysWhatAPageIsWhenItIsNotAnArticle(String site, String path, PageKind kind, String description) {
    Fixtures f = Fixtures.site(site);
    PageResult r = EXTRACTOR.extract(f.body(path), f.url(path));
    assertThat(r).isInstanceOf(PageResult.OtherPage.class);
    PageResult.OtherPage other = (PageResult.OtherPage) r;
    assertThat(other.kind()).isEqualTo(kind);
    assertThat(other.description()).startsWith(description);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "empty.html   | an empty page",
      "garbage.bin  | binary data, not an HTML page",
  })
  void refusesInputThatIsNoPage(String file, String description) throws IOException {
    PageResult r = EXTRACTOR.extract(Files.readAllBytes(PAGES.resolve(file)), URI.create("file:///x"));
    assertThat(r).isEqualTo(new PageResult.OtherPage(PageKind.OTHER, description));
  }

  @Test
  void plainTextIsNotAnArticle() throws IOException {
    PageResult r = EXTRACTOR.extract(Files.readAllBytes(PAGES.resolve("not-html.txt")), URI.create("https://example.org/spip.php?article3"));
    assertThat(r).isInstanceOf(PageResult.OtherPage.class);
  }
}
