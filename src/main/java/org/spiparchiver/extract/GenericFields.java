package org.spiparchiver.extract;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * The theme-independent layer: the article's title, surtitle, subtitle, dates and breadcrumb from
 * what every SPIP page carries whatever its theme ({@code <title>} and metas, the page text, links
 * to rubriques, labelled dates), behind the precise template rules. The text and the documents
 * come from {@link MainText}. A field it cannot place is left null rather than guessed.
 */
final class GenericFields {
  private GenericFields() {}

  private static final Evaluator META_TITLE = QueryParser.parse(
      "meta[property=og:title], meta[name=DC.title], meta[name=dc.title], meta[name=dcterms.title], meta[name=twitter:title]");
  /** Separators between title and site name in {@code <title>}: "Title - [Site]", "Site | Title"… */
  private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[-–—|·:]\\s+");
  /** Surtitles and subtitles are one short line. */
  static final int MAX_LINE = 200;
  private static final Pattern PUBLISHED_LABEL = Pattern.compile("(?iu)(mis en ligne|publié|publiée|published|posted|put online|publicado|publicada"
      + "|puesto en línea|puesta en línea|colocado em linha|posto em linha|posto online|gepubliceerd|online gezet|online geplaatst"
      + "|date de publication|publication date)\\b");
  private static final Pattern MODIFIED_LABEL = Pattern.compile("(?iu)(dernière modification|modifié|mis à jour|last modifi\\w*|last updated|updated on"
      + "|última modificación|actualizado|última modificação|última alteração|atualizado|laatste wijziging|laatst gewijzigd|bijgewerkt)\\b");
  /** A line that is a date and little else ("jeudi 8 novembre 2007", "May 13, 2008"). */
  private static final Pattern DATE_LINE = Pattern.compile(
      "(?iu)^(\\p{L}+,?\\s+)?(\\d{1,2}(er|st|nd|rd|th|º)?\\.?\\s+(de\\s+)?\\p{L}+\\.?\\s+(de\\s+)?\\d{4}|\\p{L}+\\s+\\d{1,2},?\\s+\\d{4}).{0,12}$");
  private static final Pattern BYLINE = Pattern.compile("(?iu)^(par|by|por|door|de)\\s");
  static final Evaluator ISO_DATES = QueryParser.parse("time[datetime], abbr[title]");
  // Simple selectors only: jsoup memoises the matches of structural ones (p + p, :has) per evaluator.
  private static final Evaluator NOT_A_LINE = QueryParser.parse("img, li, table");
  private static final Evaluator PARAGRAPH = QueryParser.parse("p");
  private static final Evaluator LISTS = QueryParser.parse("ul, ol");
  private static final Evaluator FOOTER_OR_FORM = QueryParser.parse("footer, form");

  /** The title: a meta title or the {@code <title>} less the site name, matched against the page's text. */
  static void title(Fields f, Document doc, PageStats stats) {
    List<String> candidates = new ArrayList<>();
    for (Element m : doc.head().select(META_TITLE)) add(candidates, m.attr("content"));
    String title = Texts.clean(doc.title());
    if (title != null && !title.isEmpty()) {
      String[] parts = TITLE_SEPARATOR.split(title);
      if (parts.length > 1) {
        add(candidates, parts[0]);
        add(candidates, parts[parts.length - 1]);
        // "Title: with colon - Site": every prefix up to the last separator.
        Matcher m = TITLE_SEPARATOR.matcher(title);
        int last = -1;
        while (m.find()) last = m.start();
        if (last > 0) add(candidates, title.substring(0, last));
      }
      add(candidates, title);
    }
    // Visible characters (PageStats counts them as key() keeps them): only elements of a candidate's length are read.
    java.util.Set<Integer> lengths = new java.util.HashSet<>();
    for (String c : candidates) lengths.add(key(c).length());
    Element best = null;
    for (Element e : doc.body().getAllElements()) {
      int len = stats.of(e).text;
      if (len == 0 || !lengths.contains(len) || stats.chrome(e) || e.childrenSize() > 4 || isWrapper(e, stats)) continue;
      if (e.closest(PageUrls.LINKS) != null) continue;
      String text = key(e.text());
      for (String c : candidates) {
        if (text.equals(key(c))) {
          // The heading, else the deepest element (the title box, not its wrapper).
          if (best == null || (PageStats.isHeading(e) && !PageStats.isHeading(best)) || (!PageStats.isHeading(best) && e.parents().contains(best))) best = e;
          break;
        }
      }
    }
    f.title = best;
    if (best == null && !candidates.isEmpty()) f.titleText = candidates.get(0);
  }

