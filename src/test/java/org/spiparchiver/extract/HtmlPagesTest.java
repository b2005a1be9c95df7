package org.spiparchiver.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spiparchiver.config.Config;
import org.spiparchiver.mirror.HtmlPages;

/**
 * The page-decoding rule: HTML's charset sniffing order, and parse limits that turn hostile pages
 * into a "too complex" result. The hostile inputs are generated; each is refused by a count over
 * its bytes or over a tree the limits keep small, so none of these tests can hang.
 */
class HtmlPagesTest {
  private static final URI URL = URI.create("https://divergences.be/spip.php?article5");
  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final ArticleExtractor EXTRACTOR = new ArticleExtractor(new Config.Extraction(null, null));

  private static String title(byte[] page, String contentType) {
    HtmlPages.Page p = HtmlPages.parse(page, contentType, URL);
    assertThat(p).isInstanceOf(HtmlPages.Parsed.class);
    return ((HtmlPages.Parsed) p).document().title();
  }

  private static byte[] page(String meta, String title, Charset encoding) {
    return ("<html><head>" + meta + "<title>" + title + "</title></head><body><p>x</p></body></html>").getBytes(encoding);
  }

  @ParameterizedTest(name = "header {0}, meta {1}")
  @CsvSource(delimiter = '|', value = {
      "text/html; charset=iso-8859-1   | <meta charset=utf-8>     | windows-1252",
      "text/html; charset=windows-1252 | <meta charset=utf-8>     | windows-1252",
      "text/html;charset=\"UTF-8\"     | <meta charset=iso-8859-1> | UTF-8",
      "text/html                       | <meta charset=iso-8859-1> | windows-1252",
      "text/html                       | <meta http-equiv='Content-Type' content='text/html; charset=utf-8'> | UTF-8",
      "text/html; charset=bogus-label  | <meta charset=windows-1252> | windows-1252",
  })
  void transportCharsetWinsOverMetaThenMetaWins(String contentType, String meta, String expected) {
    Charset encoding = Charset.forName(expected);
    String title = "L’été – 20€";
    assertThat(title(page(meta, title, encoding), contentType)).isEqualTo(title);
  }

