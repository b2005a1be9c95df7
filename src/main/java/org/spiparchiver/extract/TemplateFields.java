package org.spiparchiver.extract;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * The precise template rules: the article's parts where a known template family ({@link Template})
 * puts them. Reads elements only; the record is assembled by {@link ArticleAssembly}.
 */
final class TemplateFields {
  private TemplateFields() {}

  private static final Evaluator META_DATE = QueryParser.parse(
      "meta[property=article:published_time], meta[name=DC.date], meta[name=dcterms.date], meta[name=date]");
  private static final Evaluator OG_TITLE = QueryParser.parse("meta[property=og:title]");
  static final Template.Part DOCUMENT_LISTS = Template.part(
      "#documents_portfolio, .documents_portfolio, #documents_joints, .documents_joints");

  /** The parts of the page as template {@code t} places them, inside {@code scope} (the main column). */
  static Fields read(Template t, Document doc, URI base, PageIndex index, Element scope) {
    Fields f = new Fields();
    f.title = t.title.first(index, scope);
    if (Texts.line(f.title) == null) {
      f.title = null;
      f.titleText = fallbackTitle(doc);
    }
    f.surtitle = t.surtitle.first(index, scope);
    f.subtitle = t.subtitle.first(index, scope);
    f.crumbs = breadcrumb(t.breadcrumb.first(index, scope), base);
    f.authors = t.authors.all(index, scope);
    f.published = published(t, doc, index, scope);
    f.modified = modified(t.modified.first(index, scope));
    f.chapo = t.chapo.first(index, scope);
    f.text = t.text.first(index, scope);
    f.notes = t.notes.first(index, scope);
    f.ps = t.ps.first(index, scope);
    f.logo = t.logo.first(index, scope);
    f.keywords = t.keywords.all(index, doc.body());
    f.translations = t.translations.all(index, doc.body());
    f.documentLists = DOCUMENT_LISTS.all(index, doc.body());
    return f;
  }

  private static String fallbackTitle(Document doc) {
    Element og = doc.head().selectFirst(OG_TITLE);
    if (og != null) return Texts.blankToNull(Texts.clean(og.attr("content")));
    return PageKinds.pageTitle(doc);
  }

  /** The rubrique links of a breadcrumb block, parent to child. */
  static List<Fields.Crumb> breadcrumb(Element nav, URI base) {
    if (nav == null) return List.of();
    List<Fields.Crumb> crumbs = new ArrayList<>();
    for (Element a : nav.select(PageUrls.LINKS)) {
      OptionalInt rub = SpipUrls.rubriqueId(PageUrls.link(base, a, "href"));
      String title = Texts.line(a);
      if (rub.isPresent() && title != null) crumbs.add(new Fields.Crumb(title, rub.getAsInt()));
    }
    return crumbs;
  }

  private static String published(Template t, Document doc, PageIndex index, Element scope) {
    Element iso = t.publishedIso.first(index, scope);
    if (iso != null) {
      Optional<String> v = DisplayedDates.iso(iso.hasAttr("title") ? iso.attr("title") : iso.attr("datetime"));
      if (v.isPresent()) return v.get();
    }
    Element shown = t.publishedText.first(index, scope);
    if (shown == null && iso != null) shown = iso;
    if (shown != null) return DisplayedDates.parse(shown.text()).map(Object::toString).orElse(null);
    // Last resort for unknown themes: the date in the head's metadata (Open Graph, Dublin Core).
    return metaDate(doc);
  }

  /** The publication date of the head's metadata (Open Graph, Dublin Core), or null. */
  static String metaDate(Document doc) {
    Element meta = doc.head().selectFirst(META_DATE);
    return meta == null ? null : DisplayedDates.iso(meta.attr("content")).orElse(null);
  }

  private static String modified(Element e) {
    if (e == null) return null;
    String attr = e.hasAttr("title") ? e.attr("title") : e.attr("datetime");
    Optional<String> iso = DisplayedDates.iso(attr);
    if (iso.isPresent()) return iso.get();
    return DisplayedDates.parse(e.text()).map(Object::toString).orElse(null);
  }
}
