package org.spiparchiver.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlRulesTest {
  static final URI BASE = URI.create("https://mag.example/spip.php?article1");
  final UrlRules rules = new UrlRules(URI.create("https://mag.example/"), List.of("cdn.example"));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      spip.php?article839&lang=fr                         | https://mag.example/spip.php?article839 | ARTICLE
      spip.php?article839                                 | https://mag.example/spip.php?article839 | ARTICLE
      /article839.html                                    | https://mag.example/spip.php?article839 | ARTICLE
      spip.php?page=article&id_article=839                | https://mag.example/spip.php?article839 | ARTICLE
      spip.php?article839&debut_meme_rubrique=5#pagination | https://mag.example/spip.php?article839 | ARTICLE
      spip.php?article839&var_mode=calcul                 | https://mag.example/spip.php?article839 | ARTICLE
      HTTPS://MAG.EXAMPLE:443/spip.php?article839#forum   | https://mag.example/spip.php?article839 | ARTICLE
      spip.php?rubrique12&lang=es                         | https://mag.example/spip.php?rubrique12 | RUBRIQUE
      rubrique12.html                                     | https://mag.example/spip.php?rubrique12 | RUBRIQUE
      spip.php?page=rubrique&id_rubrique=12               | https://mag.example/spip.php?rubrique12 | RUBRIQUE
      spip.php?rubrique116&lang=fr&debut_articles_rubs=5  | https://mag.example/spip.php?rubrique116&debut_articles_rubs=5 | RUBRIQUE
      /?lang=fr                                           | https://mag.example/                    | HOME
      spip.php                                            | https://mag.example/                    | HOME
      /?debut_articles=10                                 | https://mag.example/?debut_articles=10  | HOME
      spip.php?page=backend                               | https://mag.example/spip.php?page=backend | FEED
      spip.php?page=plan&lang=nl                          | https://mag.example/spip.php?page=plan  | LISTING
      /sitemap.xml                                        | https://mag.example/sitemap.xml         | SITEMAP
      IMG/jpg/photo-athenes.jpg                           | https://mag.example/IMG/jpg/photo-athenes.jpg | IMAGE
      IMG/pdf/divergences-n13.pdf                         | https://mag.example/IMG/pdf/divergences-n13.pdf | DOCUMENT
      local/cache-vignettes/L150xH200/une-n20-e6ef1.jpg?1795699849 | https://mag.example/local/cache-vignettes/L150xH200/une-n20-e6ef1.jpg?1795699849 | IMAGE
      https://cdn.example/IMG/jpg/x.jpg                   | https://cdn.example/IMG/jpg/x.jpg       | IMAGE
      IMG/jpg/agenda-2008.jpg                             | https://mag.example/IMG/jpg/agenda-2008.jpg | IMAGE
      """)
  void canonicalisesNavigationLinks(String link, String canonical, UrlKind kind) {
    UrlRules.Decision d = rules.decide(BASE, link, UrlRules.Role.NAVIGATION);
    assertThat(d.rejected()).isNull();
    assertThat(d.target().url()).hasToString(canonical);
    assertThat(d.target().kind()).isEqualTo(kind);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      squelettes-dist/css/reset.css?1738231487            | https://mag.example/squelettes-dist/css/reset.css?1738231487 | REQUISITE
      plugins-dist/mediabox/lib/lity/lity.js?1738231487   | https://mag.example/plugins-dist/mediabox/lib/lity/lity.js?1738231487 | REQUISITE
      spip.php?page=config.css&lang=fr                    | https://mag.example/spip.php?page=config.css | REQUISITE
      plugins/escal/images/rss.svg                        | https://mag.example/plugins/escal/images/rss.svg | IMAGE
      """)
  void acceptsEmbeddedRequisites(String link, String canonical, UrlKind kind) {
    UrlRules.Decision d = rules.decide(BASE, link, UrlRules.Role.EMBED);
    assertThat(d.target().url()).hasToString(canonical);
    assertThat(d.target().kind()).isEqualTo(kind);
  }

  @ParameterizedTest(name = "{0} rejected")
  @CsvSource(delimiter = '|', textBlock = """
      spip.php?action=cookie&url=spip.php%3Farticle1
      spip.php?page=login&url=spip.php%3Farticle849
      spip.php?page=spip_pass&lang=fr
      spip.php?page=recherche&recherche=anarchie
      spip.php?recherche=anarchie
      spip.php?page=forum&id_article=849
      spip.php?article849&id_forum=12
      spip.php?page=calendrier&mois=5
      spip.php?page=agenda
      spip.php?rubrique3&debut_articles=@839
      spip.php?rubrique3&debut_articles=%40839
      spip.php?page=contact
      spip.php?mot10
      spip.php?auteur4
      spip.php?page=backend&id_rubrique=1
      ecrire/?exec=accueil
      https://www.spip.net/
      https://cdn.example/spip.php?article1
      mailto:someone@mag.example
      javascript:void(0)
      squelettes-dist/css/reset.css
      """)
  void rejectsTrapsAndOutOfScopeLinks(String link) {
    assertThat(rules.decide(BASE, link, UrlRules.Role.NAVIGATION).accepted()).isFalse();
  }

  @ParameterizedTest(name = "{0} rejected even embedded")
  @CsvSource(delimiter = '|', textBlock = """
      spip.php?action=captcha
      spip.php?page=login
      ecrire/img/logo.png
      """)
  void rejectsTrapsEvenWhenEmbedded(String link) {
    assertThat(rules.decide(BASE, link, UrlRules.Role.EMBED).accepted()).isFalse();
  }

  @org.junit.jupiter.api.Test
  void respectsASiteInASubdirectory() {
    UrlRules sub = new UrlRules(URI.create("https://host.example/revue/"), List.of());
    assertThat(sub.decide(URI.create("https://host.example/revue/"), "spip.php?article5&lang=fr", UrlRules.Role.NAVIGATION)
        .target().url()).hasToString("https://host.example/revue/spip.php?article5");
    assertThat(sub.decide(URI.create("https://host.example/revue/"), "/other/spip.php?article5", UrlRules.Role.NAVIGATION)
        .accepted()).isFalse();
  }

  @ParameterizedTest(name = "{0} rejected, no exception")
  @CsvSource(delimiter = '|', textBlock = """
      spip.php?article99999999999
      article99999999999.html
      spip.php?rubrique99999999999
      rubrique99999999999.html
      spip.php?page=article&id_article=99999999999
      spip.php?id_rubrique=99999999999&debut_articles=5
      spip.php?article0
      article0.html
      spip.php?page=article&id_article=0
      http://[::1
      https://mag.example:99999/spip.php?article1
      """)
  void rejectsUnreadableObjectIdsWithoutThrowing(String link) {
    for (UrlRules.Role role : UrlRules.Role.values()) {
      UrlRules.Decision d = rules.decide(BASE, link, role);
      assertThat(d.accepted()).as("%s as %s", link, role).isFalse();
      assertThat(d.rejected()).isNotBlank();
    }
  }

  @org.junit.jupiter.api.Test
  void acceptsTheLargestSqlIntegerIdAsAnArticle() {
    UrlRules.Decision d = rules.decide(BASE, "spip.php?article2147483647", UrlRules.Role.NAVIGATION);
    assertThat(d.target().objectId()).isEqualTo(2147483647);
    assertThat(rules.decide(BASE, "spip.php?article2147483648", UrlRules.Role.NAVIGATION).accepted()).isFalse();
  }
}
