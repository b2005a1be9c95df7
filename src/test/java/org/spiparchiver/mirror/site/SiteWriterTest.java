package org.spiparchiver.mirror.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteWriterTest {
  static final URI HOME = URI.create("https://mag.example/");
  static final Instant WHEN = Instant.parse("2026-11-26T13:58:43Z");
  /** The default crawl.max_body_size. */
  static final long MAX_BODY = 20L << 20;
  @TempDir Path mirror;
  SiteWriter writer;

  /** A small crawl rule: on mag.example, fragments and {@code lang=} dropped; off-site and {@code page=login} out of scope. */
  static final Canonicalizer RULE = (link, embedded) -> {
    URI u = URI.create(link);
    if (!"mag.example".equals(u.getHost()) || link.contains("page=login")) return Optional.empty();
    return Optional.of(URI.create(link.replaceAll("[&?]lang=[a-z]+", "").replaceAll("\\?\\d+$", "")));
  };

  @BeforeEach
  void open() {
    writer = new SiteWriter(mirror, mirror.resolve("site"), HOME, RULE, new Captures(), MAX_BODY);
  }

  void archive(String url, String type, String body) throws Exception {
    writer.captured(URI.create(url), type, WHEN, body.getBytes(StandardCharsets.UTF_8), null, -1, false);
  }

  Document page(String path) throws Exception {
    return Jsoup.parse(Files.readString(mirror.resolve(path), StandardCharsets.UTF_8));
  }

  @Test
  void readsAPageInTheCharsetOnlyItsHttpHeaderDeclares() throws Exception {
    String html = "<html><head><title>Grève générale</title></head><body><p id=\"t\">L\u2019été à Athènes</p></body></html>";
    // ISO-8859-1 reads as windows-1252 (as browsers do): 0x92 is the curly apostrophe.
    byte[] latin1 = html.getBytes(java.nio.charset.Charset.forName("windows-1252"));
    writer.captured(URI.create("https://mag.example/spip.php?article7"), "text/html; charset=ISO-8859-1", WHEN, latin1, null, -1, false);

    Document d = page("site/mag.example/article7.html");
    assertThat(d.title()).isEqualTo("Grève générale");
    assertThat(d.selectFirst("#t").text()).isEqualTo("L\u2019été à Athènes");
    assertThat(d.selectFirst("meta[charset]").attr("charset")).isEqualTo("utf-8");
  }

  @Test
  void writesANoticeWithTheLiveLinkForAPageBeyondTheParseLimits() throws Exception {
    // 200,000 nested tags with an embedded script: parsed in full, the tree would not fit a crawl's heap.
    String hostile = "<html><head><script src=\"prive/javascript/jquery.js\"></script></head><body>"
        + "<div>".repeat(200_000) + "deep</body></html>";
    archive("https://mag.example/spip.php?article9", "text/html", hostile);

    Document d = page("site/mag.example/article9.html");
    assertThat(d.body().text()).contains("not in the offline copy").contains("tags (limit 100000)");
    assertThat(d.selectFirst("meta[name=archived-from]").attr("content")).isEqualTo("https://mag.example/spip.php?article9");
    assertThat(d.select("a").eachAttr("href")).containsExactly("https://mag.example/spip.php?article9");
    assertThat(d.select("script, link, img, iframe")).isEmpty();
  }

  @Test
  void rewritesReferencesToArchivedUrlsAsRelativePathsAndNeutralisesTheRest() throws Exception {
    archive("https://mag.example/squelettes/img/bg.png", "image/png", "png");
    archive("https://mag.example/squelettes/a.css", "text/css", "body{background:url(img/bg.png)} @import 'b.css';");
    archive("https://mag.example/IMG/x.jpg", "image/jpeg", "jpg");
    archive("https://mag.example/spip.php?article2", "text/html", "<p>2</p>");
    archive("https://mag.example/spip.php?rubrique1", "text/html", """
        <html><head><base href="https://mag.example/"><link rel="stylesheet" href="squelettes/a.css?12">
        <link rel="stylesheet" href="prive/spip_style.css"><link rel="dns-prefetch" href="//cdn.example">
        <script src="prive/javascript/jquery.js"></script>
        <style>h1{background:url('IMG/x.jpg')} h2{background:url(IMG/missing.png)}</style></head><body>
        <a id="art" href="spip.php?article2&amp;lang=fr#notes">2</a>
        <a id="later" href="spip.php?article3">3</a>
        <a id="ext" href="https://www.spip.net/">spip</a>
        <a id="login" href="spip.php?page=login">login</a>
        <a id="frag" href="#top">top</a>
        <img id="img" src="IMG/x.jpg" srcset="IMG/x.jpg 1x, IMG/big.jpg 2x">
        <img id="gone" src="IMG/gone.jpg" srcset="IMG/gone.jpg 2x">
        <div id="styled" style="background-image:url(IMG/x.jpg)"></div>
        <iframe id="frame" src="https://video.example/embed/1"></iframe>
        <form id="search" action="spip.php?page=recherche"><input name="q"></form>
        <a id="bad" href="http://[bad">bad</a><img id="badimg" src="http://[bad">
        </body></html>""");

    Document d = page("site/mag.example/rubrique1.html");
    assertThat(d.selectFirst("meta[name=archived-from]").attr("content")).isEqualTo("https://mag.example/spip.php?rubrique1");
    assertThat(d.selectFirst("meta[name=archived-date]").attr("content")).isEqualTo("2026-11-26T13:58:43Z");
    assertThat(d.select("base")).isEmpty();
    assertThat(d.getElementById("art").attr("href")).isEqualTo("article2.html#notes");
    assertThat(d.getElementById("later").attr("href")).isEqualTo("https://mag.example/spip.php?article3");
    assertThat(d.getElementById("ext").attr("href")).isEqualTo("https://www.spip.net/");
    assertThat(d.getElementById("login").attr("href")).isEqualTo("https://mag.example/spip.php?page=login");
    assertThat(d.getElementById("frag").attr("href")).isEqualTo("#top");
    assertThat(d.getElementById("img").attr("src")).isEqualTo("IMG/x.jpg");
    assertThat(d.getElementById("img").attr("srcset")).isEqualTo("IMG/x.jpg 1x");
    assertThat(d.getElementById("img").attr("data-archived-srcset")).isEqualTo("IMG/x.jpg 1x, IMG/big.jpg 2x");
    assertThat(d.getElementById("gone").hasAttr("src")).isFalse();
    assertThat(d.getElementById("gone").hasAttr("srcset")).isFalse();
    assertThat(d.getElementById("gone").attr("data-archived-src")).isEqualTo("https://mag.example/IMG/gone.jpg");
    assertThat(d.getElementById("styled").attr("style")).isEqualTo("background-image:url(\"IMG/x.jpg\")");
    assertThat(d.getElementById("frame").attr("data-archived-src")).isEqualTo("https://video.example/embed/1");
    assertThat(d.getElementById("search").attr("action")).isEqualTo("https://mag.example/spip.php?page=recherche");
    assertThat(d.getElementById("bad")).isNotNull();
    assertThat(d.getElementById("badimg").hasAttr("src")).isFalse();
    assertThat(d.select("link[rel=stylesheet]").get(0).attr("href")).isEqualTo("squelettes/a.css");
    assertThat(d.select("link[rel=stylesheet]").get(1).attr("data-archived-href")).isEqualTo("https://mag.example/prive/spip_style.css");
    assertThat(d.select("link[rel=dns-prefetch]").attr("href")).isEmpty();
    assertThat(d.select("script").attr("data-archived-src")).isEqualTo("https://mag.example/prive/javascript/jquery.js");
    assertThat(d.select("style").html()).contains("url(\"IMG/x.jpg\")").contains("url(\"about:invalid\")");

    String css = Files.readString(mirror.resolve("site/mag.example/squelettes/a.css"));
    assertThat(css).contains("url(\"img/bg.png\")").contains("/* not archived: https://mag.example/squelettes/b.css */")
        .doesNotContain("@import");
  }

  @Test
  void bringsUpToDateAtTheEndPagesLinkingToPagesArchivedAfterThem() throws Exception {
    // The body is read back from the WARC at the end: here, a writer whose captures point at no file
    // still redoes the page when written again with the new view.
    archive("https://mag.example/", "text/html", "<a id='a' href='spip.php?article5'>5</a>");
    assertThat(page("site/mag.example/index.html").getElementById("a").attr("href")).isEqualTo("https://mag.example/spip.php?article5");
    assertThat(page("site/index.html").getElementById("a").attr("href")).isEqualTo("https://mag.example/spip.php?article5");
    archive("https://mag.example/spip.php?article5", "text/html", "<p>5</p>");
    archive("https://mag.example/", "text/html", "<a id='a' href='spip.php?article5'>5</a>");
    assertThat(page("site/mag.example/index.html").getElementById("a").attr("href")).isEqualTo("article5.html");
    assertThat(page("site/index.html").getElementById("a").attr("href")).isEqualTo("mag.example/article5.html");
  }

  @Test
  void marksARemovedPageWithABannerOnce() throws Exception {
    archive("https://mag.example/spip.php?article7", "text/html", "<html><body><p>seven</p></body></html>");
    writer.markRemoved(URI.create("https://mag.example/spip.php?article7"), "2026-11-28T03:00:00Z");
    writer.markRemoved(URI.create("https://mag.example/spip.php?article7"), "2026-11-28T03:00:00Z");
    Document d = page("site/mag.example/article7.html");
    assertThat(d.select(".spip-archiver-removed")).hasSize(1);
    assertThat(d.select(".spip-archiver-removed").text()).contains("removed from the site on 2026-11-28");
    assertThat(d.select("p").text()).isEqualTo("seven");
  }

  @Test
  void listsEachSitesHomeInTheIndexWhenTheArchiveHoldsSeveral() throws Exception {
    archive("https://mag.example/", "text/html", "<p>mag</p>");
    archive("http://old.example:8080/", "text/html", "<p>old</p>");
    writer.finish();
    Document index = page("site/index.html");
    assertThat(index.select("a").eachAttr("href")).containsExactly("old.example_8080/index.html", "mag.example/index.html");
    assertThat(mirror.resolve("site/old.example_8080/index.html")).isRegularFile();
  }
}
