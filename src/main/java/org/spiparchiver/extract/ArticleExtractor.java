package org.spiparchiver.extract;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.spiparchiver.config.Config;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Attachment;
import org.spiparchiver.model.Extraction;
import org.spiparchiver.model.Image;
import org.spiparchiver.model.Issue;
import org.spiparchiver.model.Translation;

/**
 * Extracts the article record from a saved SPIP page. Pure: bytes and the page's URL in, record
 * out; never fetches. Thread-safe (no mutable state).
 */
public final class ArticleExtractor {
  private final Config.Extraction options;

  public ArticleExtractor(Config.Extraction options) {
    this.options = Objects.requireNonNull(options, "options");
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
    if (doc.body().childrenSize() == 0 && doc.head().selectFirst(TITLE) == null) {
      return new PageResult.OtherPage(PageKind.OTHER, "not an HTML page");
    }
    return extract(doc, pageUrl, page.warnings());
  }

  /** The page decoded and parsed as the extractor does it; a page beyond the parse limits gives an empty document. */
  public static Document parse(byte[] html, URI pageUrl) {
    return HtmlPages.parse(html, null, pageUrl) instanceof HtmlPages.Parsed p ? p.document() : Document.createShell(pageUrl.toString());
  }

  private PageResult extract(Document doc, URI pageUrl, List<String> decodingWarnings) {
    if (!isHttp(pageUrl)) {
      // A page read from a file: its canonical link says where it was served from.
      Element canonical = doc.head().selectFirst(CANONICAL);
      URI c = canonical == null ? null : uri(canonical.absUrl("href"));
      if (c != null && isHttp(c)) {
        pageUrl = c;
        doc.setBaseUri(c.toString());
      }
    }
    Set<String> bodyClasses = doc.body().classNames();
    String pageType = pageType(bodyClasses);
    Template template = Template.recognise(doc);
    URI base = uri(doc.baseUri()); // the page URL, or its <base href>
    OptionalInt id = articleId(doc, base, bodyClasses, pageUrl);
    if (pageType != null && !pageType.equals("article")) return other(doc, pageType, pageUrl);
    if (id.isEmpty()) {
      if (pageType != null) return new PageResult.OtherPage(PageKind.OTHER, "an article template without an article id");
      return other(doc, null, pageUrl);
    }
    if (pageType == null && template == Template.GENERIC && doc.selectFirst(CRAYON_ARTICLE) == null) {
      // No sign at all that this is an article page beyond a URL: say what it seems to be.
      return other(doc, null, pageUrl);
    }
    return new PageResult.ArticlePage(new Reader(doc, base, template, id.getAsInt(), pageUrl, decodingWarnings).article());
  }

  // ---- page kind ----------------------------------------------------------------------------

  private static final Pattern PAGE_CLASS = Pattern.compile("page[_-]([a-z0-9_-]+)");

  /** SPIP's templates mark the body with the page type: {@code page_article}, {@code page-rubrique}. */
  private static String pageType(Set<String> bodyClasses) {
    for (String c : bodyClasses) {
      Matcher m = PAGE_CLASS.matcher(c);
      if (m.matches()) return m.group(1);
    }
    return null;
  }

  private static PageResult other(Document doc, String pageType, URI pageUrl) {
    String title = pageTitle(doc);
    String suffix = title == null ? "" : ": " + title;
    if (pageType == null) {
      if (title != null && NOT_FOUND_TITLE.matcher(title).find()) return new PageResult.OtherPage(PageKind.NOT_FOUND, "a 404 (not found) page" + suffix);
      if (SpipUrls.rubriqueId(pageUrl).isPresent()) return new PageResult.OtherPage(PageKind.RUBRIQUE, "a rubrique page" + suffix);
      return new PageResult.OtherPage(PageKind.OTHER, "a page that is not a SPIP article" + suffix);
    }
    return switch (pageType) {
      case "rubrique" -> new PageResult.OtherPage(PageKind.RUBRIQUE, "a rubrique page" + suffix);
      case "sommaire" -> new PageResult.OtherPage(PageKind.HOME, "the home page" + suffix);
      case "404" -> new PageResult.OtherPage(PageKind.NOT_FOUND, "a 404 (not found) page" + suffix);
      default -> new PageResult.OtherPage(PageKind.OTHER, "a " + pageType + " page" + suffix);
    };
  }