  private static void add(List<String> out, String s) {
    String c = Texts.blankToNull(Texts.clean(s));
    if (c != null && !out.contains(c)) out.add(c);
  }

  /** Text compared without case, spaces, typographic apostrophes and punctuation spacing. */
  static String key(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Texts.isSpace(c)) continue;
      if (c == '’' || c == '‘' || c == 'ʼ') c = '\'';
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }

  /** The block holding an element: the element, or the wrapper it is the only child of. */
  static Element titleBlock(Element title) {
    Element e = title;
    while (e.parent() != null && e.parent().childrenSize() == 1 && !e.parent().normalName().equals("body")) e = e.parent();
    return e;
  }

  /** Surtitle and subtitle: the short text blocks just before and just after the title in its block. */
  static void surtitleAndSubtitle(Fields f, PageStats stats) {
    if (f.title == null) return;
    Element block = titleBlock(f.title);
    f.surtitle = shortLine(previousWithText(block, stats), f, stats);
    f.subtitle = shortLine(nextWithText(block, stats), f, stats);
  }

  private static Element previousWithText(Element e, PageStats stats) {
    for (Element s = e.previousElementSibling(); s != null; s = s.previousElementSibling()) {
      if (stats.of(s).text > 0) return s;
    }
    return null;
  }

  private static Element nextWithText(Element e, PageStats stats) {
    for (Element s = e.nextElementSibling(); s != null; s = s.nextElementSibling()) {
      if (stats.of(s).text > 0) return s;
    }
    return null;
  }

  /** The element when it is one short line of plain text: no date, byline, list of links or side block. */
  private static Element shortLine(Element e, Fields f, PageStats stats) {
    if (e == null || stats.chrome(e) || stats.linkDensity(e) > 0.3 || stats.of(e).articleLinks > 0) return null;
    for (Element around : new Element[] {f.chapo, f.text, f.notes, f.ps}) {
      if (around != null && (isInside(e, around) || isInside(around, e))) return null;
    }
    while (e.childrenSize() == 1 && stats.of(e.child(0)).text == stats.of(e).text && !e.child(0).normalName().equals("a")) e = e.child(0);
    String text = Texts.line(e);
    if (text == null || text.length() > MAX_LINE || e.selectFirst(ISO_DATES) != null || e.selectFirst(NOT_A_LINE) != null
        || e.select(PARAGRAPH).size() > 1) return null;
    if (PUBLISHED_LABEL.matcher(text).find() || MODIFIED_LABEL.matcher(text).find() || BYLINE.matcher(text).find()) return null;
    if (DATE_LINE.matcher(text).matches()) return null;
    return e;
  }

  /**
   * Publication and modification dates near the article: machine-readable dates of the article's
   * block, labelled dates in its text ("Article mis en ligne le…"), else the head's metadata;
   * never a date of a side block or of a listing of other articles.
   */
  static void dates(Fields f, Document doc, Element article, PageStats stats) {
    if (article != null) {
      for (Element e : article.select(ISO_DATES)) {
        if (stats.chrome(e) || f.text != null && isInside(e, f.text)) continue;
        String value = e.hasAttr("datetime") ? e.attr("datetime") : e.attr("title");
        Optional<String> iso = DisplayedDates.iso(value);
        if (iso.isEmpty()) continue;
        Element line = e.parent() == null ? e : e.parent();
        if (MODIFIED_LABEL.matcher(Texts.clean(line.text())).find()) {
          if (f.modified == null) f.modified = iso.get();
        } else if (f.published == null) {
          f.published = iso.get();
        }
      }
      for (Element e : article.getAllElements()) {
        if (stats.of(e).text > 120 || e.childrenSize() > 3 || stats.chrome(e) || isWrapper(e, stats)) continue;
        if (f.text != null && isInside(e, f.text)) continue;
        String text = Texts.clean(e.text());
        Matcher pub = PUBLISHED_LABEL.matcher(text);
        Matcher mod = MODIFIED_LABEL.matcher(text);
        if (f.published == null && pub.find()) {
          f.published = DisplayedDates.parse(text.substring(pub.end())).map(Object::toString).orElse(null);
        }
        if (f.modified == null && mod.find()) {
          f.modified = DisplayedDates.parse(text.substring(mod.end())).map(Object::toString).orElse(null);
        }
      }
    }
    if (f.published == null) f.published = TemplateFields.metaDate(doc);
  }

  /**
   * The breadcrumb: the run of rubrique links that are siblings in one block (or items of one flat
   * ordered list), nearest the title: a menu's links sit each in an item of an unordered list.
   */
  static void breadcrumb(Fields f, Element body, URI base, PageStats stats) {
    List<Element> groups = new ArrayList<>();
    List<List<Fields.Crumb>> chains = new ArrayList<>();
    for (Element a : body.select(PageUrls.LINKS)) {
      if (!a.attr("href").contains("rubrique")) continue;
      OptionalInt rub = SpipUrls.rubriqueId(PageUrls.link(base, a, "href"));
      String title = Texts.line(a);
      if (rub.isEmpty() || title == null || a.parent() == null) continue;
      Element group = a.parent();
      if (group.normalName().equals("li")) {
        // Breadcrumbs written as lists are ordered lists (schema.org BreadcrumbList); menus are <ul>.
        if (group.parent() == null || !group.parent().normalName().equals("ol") || group.selectFirst(LISTS) != null) continue;
        group = group.parent();
      }
      int i = groups.indexOf(group);
      if (i < 0) {
        groups.add(group);
        chains.add(new ArrayList<>());
        i = groups.size() - 1;
      }
      chains.get(i).add(new Fields.Crumb(title, rub.getAsInt()));
    }
    if (groups.isEmpty()) return;
    int anchor = f.title != null ? stats.order(f.title) : f.text != null ? stats.order(f.text) : -1;
    int best = -1;
    long bestDistance = Long.MAX_VALUE;
    for (int i = 0; i < groups.size(); i++) {
      Element g = groups.get(i);
      if (g.normalName().equals("nav") && anchor < 0) continue;
      // A menu in a side block or footer is never the breadcrumb, but Escal puts its breadcrumb in an aside.
      if (g.closest(FOOTER_OR_FORM) != null) continue;
      if (anchor >= 0 && stats.order(g) > anchor + 2000) continue;
      long distance = anchor < 0 ? stats.order(g) : Math.abs((long) stats.order(g) - anchor);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = i;
      }
    }
    if (best >= 0) f.crumbs = List.copyOf(chains.get(best));
  }

  /** Links to SPIP author pages in the article's header (outside the text). */
  static List<Element> authors(Element article, URI base, Fields f, PageStats stats) {
    List<Element> out = new ArrayList<>();
    if (article == null) return out;
    for (Element a : article.select(PageUrls.LINKS)) {
      if (stats.chrome(a) || f.text != null && isInside(a, f.text)) continue;
      URI u = PageUrls.link(base, a, "href");
      String q = u == null ? null : (u.getRawQuery() == null ? u.getRawPath() : u.getRawQuery());
      if (q != null && AUTHOR_LINK.matcher(q).find()) out.add(a);
    }
    return out;
  }

  private static final Pattern AUTHOR_LINK = Pattern.compile("(?:^|[/&;?])auteur\\d+(?:\\.html)?(?:$|[&;])|id_auteur=\\d+");

  /** An element whose only child holds all its text: the child is read instead (keeps deep nesting linear). */
  static boolean isWrapper(Element e, PageStats stats) {
    return e.childrenSize() == 1 && stats.of(e.child(0)).text == stats.of(e).text;
  }

  static boolean isInside(Element e, Element ancestor) {
    for (Element p = e; p != null; p = p.parent()) {
      if (p == ancestor) return true;
    }
    return false;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
