package org.spiparchiver.extract;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.spiparchiver.config.Config;
import org.spiparchiver.mirror.HtmlPages;

/**
 * Extracts the article record from a saved SPIP page. Pure: bytes and the page's URL in, record
 * out; never fetches. Thread-safe (no mutable state).
 */
public final class ArticleExtractor {
  private final ArticleAssembly assembly;

  public ArticleExtractor(Config.Extraction options) {
    this.assembly = new ArticleAssembly(Objects.requireNonNull(options, "options"));
  }

  /**
   * @param html the page as fetched; charset from BOM or {@code <meta>}, else UTF-8 or windows-1252
   * @param pageUrl the URL the page was fetched from (base for relative links)
   */
  public PageResult extract(byte[] html, URI pageUrl) {
    return extract(html, null, pageUrl);
  }

  /**
   * @param html the page as fetched
   * @param contentType the HTTP {@code Content-Type} header (its charset wins over the page's {@code <meta>}), or null
   * @param pageUrl the URL the page was fetched from (base for relative links)
   */
  public PageResult extract(byte[] html, String contentType, URI pageUrl) {
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(pageUrl, "pageUrl");
    if (isBlank(html)) return new PageResult.OtherPage(PageKind.OTHER, "an empty page");
    if (looksBinary(html)) return new PageResult.OtherPage(PageKind.OTHER, "binary data, not an HTML page");
    HtmlPages.Page page = HtmlPages.parse(html, contentType, pageUrl);
    if (page instanceof HtmlPages.TooComplex tc) return new PageResult.OtherPage(PageKind.TOO_COMPLEX, tc.reason());
    return extract((HtmlPages.Parsed) page, pageUrl);
  }

  /**
   * The record of a page already parsed by {@link HtmlPages#parse} (the crawl parses each page once
   * for its links and its record). The extraction may change the document's base URI.
   */
  public PageResult extract(HtmlPages.Parsed page, URI pageUrl) {
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(pageUrl, "pageUrl");
    Document doc = page.document();
    if (doc.body().childrenSize() == 0 && doc.head().selectFirst("title") == null) {
      return new PageResult.OtherPage(PageKind.OTHER, "not an HTML page");
    }
    return extract(doc, pageUrl, page.warnings());
  }

  /** The page decoded and parsed as the extractor does it; a page beyond the parse limits gives an empty document. */
  public static Document parse(byte[] html, URI pageUrl) {
    return HtmlPages.parse(html, null, pageUrl) instanceof HtmlPages.Parsed p ? p.document() : Document.createShell(pageUrl.toString());
  }

  private PageResult extract(Document doc, URI pageUrl, List<String> decodingWarnings) {
    if (!PageUrls.isHttp(pageUrl)) {
      // A page read from a file: its canonical link says where it was served from.
      Element canonical = doc.head().selectFirst(PageUrls.CANONICAL);
      URI c = canonical == null ? null : PageUrls.uri(canonical.absUrl("href"));
      if (c != null && PageUrls.isHttp(c)) {
        pageUrl = c;
        doc.setBaseUri(c.toString());
      }
    }
    Set<String> bodyClasses = doc.body().classNames();
    String pageType = PageKinds.pageType(bodyClasses);
    Template template = Template.recognise(doc);
    URI base = PageUrls.uri(doc.baseUri()); // the page URL, or its <base href>
    OptionalInt id = PageUrls.articleId(doc, base, bodyClasses, pageUrl);
    if (pageType != null && !pageType.equals("article")) return PageKinds.other(doc, pageType, pageUrl);
    if (id.isEmpty()) {
      if (pageType != null) return new PageResult.OtherPage(PageKind.OTHER, "an article template without an article id");
      return PageKinds.other(doc, null, pageUrl);
    }
    List<String> warnings = new ArrayList<>(decodingWarnings);
    PageIndex index = new PageIndex(doc.body());
    Element found = template.scope.first(index, doc.body());
    Element scope = found == null ? doc.body() : found;
    Fields fields = TemplateFields.read(template, doc, base, index, scope);
    boolean crayons = template == Template.GENERIC && doc.selectFirst(PageUrls.CRAYON_ARTICLE) != null;
    if (GenericLayer.preciseFound(fields) && (template != Template.GENERIC || crayons)) {
      return preciseRecord(doc, base, pageUrl, id.getAsInt(), template, fields, warnings);
    }
    // An unknown or changed theme: the generic layer makes the whole record, if the page shows an article.
    Fields generic = GenericLayer.read(doc, base, id.getAsInt(), fields);
    if (generic == null) {
      // The body says "article" (or crayons do): a record with what the template rules found, warnings naming the rest.
      if (pageType != null || crayons) return preciseRecord(doc, base, pageUrl, id.getAsInt(), template, fields, warnings);
      return PageKinds.other(doc, null, pageUrl);
    }
    warnings.add(template == Template.GENERIC ? "template not recognised: generic signals only"
        : "template " + template.id + " recognised but its markup not found: generic signals only");
    return new PageResult.ArticlePage(
        assembly.assemble(doc, base, pageUrl, id.getAsInt(), Template.GENERIC.id, generic, warnings, true));
  }

  /** The record of the precise template rules, completed by the generic layer where they missed. */
  private PageResult preciseRecord(Document doc, URI base, URI pageUrl, int id, Template template, Fields fields, List<String> warnings) {
    if (template == Template.GENERIC) warnings.add("template not recognised: generic signals only");
    GenericLayer.complete(fields, doc, base, id, warnings);
    return new PageResult.ArticlePage(assembly.assemble(doc, base, pageUrl, id, template.id, fields, warnings, false));
  }

  private static boolean isBlank(byte[] html) {
    for (byte b : html) {
      if (!Character.isWhitespace(b & 0xff)) return false;
    }
    return true;
  }

  /** NUL bytes or many control characters in the first kilobytes: not text. */
  private static boolean looksBinary(byte[] html) {
    boolean utf16Bom = html.length >= 2 && ((html[0] == (byte) 0xFE && html[1] == (byte) 0xFF) || (html[0] == (byte) 0xFF && html[1] == (byte) 0xFE));
    if (utf16Bom) return false;
    int n = Math.min(html.length, 4096);
    int control = 0;
    for (int i = 0; i < n; i++) {
      int b = html[i] & 0xff;
      if (b == 0) return true;
      if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') control++;
    }
    return control * 20 > n; // more than 5% control characters
  }
}