  private static final Pattern NOT_FOUND_TITLE = Pattern.compile("\\b404\\b|introuvable|not found", Pattern.CASE_INSENSITIVE);
  // "Title - Site name" / "Title - [Site name]": the part after the last " - " is the site.
  private static final Pattern TITLE_SITE_SUFFIX = Pattern.compile("\\s+-\\s+[^-]+$");

  private static String pageTitle(Document doc) {
    String t = Texts.clean(doc.title());
    if (t == null || t.isEmpty()) return null;
    String stripped = TITLE_SITE_SUFFIX.matcher(t).replaceFirst("");
    return stripped.isEmpty() ? t : stripped;
  }

  // ---- article id and site root ------------------------------------------------------------

  private static final Pattern BODY_ARTICLE_CLASS = Pattern.compile("article(\\d{1,9})");
  private static final Pattern CRAYON_CLASS = Pattern.compile("article-[a-z_]+-(\\d{1,9})");
  private static final Evaluator CRAYON_ARTICLE = QueryParser.parse("[class~=\\barticle-(titre|texte)-\\d+\\b]");
  private static final Evaluator CANONICAL = QueryParser.parse("link[rel=canonical][href]");

  /** The id from the page: body classes, canonical link, crayon classes; then the page's own URL. */
  private static OptionalInt articleId(Document doc, URI base, Set<String> bodyClasses, URI pageUrl) {
    for (String c : bodyClasses) {
      Matcher m = BODY_ARTICLE_CLASS.matcher(c);
      if (m.matches()) return OptionalInt.of(Integer.parseInt(m.group(1)));
    }
    Element canonical = doc.head().selectFirst(CANONICAL);
    if (canonical != null) {
      OptionalInt fromCanonical = SpipUrls.articleId(link(base, canonical, "href"));
      if (fromCanonical.isPresent()) return fromCanonical;
    }
    Element crayon = doc.selectFirst(CRAYON_ARTICLE);
    if (crayon != null) {
      for (String c : crayon.classNames()) {
        Matcher m = CRAYON_CLASS.matcher(c);
        if (m.matches()) return OptionalInt.of(Integer.parseInt(m.group(1)));
      }
    }
    return SpipUrls.articleId(pageUrl);
  }

  private static final Evaluator LINKS = QueryParser.parse("a[href]");

  /**
   * The directory that holds {@code spip.php}, on the host the page was fetched from: from the
   * canonical link, else from the page's links to {@code spip.php}, else the page URL's directory.
   * (A site installed in a subdirectory, {@code https://example.org/revue/}, keeps its directory.)
   */
  static URI siteRoot(Document doc, URI base, URI pageUrl) {
    Element canonical = doc.head().selectFirst(CANONICAL);
    if (canonical != null) {
      URI c = spipScript(link(base, canonical, "href"), pageUrl);
      if (c != null) return SpipUrls.directoryOf(c);
    }
    for (Element a : doc.select(LINKS)) {
      if (!a.attr("href").contains("spip.php")) continue;
      URI u = spipScript(link(base, a, "href"), pageUrl);
      if (u != null) return SpipUrls.directoryOf(u);
    }
    return SpipUrls.directoryOf(pageUrl);
  }

  /** The URL when it calls {@code spip.php} on the page's own host, else null. */
  private static URI spipScript(URI u, URI pageUrl) {
    if (u == null || !isHttp(u) || u.getRawPath() == null || !u.getRawPath().endsWith("/spip.php")) return null;
    return Objects.equals(u.getHost(), pageUrl.getHost()) && u.getPort() == pageUrl.getPort() ? u : null;
  }

  private static boolean isHttp(URI u) {
    return "http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme());
  }

