package org.spiparchiver.crawl.revisit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class ChangeSignalsTest {
  static final Path ESCAL = Path.of("src/test/resources/fixtures/escal-dev/bodies");
  static final URI SITE = URI.create("http://127.0.0.1:8091/");

  static String body(String sha1) throws Exception {
    return Files.readString(ESCAL.resolve(sha1));
  }

  @Test
  void readsPublicationAndModificationDatesFromEscalListing() throws Exception {
    // spip.php?rubrique116&debut_articles_rubs=5: the second page of "Livres/Books" in N°23.
    Map<Integer, String> signals = listing(
        body("483906de02fba0759a2cb19801c61f8c67016705.html"), SITE.resolve("spip.php?rubrique116&debut_articles_rubs=5"));
    assertThat(signals).containsEntry(1237, "2010-10-08/").containsEntry(1236, "2010-10-07/").hasSize(5);
  }

  @Test
  void signalMovesWhenTheListingShowsANewModificationDate() {
    String before = listing("");
    String after = listing("dernière modification le 3 novembre 2012");
    URI url = SITE.resolve("spip.php?rubrique116");
    assertThat(listing(before, url).get(1242)).isEqualTo("2010-10-13/");
    assertThat(listing(after, url).get(1242)).isEqualTo("2010-10-13/2012-11-03");
  }

  @Test
  void readsDcDateOfEveryRssItem() throws Exception {
    Map<Integer, String> signals = ChangeSignals.fromRss(
        Files.readAllBytes(ESCAL.resolve("8674cebbbb03c37c2f8271ea318caa9a682aab8b.xml")), SITE.resolve("spip.php?page=backend"));
    assertThat(signals).hasSize(10).containsEntry(1330, "2012-11-19T11:50:00Z");
  }

  @Test
  void ignoresListingEntriesWithoutDatesAndLinksThatAreNotArticles() {
    String html = "<div class=cadre-articles-rubrique><a href='spip.php?rubrique3'>x</a>"
        + "<div class=date-article>Article mis en ligne le 7 octobre 2010</div></div>"
        + "<div class=cadre-articles-rubrique><a href='spip.php?article9'>y</a></div>";
    assertThat(listing(html, SITE)).isEmpty();
  }

  static Map<Integer, String> listing(String html, URI url) {
    return ChangeSignals.fromListing(Jsoup.parse(html, url.toString()));
  }

  @Test
  void oneArticleListedInTwoLanguagesHasOneSignal() {
    String fr = "<div class=cadre-articles-rubrique><a href='spip.php?article7'>t</a>"
        + "<div class=date-article>Article mis en ligne le 7 octobre 2010</div></div>";
    String es = "<div class=cadre-articles-rubrique><a href='spip.php?article7'>t</a>"
        + "<div class=date-article>Artículo puesto en línea el 7 de octubre de 2010</div></div>";
    assertThat(listing(fr, SITE)).isEqualTo(listing(es, SITE));
  }

  static String listing(String modified) {
    return "<div class=cadre-articles-rubrique><a class=articles-rubrique href='spip.php?article1242&amp;lang=fr'>t</a>"
        + "<div class=date-article>Article mis en ligne le <span>13 octobre 2010</span></div>"
        + "<div class=date-modif-article>" + modified + "</div></div>";
  }
}
