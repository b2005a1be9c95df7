package org.spiparchiver.extract;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * The template families the extractor knows, each as the CSS selectors of the article's parts.
 * Selectors are parsed once. A null selector means the family has no such part.
 */
enum Template {
  /** Escal (divergences.be): ids in Escal 3, classes accepted too for Escal 4 variants. */
  ESCAL("escal",
      "#titre-article, .titre-article",
      "#surtitre-article, .surtitre-article",
      "#soustitre-article, .soustitre-article",
      "nav.ariane, #ariane, .cadre-chemin",
      "#auteur-article .vcard .fn, #auteur-article a[href*=auteur], .auteur-article a[href*=auteur]",
      null,
      ".date-article",
      ".date-modif-article",
      "#chapo, .chapo",
      "#texte-article, .texte-article",
      "aside#ps, div#ps, .ps-article",
      "aside#notes, div#notes, .notes-article",
      ".logorub img, #cadre-titre-article img.spip_logo",
      ".nav-mots a[href], a[rel=tag]",
      "#traductions-article a[href]"),
  /** SPIP's default templates (squelettes-dist) 2.x, 3.x and 4.x. */
  SPIP_DIST("spip-dist",
      "h1.entry-title, .cartouche h1, #contenu h1.titre",
      ".cartouche .surtitre, p.surtitre",
      ".cartouche .soustitre, p.soustitre",
      "p.arbo, #hierarchie, .arbo",
      ".vcard.author .fn, .cartouche .auteurs a[href*=auteur]",
      "abbr.published[title], time.published[datetime]",
      ".info-publi",
      "abbr.updated[title], abbr.modified[title], time.updated[datetime]",
      ".chapo",
      ".texte",
      ".ps",
      ".notes",
      ".cartouche img.spip_logo, h1 img.spip_logo",
      "a[rel=tag]",
      ".traductions a[hreflang], #traductions a[hreflang]"),
  /** Anything else: crayon classes (SPIP's front-end editing markup), then plain HTML. */
  GENERIC("generic",
      "[class~=\\barticle-titre-\\d+\\b], h1",
      "[class~=\\barticle-surtitre-\\d+\\b]",
      "[class~=\\barticle-soustitre-\\d+\\b]",
      "#hierarchie, .ariane, .breadcrumb, nav[aria-label=breadcrumb], .arbo",
      "[rel=author], .vcard .fn",
      "abbr.published[title], time[datetime]",
      null,
      "abbr.updated[title], abbr.modified[title]",
      "[class~=\\barticle-chapo-\\d+\\b]",
      "[class~=\\barticle-texte-\\d+\\b]",
      "[class~=\\barticle-ps-\\d+\\b]",
      ".notes, #notes",
      "h1 img.spip_logo, [class~=\\barticle-logo-\\d+\\b] img",
      "a[rel=tag]",
      "a[hreflang][rel=alternate]");

  final String id;
  final Part title;
  final Part surtitle;
  final Part subtitle;
  final Part breadcrumb;
  final Part authors;
  final Part publishedIso;
  final Part publishedText;
  final Part modified;
  final Part chapo;
  final Part text;
  final Part ps;
  final Part notes;
  final Part logo;
  final Part keywords;
  final Part translations;

  Template(String id, String title, String surtitle, String subtitle, String breadcrumb, String authors,
      String publishedIso, String publishedText, String modified, String chapo, String text, String ps,
      String notes, String logo, String keywords, String translations) {
    this.id = id;
    this.title = parse(title);
    this.surtitle = parse(surtitle);
    this.subtitle = parse(subtitle);
    this.breadcrumb = parse(breadcrumb);
    this.authors = parse(authors);
    this.publishedIso = parse(publishedIso);
    this.publishedText = parse(publishedText);
    this.modified = parse(modified);
    this.chapo = parse(chapo);
    this.text = parse(text);
    this.ps = parse(ps);
    this.notes = parse(notes);
    this.logo = parse(logo);
    this.keywords = parse(keywords);
    this.translations = parse(translations);
  }

  private static final Evaluator ESCAL_SIGNS = QueryParser.parse("#cadre-titre-article, #titre-article, .titre-article, #texte-article");
  private static final Evaluator DIST_SIGNS = QueryParser.parse(".cartouche, p.arbo, #hierarchie, h1.entry-title");

  /** The family a page belongs to, from the page itself (generator meta, then characteristic markup). */
  static Template recognise(Document doc) {
    var generator = doc.head().selectFirst("meta[name=generator]");
    if (generator != null && generator.attr("content").toLowerCase(java.util.Locale.ROOT).contains("escal")) return ESCAL;
    if (doc.selectFirst(ESCAL_SIGNS) != null) return ESCAL;
    if (doc.selectFirst(DIST_SIGNS) != null) return SPIP_DIST;
    return GENERIC;
  }

  private static Part parse(String css) {
    if (css == null) return Part.NONE;
    List<Evaluator> alternatives = new ArrayList<>();
    for (String alternative : css.split(",")) alternatives.add(QueryParser.parse(alternative.trim()));
    return new Part(List.copyOf(alternatives), QueryParser.parse(css));
  }

  /**
   * One part of the page: selector alternatives in order of preference (for a single element)
   * and all of them together (for every element, in document order).
   */
  record Part(List<Evaluator> alternatives, Evaluator any) {
    static final Part NONE = new Part(List.of(), null);

    /** The element of the first alternative that matches, or null. */
    Element first(Element root) {
      for (Evaluator e : alternatives) {
        Element found = root.selectFirst(e);
        if (found != null) return found;
      }
      return null;
    }

    /** Every matching element, in document order. */
    Elements all(Element root) {
      return any == null ? new Elements() : root.select(any);
    }
  }
}
