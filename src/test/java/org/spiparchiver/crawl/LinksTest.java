package org.spiparchiver.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinksTest {
  static final URI PAGE = URI.create("https://mag.example/spip.php?article1");

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void findsNavigationAndEmbeddedLinksOfAPage() {
    String html = """
        <html><head><link rel="stylesheet" href="squelettes/css/a.css?1"><link rel="alternate" href="spip.php?page=backend">
        <script src="prive/js.js"></script><style>body{background:url('IMG/bg.png')}</style></head>
        <body><a href="spip.php?article2">2</a><img src="local/cache-vignettes/L1xH1/x.jpg?2" srcset="IMG/x.jpg 2x, IMG/y.jpg 3x">
        <div style="background-image:url(IMG/z.png)"></div></body></html>""";
    List<Links.Link> links = Links.html(Links.parseHtml(bytes(html), PAGE));
    assertThat(links).contains(
        new Links.Link("https://mag.example/spip.php?article2", UrlRules.Role.NAVIGATION),
        new Links.Link("https://mag.example/spip.php?page=backend", UrlRules.Role.NAVIGATION),
        new Links.Link("https://mag.example/squelettes/css/a.css?1", UrlRules.Role.EMBED),
        new Links.Link("https://mag.example/prive/js.js", UrlRules.Role.EMBED),
        new Links.Link("https://mag.example/IMG/bg.png", UrlRules.Role.EMBED),
        new Links.Link("https://mag.example/local/cache-vignettes/L1xH1/x.jpg?2", UrlRules.Role.EMBED),
        new Links.Link("https://mag.example/IMG/x.jpg", UrlRules.Role.EMBED),
        new Links.Link("https://mag.example/IMG/y.jpg", UrlRules.Role.EMBED),
        new Links.Link("https://mag.example/IMG/z.png", UrlRules.Role.EMBED));
  }

  @Test
  void resolvesStylesheetUrlsAgainstTheStylesheet() {
    String css = "@import 'reset.css'; .a{background:url(\"../img/a.png\")} .b{background:url(data:image/png;base64,xx)}";
    assertThat(Links.css(bytes(css), URI.create("https://mag.example/squelettes/css/main.css")))
        .extracting(Links.Link::href)
        .containsExactlyInAnyOrder("https://mag.example/squelettes/img/a.png", "https://mag.example/squelettes/css/reset.css");
  }

  @Test
  void readsSitemapUrlsAndNestedSitemaps() {
    String urlset = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc>https://mag.example/spip.php?article1</loc></url>
        <url><loc>https://mag.example/spip.php?rubrique2</loc></url></urlset>""";
    assertThat(Links.sitemap(bytes(urlset), "text/xml", URI.create("https://mag.example/sitemap.xml")))
        .extracting(Links.Link::href)
        .containsExactly("https://mag.example/spip.php?article1", "https://mag.example/spip.php?rubrique2");
    String index = """
        <?xml version="1.0" encoding="UTF-8"?>
        <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>https://mag.example/sitemap-articles.xml</loc></sitemap></sitemapindex>""";
    assertThat(Links.sitemap(bytes(index), "text/xml", URI.create("https://mag.example/sitemap.xml")))
        .extracting(Links.Link::href).containsExactly("https://mag.example/sitemap-articles.xml");
  }

  @Test
  void readsFeedItems() {
    String rss = """
        <?xml version="1.0"?><rss version="2.0"><channel><link>https://mag.example/</link>
        <item><link>https://mag.example/spip.php?article9</link><guid isPermaLink="true">https://mag.example/spip.php?article9</guid>
        <enclosure url="https://mag.example/IMG/pdf/n9.pdf" type="application/pdf"/></item></channel></rss>""";
    assertThat(Links.feed(bytes(rss), URI.create("https://mag.example/spip.php?page=backend")))
        .extracting(Links.Link::href)
        .contains("https://mag.example/", "https://mag.example/spip.php?article9", "https://mag.example/IMG/pdf/n9.pdf");
  }

  @Test
  void toleratesAnUnreadableSitemap() {
    assertThat(Links.sitemap(bytes("<html>oops"), "text/html", URI.create("https://mag.example/sitemap.xml"))).isEmpty();
  }
}