  /**
   * An element's URL attribute resolved against the page's base, null when absent or invalid.
   * java.net.URI does the common cases faster than jsoup's absUrl; jsoup takes the odd ones.
   */
  static URI link(URI base, Element e, String attribute) {
    String value = e.attr(attribute).trim();
    if (value.isEmpty()) return null;
    if (base != null && base.isAbsolute() && base.getRawPath() != null && !base.getRawPath().isEmpty()
        && value.charAt(0) != '?' && value.charAt(0) != '#') {
      try {
        return base.resolve(new URI(value));
      } catch (java.net.URISyntaxException | IllegalArgumentException ex) {
        // not a strict URI (spaces, accents): let jsoup clean it
      }
    }
    return uri(e.absUrl(attribute));
  }

  static URI uri(String s) {
    if (s == null || s.isEmpty()) return null;
    try {
      return new URI(s);
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  // ---- the article itself -------------------------------------------------------------------

  private static final Evaluator DOCUMENT_BLOCK = QueryParser.parse(
      ".spip_documents, .spip_document, dl.spip_documents, figure.spip_doc_inner");
  // SPIP 3/4 wrap each note in div#nbN; SPIP 2 writes paragraphs holding the note's back-link.
  // (No structural selectors such as :has in static evaluators: jsoup memoises their matches
  // per evaluator, which kept every page ever extracted in memory.)
  private static final Evaluator NOTE_BLOCKS = QueryParser.parse("div[id^=nb], li[id^=nb]");
  private static final Evaluator NOTE_REF = QueryParser.parse(".spip_note_ref");
  private static final Evaluator TITLE = QueryParser.parse("title");
  private static final Set<String> LABEL_TAGS = Set.of("strong", "b", "h2", "h3", "h4");
  private static final Evaluator META_DATE = QueryParser.parse(
      "meta[property=article:published_time], meta[name=DC.date], meta[name=dcterms.date], meta[name=date]");
  private static final Evaluator OG_TITLE = QueryParser.parse("meta[property=og:title]");
  private static final Evaluator CONTENT_LANGUAGE = QueryParser.parse("meta[http-equiv=content-language]");
  private static final Evaluator DOC_TITLE = QueryParser.parse(".spip_doc_titre");
  private static final Evaluator DOC_DESCRIPTION = QueryParser.parse(".spip_doc_descriptif");
  private static final Evaluator DOC_CREDITS = QueryParser.parse(".spip_doc_credits");
  private static final Evaluator LINK_TITLE = QueryParser.parse(".titre, .spip_doc_titre");
  private static final Evaluator ITEM_TITLE = QueryParser.parse(".titre-doc, .spip_doc_titre");
  private static final Evaluator ITEM_DESCRIPTION = QueryParser.parse(".descriptif, .descriptif-doc, .spip_doc_descriptif");
  private static final Evaluator NOTES_BOX = QueryParser.parse("#notes, .notes");
  private static final Evaluator DOC_ITEM = QueryParser.parse("li, dt, dd, td");
  private static final Template.Part DOCUMENT_LISTS = Template.part(
      "#documents_portfolio, .documents_portfolio, #documents_joints, .documents_joints");
  private static final Evaluator IMG = QueryParser.parse("img[src]");
  private static final Evaluator PARAGRAPHS = QueryParser.parse("p");
  private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "webp", "svg", "avif", "bmp", "tif", "tiff");

  /** One extraction: the page, its template and id, and the warnings gathered on the way. */
  private final class Reader {
    private final Document doc;
    private final URI base;
    private final PageIndex index;
    private final Element scope;
    private final Template t;
    private final int id;
    private final URI pageUrl;
    private final List<String> warnings = new ArrayList<>();

    Reader(Document doc, URI base, Template template, int id, URI pageUrl, List<String> decodingWarnings) {
      warnings.addAll(decodingWarnings);
      this.doc = doc;
      this.base = base;
      this.index = new PageIndex(doc.body());
      Element found = template.scope.first(index, doc.body());
      this.scope = found == null ? doc.body() : found;
      this.t = template;
      this.id = id;
      this.pageUrl = pageUrl;
    }

    Article article() {
      URI root = siteRoot(doc, base, pageUrl);
      if (t == Template.GENERIC) warnings.add("template not recognised: generic signals only");
      String title = line(t.title);
      if (title == null) title = fallbackTitle();
      String surtitle = line(t.surtitle);
      String subtitle = line(t.subtitle);
      List<Crumb> crumbs = breadcrumb();
      List<String> path = crumbs.stream().map(Crumb::title).toList();
      Issue issue = issue(crumbs);
      String lang = lang();
      Element textRoot = first(t.text);
      Element chapoEl = first(t.chapo);
      Element notesEl = first(t.notes);
      Element psEl = first(t.ps);
      String text = textRoot == null ? null : Texts.paragraphs(textRoot, skipInText(chapoEl, notesEl, psEl));
      List<Image> images = new ArrayList<>();
      logo().ifPresent(images::add);
      List<Attachment> attachments = new ArrayList<>();
      // The chapo is inside the text block on Escal, before it on the default templates.
      if (chapoEl != null && (textRoot == null || !chapoEl.parents().contains(textRoot))) textDocuments(chapoEl, images, attachments);
      if (textRoot != null) textDocuments(textRoot, images, attachments);
      documents(images, attachments);
      String chapo = chapoEl == null ? null : Texts.paragraphs(chapoEl, e -> false);
      String published = published();
      if (title == null) warnings.add("no title found");
      if (published == null) warnings.add("no publication date found");
      if (lang == null) warnings.add("no language found");
      if (text == null && chapo == null) warnings.add("no text found");
      if (path.isEmpty()) warnings.add("no breadcrumb found");
      return new Article(
          id,
          SpipUrls.canonicalArticleUrl(root, id).toString(),
          lang,
          title,
          surtitle,
          subtitle,
          authors(surtitle),
          published,
          modified(),
          issue,
          path.isEmpty() ? null : path.get(path.size() - 1),
          path,
          chapo,
          text,
          psEl == null ? null : ps(psEl),
          notesEl == null ? List.of() : notes(notesEl),
          keywords(),
          images,
          attachments,
          translations(root),
          new Extraction(t.id, warnings),
          null, null, null, null, null);
    }

    private Element first(Template.Part part) {
      return part.first(index, scope);
    }

    private String line(Template.Part part) {
      return Texts.line(first(part));
    }

    private String fallbackTitle() {
      Element og = doc.head().selectFirst(OG_TITLE);
      if (og != null) return Texts.blankToNull(Texts.clean(og.attr("content")));
      return pageTitle(doc);
    }

    private String lang() {
      Element html = doc.firstElementChild();
      String lang = html == null ? "" : html.attr("lang").trim();
      if (lang.isEmpty()) {
        Element meta = doc.head().selectFirst(CONTENT_LANGUAGE);
        if (meta != null) lang = meta.attr("content").trim();
      }
      return lang.isEmpty() ? null : lang.toLowerCase(Locale.ROOT);
    }

    // -- breadcrumb and issue

    private List<Crumb> breadcrumb() {
      Element nav = first(t.breadcrumb);
      if (nav == null) return List.of();
      List<Crumb> crumbs = new ArrayList<>();
      for (Element a : nav.select(LINKS)) {
        OptionalInt rub = SpipUrls.rubriqueId(link(base, a, "href"));
        String title = Texts.line(a);
        if (rub.isPresent() && title != null) crumbs.add(new Crumb(title, rub.getAsInt()));
      }
      return crumbs;
    }

    private Issue issue(List<Crumb> crumbs) {
      for (Crumb c : crumbs) {
        Optional<Issue> issue = IssueTitles.parse(c.title(), options.issuePattern(), c.rubriqueId());
        if (issue.isPresent()) return issue.get();
      }
      return null;
    }

    // -- people and dates

    private List<String> authors(String surtitle) {
      Set<String> names = new LinkedHashSet<>();
      for (Element a : t.authors.all(index, scope)) {
        String n = Texts.line(a);
        if (n != null) names.add(n);
      }
      if (!names.isEmpty()) return List.copyOf(names);
      return switch (options.surtitleAsAuthor()) {
        case NEVER -> List.of();
        case AUTO -> AuthorNames.fromSurtitle(surtitle);
        case ALWAYS -> surtitle == null ? List.of() : List.of(surtitle);
      };
    }

    private String published() {
      Element iso = first(t.publishedIso);
      if (iso != null) {
        Optional<String> v = DisplayedDates.iso(iso.hasAttr("title") ? iso.attr("title") : iso.attr("datetime"));
        if (v.isPresent()) return v.get();
      }
      Element shown = first(t.publishedText);
      if (shown == null && iso != null) shown = iso;
      if (shown != null) return DisplayedDates.parse(shown.text()).map(Object::toString).orElse(null);
      // Last resort for unknown themes: the date in the head's metadata (Open Graph, Dublin Core).
      Element meta = doc.head().selectFirst(META_DATE);
      return meta == null ? null : DisplayedDates.iso(meta.attr("content")).orElse(null);
    }

    private String modified() {
      Element e = first(t.modified);
      if (e == null) return null;
      String attr = e.hasAttr("title") ? e.attr("title") : e.attr("datetime");
      Optional<String> iso = DisplayedDates.iso(attr);
      if (iso.isPresent()) return iso.get();
      return DisplayedDates.parse(e.text()).map(Object::toString).orElse(null);
    }

    // -- text fields

    private Predicate<Element> skipInText(Element chapo, Element notes, Element ps) {
      return e -> e == chapo || e == notes || e == ps || e.normalName().equals("aside")
          || e.is(DOCUMENT_BLOCK) || e.hasClass("nettoyeur");
    }

    private String ps(Element ps) {
      // The PS is in paragraphs; templates label the box ("P.S. :" in a <strong>, "P.-S." heading).
      Elements paras = ps.select(PARAGRAPHS);
      if (paras.isEmpty()) return Texts.paragraphs(ps, e -> e.parent() == ps && LABEL_TAGS.contains(e.normalName()));
      List<String> parts = new ArrayList<>();
      for (Element p : paras) {
        String s = Texts.paragraphs(p, e -> false);
        if (s != null) parts.add(s);
      }
      return parts.isEmpty() ? null : String.join("\n\n", parts);
    }

    private List<String> notes(Element notes) {
      List<String> out = new ArrayList<>();
      Elements items = notes.select(NOTE_BLOCKS);
      if (items.isEmpty()) {
        for (Element p : notes.select(PARAGRAPHS)) {
          if (p.selectFirst(NOTE_REF) != null) items.add(p);
        }
      }
      for (Element n : items) {
        String s = Texts.paragraphs(n, e -> e.hasClass("spip_note_ref"));
        if (s != null) out.add(s);
      }
      return out;
    }

    private List<String> keywords() {
      Set<String> words = new LinkedHashSet<>();
      for (Element a : t.keywords.all(index, doc.body())) {
        String w = Texts.line(a);
        if (w != null) words.add(w);
      }
      return List.copyOf(words);
    }

    private List<Translation> translations(URI root) {
      List<Translation> out = new ArrayList<>();
      for (Element a : t.translations.all(index, doc.body())) {
        URI u = link(base, a, "href");
        OptionalInt other = SpipUrls.articleId(u);
        if (other.isEmpty() || other.getAsInt() == id) continue;
        String lang = a.attr("hreflang");
        if (lang.isEmpty()) lang = queryParam(u, "lang");
        if (lang == null || lang.isEmpty()) continue;
        out.add(new Translation(lang.toLowerCase(Locale.ROOT), SpipUrls.canonicalArticleUrl(root, other.getAsInt()).toString()));
      }
      return out;
    }

    // -- images and documents

    private Optional<Image> logo() {
      Element img = first(t.logo);
      if (img == null || !img.hasAttr("src")) return Optional.empty();
      return Optional.of(image(img, Image.LOGO, null, null, null));
    }

    /**
     * The images of the text, and the files it embeds as documents: a document model whose link
     * goes to a file that is not an image (a PDF shown as an icon) is an attachment.
     */
    private void textDocuments(Element textRoot, List<Image> images, List<Attachment> attachments) {
      for (Element img : textRoot.select(IMG)) {
        if (img.closest(NOTES_BOX) != null) continue;
        Element block = img.closest(DOCUMENT_BLOCK);
        // The outermost document block holds the caption (SPIP 4: div > figure > figcaption).
        while (block != null && block.parent() != null && block.parent().closest(DOCUMENT_BLOCK) != null) {
          block = block.parent().closest(DOCUMENT_BLOCK);
        }
        String title = block == null ? null : Texts.line(block.selectFirst(DOC_TITLE));
        Element a = img.closest(LINKS);
        URI file = a == null ? null : link(base, a, "href");
        String ext = file == null ? null : extension(file.toString());
        if (block != null && file != null && ext != null && !IMAGE_EXTENSIONS.contains(ext) && file.getRawPath().contains("/IMG/")) {
          attachments.add(new Attachment(file.toString(), title != null ? title : Texts.blankToNull(Texts.clean(a.attr("title"))), ext));
          continue;
        }
        if (img.hasClass("spip_document_icone")) continue;
        images.add(image(img, Image.INLINE, title,
            block == null ? null : Texts.line(block.selectFirst(DOC_DESCRIPTION)),
            block == null ? null : Texts.line(block.selectFirst(DOC_CREDITS))));
      }
    }

    /** The portfolio and the attached files listed after the text. */
    private void documents(List<Image> images, List<Attachment> attachments) {
      Set<String> seen = new LinkedHashSet<>();
      attachments.forEach(d -> seen.add(d.url())); // also embedded in the text
      for (Element box : DOCUMENT_LISTS.all(index, doc.body())) {
        for (Element a : box.select(LINKS)) {
          URI resolved = link(base, a, "href");
          if (resolved == null) continue;
          String url = resolved.toString();
          if (!seen.add(url)) continue;
          Element item = a.closest(DOC_ITEM);
          String title = docTitle(a, item);
          Element img = a.selectFirst(IMG);
          if (isImageLink(a, url) && img != null) {
            images.add(image(img, Image.PORTFOLIO, title, docDescription(a, item), null));
          } else if (!a.attr("href").startsWith("#") && !a.attr("href").startsWith("javascript:")) {
            attachments.add(new Attachment(url, title, extension(url)));
          }
        }
      }
    }

    private String docTitle(Element a, Element item) {
      Element titled = a.selectFirst(LINK_TITLE);
      if (titled == null && item != null && item.parent() != null) titled = item.parent().selectFirst(ITEM_TITLE);
      if (titled != null) return Texts.line(titled);
      Element img = a.selectFirst(IMG);
      if (img != null && !img.attr("alt").isBlank()) return Texts.clean(img.attr("alt"));
      String title = Texts.clean(a.attr("title"));
      return Texts.blankToNull(title);
    }

    private String docDescription(Element a, Element item) {
      Element scope = item != null && item.parent() != null ? item.parent() : a;
      return Texts.line(scope.selectFirst(ITEM_DESCRIPTION));
    }

    private boolean isImageLink(Element a, String url) {
      String type = a.attr("type");
      return type.startsWith("image/") || IMAGE_EXTENSIONS.contains(extension(url));
    }

    private Image image(Element img, String role, String title, String caption, String credits) {
      URI src = link(base, img, "src");
      Element link = img.closest(LINKS);
      URI linked = link == null ? null : link(base, link, "href");
      String original = src == null ? null
          : ImageOriginals.original(src, linked, Image.LOGO.equals(role)).map(URI::toString).orElse(null);
      return new Image(src == null ? img.attr("src") : src.toString(), original, title, caption, credits, role,
          intAttr(img, "width"), intAttr(img, "height"), null, null);
    }
  }

  private record Crumb(String title, int rubriqueId) {}

  private static Integer intAttr(Element e, String name) {
    String v = e.attr(name).trim();
    if (v.isEmpty() || v.length() > 6 || !v.chars().allMatch(Character::isDigit)) return null;
    return Integer.valueOf(v);
  }

  private static String extension(String url) {
    URI u = uri(url);
    String path = u == null || u.getPath() == null ? url : u.getPath();
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    return dot > slash && dot < path.length() - 1 ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : null;
  }

  private static String queryParam(URI u, String name) {
    if (u == null || u.getRawQuery() == null) return null;
    for (String p : SpipUrls.PARAM_SEPARATOR.split(u.getRawQuery())) {
      if (p.startsWith(name + "=")) return p.substring(name.length() + 1);
    }
    return null;
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
