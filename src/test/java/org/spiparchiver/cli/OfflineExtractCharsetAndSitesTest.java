package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.model.Article;
import org.spiparchiver.testing.HandMadeArchive;

/**
 * {@code extract} reads an archived page as the crawl did: its charset from the archived HTTP
 * Content-Type by the one rule (BOM, HTTP, meta, UTF-8, windows-1252), and, in an archive of several
 * sites, each site's pages into that site's records, named by its key.
 */
class OfflineExtractCharsetAndSitesTest {
  static final URI SITE = URI.create("http://mag.example/");
  /** spip4-dist's article 811, "Notes de lecture : trois revues à découvrir". */
  static final String ARTICLE = "/spip.php?article811";
  static final String META_UTF8 = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />";

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  static String page() throws Exception {
    String html = HandMadeArchive.fixturePage("spip4-dist", ARTICLE);
    assertThat(html).contains(META_UTF8);
    return html;
  }

  /** The title as the page shows it (SPIP typography), read from the page as captured: the truth. */
  static String shownTitle() throws Exception {
    return org.jsoup.Jsoup.parse(page()).selectFirst("h1").text();
  }

  /** {@code text} in windows-1252, what the page cannot hold there as character references. */
  static byte[] latin1(String text) {
    CharsetEncoder enc = Charset.forName("windows-1252").newEncoder();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    text.codePoints().forEach(cp -> {
      String c = new String(Character.toChars(cp));
      if (enc.canEncode(c)) b.writeBytes(c.getBytes(Charset.forName("windows-1252")));
      else b.writeBytes(("&#" + cp + ";").getBytes(StandardCharsets.US_ASCII));
    });
    return b.toByteArray();
  }

  Article extractOne(String contentType, byte[] payload) throws Exception {
    Path mirror = dir.resolve("mirror");
    try (HandMadeArchive a = HandMadeArchive.open(mirror, SITE)) {
      a.response(ARTICLE.substring(1), "Content-Type: " + contentType, payload);
    }
    assertThat(run("--site", SITE.toString(), "--mirror", mirror.toString(), "extract")).as(out + "" + err).isZero();
    return new ArticleRecords(mirror).read(811).orElseThrow();
  }

  @Test
  void readsAPageInIso88591DeclaredOnlyInTheArchivedHttpHeader() throws Exception {
    assertThat(shownTitle()).contains("à découvrir");
    byte[] payload = latin1(page().replace(META_UTF8, ""));

    Article a = extractOne("text/html; charset=ISO-8859-1", payload);

    assertThat(a.title()).isEqualTo(shownTitle());
    assertThat(a.extraction().warnings()).noneMatch(w -> w.contains("charset"));
  }

  @Test
  void theArchivedHttpCharsetWinsOverAWrongMeta() throws Exception {
    byte[] payload = page().replace(META_UTF8, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\" />")
        .getBytes(StandardCharsets.UTF_8);

    Article a = extractOne("text/html; charset=utf-8", payload);

    assertThat(a.title()).isEqualTo(shownTitle());
  }

  @Test
  void inAnArchiveOfTwoSitesEachSitesNewRecordsNameTheirSiteAsTheCrawlDoes() throws Exception {
    Path mirror = dir.resolve("mirror");
    URI second = URI.create("http://revue2.example/");
    byte[] html = page().getBytes(StandardCharsets.UTF_8);
    try (HandMadeArchive a = HandMadeArchive.open(mirror, SITE)) {
      a.response(ARTICLE.substring(1), "Content-Type: text/html; charset=utf-8", html);
    }
    try (HandMadeArchive a = HandMadeArchive.open(mirror.resolve("sites/revue2"), second)) {
      a.response(ARTICLE.substring(1), "Content-Type: text/html; charset=utf-8", html);
    }

    assertThat(run("--mirror", mirror.toString(), "extract")).as(out + "" + err).isZero();

    Article first = new ArticleRecords(mirror).read(811).orElseThrow();
    Article other = new ArticleRecords(mirror.resolve("sites/revue2")).read(811).orElseThrow();
    // The keys the archive gives its sites (mirror.ArchiveSites.keyOf of each URL).
    assertThat(first.site()).isEqualTo("mag");
    assertThat(first.url()).isEqualTo(SITE + "spip.php?article811");
    assertThat(other.site()).isEqualTo("revue2");
    assertThat(other.url()).isEqualTo(second + "spip.php?article811");
    assertThat(out.toString()).contains("2 article captures read: 2 records written");
  }
}