  @Test
  void byteOrderMarkWinsOverTheTransportCharset() {
    byte[] body = page("", "L’été", StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    assertThat(title(withBom, "text/html; charset=iso-8859-1")).isEqualTo("L’été");
  }

  @Test
  void undeclaredUtf8IsReadAsUtf8WithoutWarning() {
    HtmlPages.Parsed p = (HtmlPages.Parsed) HtmlPages.parse(page("", "L’été", StandardCharsets.UTF_8), null, URL);
    assertThat(p.document().title()).isEqualTo("L’été");
    assertThat(p.warnings()).isEmpty();
  }

  @Test
  void undeclaredLatinBytesAreWindows1252WithAWarningInTheRecord() {
    byte[] html = ("<html lang=fr><body class='page-article article5'><div id='titre-article'>L’été à Gênes – 20€</div>"
        + "<div id='texte-article'><p>Texte.</p></div></body></html>").getBytes(CP1252);
    var a = ArticleExtractorTest.article(EXTRACTOR, html, URL.toString());
    assertThat(a.title()).isEqualTo("L’été à Gênes – 20€");
    assertThat(a.extraction().warnings()).contains("charset not declared and the page is not valid UTF-8: read as windows-1252");
  }

  @Test
  void theExtractorTakesTheTransportCharset() {
    byte[] html = ("<html lang=fr><head><meta charset=utf-8></head><body class='page-article article5'>"
        + "<div id='titre-article'>Gênes</div></body></html>").getBytes(CP1252);
    PageResult r = EXTRACTOR.extract(html, "text/html; charset=ISO-8859-1", URL);
    assertThat(((PageResult.ArticlePage) r).article().title()).isEqualTo("Gênes");
  }

  // ---- limits: each generated page is beyond exactly one limit

  private static byte[] repeat(String open, int n, String close) {
    StringBuilder sb = new StringBuilder(open.length() * n + 64).append("<html><body>");
    for (int i = 0; i < n; i++) sb.append(open);
    sb.append("x");
    for (int i = 0; i < n && close != null; i++) sb.append(close);
    return sb.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void assertTooComplex(byte[] page, String reason) {
    HtmlPages.Page p = HtmlPages.parse(page, "text/html", URL);
    assertThat(p).isInstanceOf(HtmlPages.TooComplex.class);
    assertThat(((HtmlPages.TooComplex) p).reason()).contains(reason);
    PageResult r = EXTRACTOR.extract(page, "text/html", URL);
    assertThat(r).isInstanceOf(PageResult.OtherPage.class);
    assertThat(((PageResult.OtherPage) r).kind()).isEqualTo(PageKind.TOO_COMPLEX);
  }

  @Test
  void twoHundredThousandNestedTagsAreTooComplex() {
    byte[] page = repeat("<div class=\"block-item\">", 200_000, null); // 4.8 MB
    assertThat(page.length).isGreaterThan(4_800_000);
    assertTooComplex(page, "tags (limit " + HtmlPages.MAX_ELEMENTS + ")");
  }

  @Test
  void millionsOfParagraphsAreTooComplex() {
    assertTooComplex(repeat("<p>a</p>", 2_400_000, null), "tags");
  }

  @Test
  void halfAMillionLinksAreTooComplex() {
    assertTooComplex(repeat("<a href=x>y</a>", 500_000, null), "tags");
  }

  @Test
  void linksBeyondTheLimitWithinTheElementLimitAreTooComplex() {
    assertTooComplex(repeat("<a href=x>y</a>", HtmlPages.MAX_LINKS + 1, null), "links (limit " + HtmlPages.MAX_LINKS + ")");
  }

  @Test
  void nestingBeyondTheDepthLimitIsTooComplex() {
    // 40,000 deep: 18 s of extraction before the limit; now refused after one linear parse.
    assertTooComplex(repeat("<span>", 40_000, "</span>"), "nested");
  }

  @Test
  void nineteenMegabytesOfNulBytesAreNotParsed() {
    byte[] nul = new byte[19 << 20];
    HtmlPages.Page p = HtmlPages.parse(nul, "text/html", URL);
    assertThat(p).isInstanceOf(HtmlPages.TooComplex.class);
    assertThat(EXTRACTOR.extract(nul, "text/html", URL)).isInstanceOf(PageResult.OtherPage.class);
    byte[] late = new byte[1 << 20];
    Arrays.fill(late, (byte) 'a');
    late[late.length - 1] = 0;
    assertThat(HtmlPages.parse(late, null, URL)).as("a stray NUL late in a text page").isInstanceOf(HtmlPages.Parsed.class);
  }

  @Test
  void aPageAtTheElementAndDepthLimitsIsExtracted() {
    // A quarter of the element limit (to keep the suite fast), 500 deep: every walk up the tree is
    // bounded by the depth limit, so the work is at most elements × depth.
    int depth = HtmlPages.MAX_DEPTH - 12;
    StringBuilder sb = new StringBuilder("<html lang=fr><head><title>T - S</title></head><body>");
    for (int block = 0; block < HtmlPages.MAX_ELEMENTS / 4 / (depth + 2); block++) {
      sb.append("<div>".repeat(depth)).append("<p>Un paragraphe assez long, avec des virgules, pour compter.</p>").append("</div>".repeat(depth));
    }
    sb.append("<h1>T</h1></body></html>");
    PageResult r = EXTRACTOR.extract(sb.toString().getBytes(StandardCharsets.UTF_8), URL);
    assertThat(r).isInstanceOf(PageResult.ArticlePage.class);
  }

  @Test
  void pagesJustWithinTheLimitsAreParsed() {
    assertThat(HtmlPages.parse(repeat("<span>", HtmlPages.MAX_DEPTH - 10, "</span>"), null, URL)).isInstanceOf(HtmlPages.Parsed.class);
    assertThat(HtmlPages.parse(repeat("<a href=x>y</a>", HtmlPages.MAX_LINKS - 10, null), null, URL)).isInstanceOf(HtmlPages.Parsed.class);
  }
}
