package org.spiparchiver.extract;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Runs the theme-independent layer behind the precise template rules: it makes the whole record
 * when the template's rules found neither the title nor the text (an unknown or changed theme),
 * and otherwise only fills the title, text, date and breadcrumb they missed.
 */
final class GenericLayer {
  private GenericLayer() {}

  private static final Pattern NOT_FOUND_TITLE = Pattern.compile("\\b404\\b|introuvable|not found|page non trouvée", Pattern.CASE_INSENSITIVE);

  /** Whether the precise rules found the article: its title or its text element. */
  static boolean preciseFound(Fields f) {
    return f.title != null || f.text != null;
  }

  /**
   * The whole record's fields from generic signals, or null when the page shows no article (no
   * title matched in its text, or no text block).
   */
  static Fields read(Document doc, URI base, int id, Fields precise) {
    if (NOT_FOUND_TITLE.matcher(doc.title()).find()) return null;
    Element body = doc.body();
    PageStats stats = new PageStats(body, base, id);
    Fields f = new Fields();
    GenericFields.title(f, doc, stats);
    if (f.title == null) return null;
    f.text = MainText.textBlock(body, stats, f.title);
    if (f.text == null) return null;
    Element article = MainText.article(body, f.title, f.text);
    f.notes = MainText.notes(body, stats);
    if (f.notes != null && (GenericFields.isInside(f.text, f.notes) || GenericFields.isInside(f.title, f.notes))) f.notes = null;
    f.chapo = MainText.chapo(f.text, f.title, stats);
    f.ps = MainText.ps(article, f.text, stats);
    if (f.ps != null && GenericFields.isInside(f.text, f.ps)) f.ps = null;
    GenericFields.surtitleAndSubtitle(f, stats);
    GenericFields.dates(f, doc, article, stats);
    GenericFields.breadcrumb(f, body, base, stats);
    f.authors = GenericFields.authors(article, base, f, stats);
    f.logo = MainText.logo(article, f.title, stats);
    f.documentLinks = MainText.documentLinks(article, f.text, f.chapo, f.notes, base);
    f.keywords = precise.keywords;
    f.translations = precise.translations;
    return f;
  }

  /** Fills what the precise rules missed (text, date, breadcrumb), naming each filled field in {@code warnings}. */
  static void complete(Fields f, Document doc, URI base, int id, List<String> warnings) {
    if (f.text != null && f.published != null && !f.crumbs.isEmpty()) return;
    Element body = doc.body();
    PageStats stats = new PageStats(body, base, id);
    Element title = f.title;
    if (f.text == null && f.chapo == null) {
      f.text = MainText.textBlock(body, stats, title);
      if (f.text != null) warnings.add("text: not where the template puts it, found by content density");
    }
    Element article = MainText.article(body, title, f.text);
    if (f.published == null) {
      GenericFields.dates(f, doc, article, stats);
      if (f.published != null) warnings.add("published: not where the template puts it, found by the generic layer");
    }
    if (f.crumbs.isEmpty()) {
      GenericFields.breadcrumb(f, body, base, stats);
      if (!f.crumbs.isEmpty()) warnings.add("breadcrumb: not where the template puts it, found by the generic layer");
    }
  }
}
