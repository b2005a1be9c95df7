package org.spiparchiver.extract;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
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

/** Field assembly: the record made from what the template rules and the generic layer found ({@link Fields}). */
final class ArticleAssembly {
  // SPIP 3/4 wrap each note in div#nbN; SPIP 2 writes paragraphs holding the note's back-link.
  // (No structural selectors such as :has in static evaluators: jsoup memoises their matches
  // per evaluator, which kept every page ever extracted in memory.)
  private static final Evaluator NOTE_BLOCKS = QueryParser.parse("div[id^=nb], li[id^=nb]");
  private static final Evaluator NOTE_REF = QueryParser.parse(".spip_note_ref");
  private static final Set<String> LABEL_TAGS = Set.of("strong", "b", "h2", "h3", "h4");
  private static final Evaluator CONTENT_LANGUAGE = QueryParser.parse("meta[http-equiv=content-language]");
  private static final Evaluator PARAGRAPHS = QueryParser.parse("p");

  private final Config.Extraction options;

  ArticleAssembly(Config.Extraction options) {
    this.options = options;
  }

  /**
   * @param templateId the {@code extraction.template} value
   * @param warnings what is missing or guessed so far; completed here
   * @param strictNotesInText whether images inside the notes block found by the generic layer are left out of the text's
   */
  Article assemble(Document doc, URI base, URI pageUrl, int id, String templateId, Fields f, List<String> warnings,
      boolean strictNotesInText) {
    URI root = PageUrls.siteRoot(doc, base, pageUrl);
    String title = f.title != null ? Texts.line(f.title) : f.titleText;
    String surtitle = Texts.line(f.surtitle);
    List<String> path = f.crumbs.stream().map(Fields.Crumb::title).toList();
    String lang = lang(doc);
    String text = f.text == null ? null : Texts.paragraphs(f.text, skipInText(f));
    PageImages pictures = new PageImages(base);
    List<Image> images = new ArrayList<>();
    Image logo = pictures.logo(f.logo);
    if (logo != null) images.add(logo);
    List<Attachment> attachments = new ArrayList<>();
    Element notesOut = strictNotesInText ? f.notes : null;
    // The chapo is inside the text block on Escal, before it on the default templates.
    if (f.chapo != null && (f.text == null || !f.chapo.parents().contains(f.text))) pictures.textDocuments(f.chapo, notesOut, images, attachments);
    if (f.text != null) pictures.textDocuments(f.text, notesOut, images, attachments);
    pictures.documents(f.documentLists, images, attachments);
    if (!f.documentLinks.isEmpty()) pictures.documentLinks(f.documentLinks, images, attachments);
    String chapo = f.chapo == null ? null : Texts.paragraphs(f.chapo, e -> false);
    if (title == null) warnings.add("no title found");
    if (f.published == null) warnings.add("no publication date found");
    if (lang == null) warnings.add("no language found");
    if (text == null && chapo == null) warnings.add("no text found");
    if (path.isEmpty()) warnings.add("no breadcrumb found");
    return new Article(
        id,
        SpipUrls.canonicalArticleUrl(root, id).toString(),
        lang,
        title,
        surtitle,
        Texts.line(f.subtitle),
        authors(f.authors, surtitle),
        f.published,
        f.modified,
        issue(f.crumbs),
        path.isEmpty() ? null : path.get(path.size() - 1),
        path,
        chapo,
        text,
        f.ps == null ? null : ps(f.ps),
        f.notes == null ? List.of() : notes(f.notes),
        keywords(f.keywords),
        images,
        attachments,
        translations(f.translations, base, root, id),
        new Extraction(templateId, warnings),
        null, null, null, null, null);
  }

  static String lang(Document doc) {
    Element html = doc.firstElementChild();
    String lang = html == null ? "" : html.attr("lang").trim();
    if (lang.isEmpty()) {
      Element meta = doc.head().selectFirst(CONTENT_LANGUAGE);
      if (meta != null) lang = meta.attr("content").trim();
    }
    return lang.isEmpty() ? null : lang.toLowerCase(Locale.ROOT);
  }

  private Issue issue(List<Fields.Crumb> crumbs) {
    for (Fields.Crumb c : crumbs) {
      Optional<Issue> issue = IssueTitles.parse(c.title(), options.issuePattern(), c.rubriqueId());
      if (issue.isPresent()) return issue.get();
    }
    return null;
  }

  private List<String> authors(List<Element> links, String surtitle) {
    Set<String> names = new LinkedHashSet<>();
    for (Element a : links) {
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

  private static Predicate<Element> skipInText(Fields f) {
    return e -> e == f.chapo || e == f.notes || e == f.ps || e.normalName().equals("aside")
        || e.is(PageImages.DOCUMENT_BLOCK) || e.hasClass("nettoyeur") || f.notText.contains(e);
  }

  private static String ps(Element ps) {
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

  private static List<String> notes(Element notes) {
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

  private static List<String> keywords(List<Element> links) {
    Set<String> words = new LinkedHashSet<>();
    for (Element a : links) {
      String w = Texts.line(a);
      if (w != null) words.add(w);
    }
    return List.copyOf(words);
  }

  private static List<Translation> translations(List<Element> links, URI base, URI root, int id) {
    List<Translation> out = new ArrayList<>();
    for (Element a : links) {
      URI u = PageUrls.link(base, a, "href");
      OptionalInt other = SpipUrls.articleId(u);
      if (other.isEmpty() || other.getAsInt() == id) continue;
      String lang = a.attr("hreflang");
      if (lang.isEmpty()) lang = SpipUrls.queryParam(u, "lang");
      if (lang == null || lang.isEmpty()) continue;
      out.add(new Translation(lang.toLowerCase(Locale.ROOT), SpipUrls.canonicalArticleUrl(root, other.getAsInt()).toString()));
    }
    return out;
  }
}
