package org.spiparchiver.extract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * The template families the extractor knows, each as the CSS selectors of the article's parts.
 * Selectors are parsed once. A null selector means the family has no such part.
 */
enum Template {
  /** Escal (divergences.be): ids in Escal 3, classes accepted too for Escal 4 variants. */
  ESCAL("escal",
      "#contenu, main",
      "#titre-article, .titre-article",
      "#surtitre-article, .surtitre-article",
      "#soustitre-article, .soustitre-article",
      "nav.ariane, #ariane, .cadre-chemin",
      "#auteur-article .vcard .fn, #auteur-article a[href*=auteur], .auteur-article a[href*=auteur]",
      "abbr.published[title], time.published[datetime]",
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
      "#content, .content, #contenu, main",
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
      null,
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
  /** Where the article's parts are (but keywords, translations and documents, which may sit in a side column). */
  final Part scope;
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

  Template(String id, String scope, String title, String surtitle, String subtitle, String breadcrumb, String authors,
      String publishedIso, String publishedText, String modified, String chapo, String text, String ps,
      String notes, String logo, String keywords, String translations) {
    this.id = id;
    this.scope = part(scope);
    this.title = part(title);
    this.surtitle = part(surtitle);
    this.subtitle = part(subtitle);
    this.breadcrumb = part(breadcrumb);
    this.authors = part(authors);
    this.publishedIso = part(publishedIso);
    this.publishedText = part(publishedText);
    this.modified = part(modified);
    this.chapo = part(chapo);
    this.text = part(text);
    this.ps = part(ps);
    this.notes = part(notes);
    this.logo = part(logo);
    this.keywords = part(keywords);
    this.translations = part(translations);
  }

  private static final Evaluator GENERATOR = QueryParser.parse("meta[name=generator]");
  private static final Evaluator ESCAL_SIGNS = QueryParser.parse("#cadre-titre-article, #titre-article, .titre-article, #texte-article");
  private static final Evaluator DIST_SIGNS = QueryParser.parse(".cartouche, p.arbo, #hierarchie, h1.entry-title");

  /** The family a page belongs to, from the page itself (generator meta, then characteristic markup). */
  static Template recognise(Document doc) {
    var generator = doc.head().selectFirst(GENERATOR);
    if (generator != null && generator.attr("content").toLowerCase(Locale.ROOT).contains("escal")) return ESCAL;
    if (doc.selectFirst(DIST_SIGNS) != null) return SPIP_DIST;
    if (doc.selectFirst(ESCAL_SIGNS) != null) return ESCAL;
    return GENERIC;
  }

  static Part part(String css) {
    if (css == null) return Part.NONE;
    List<List<Step>> alternatives = new ArrayList<>();
    for (String alternative : css.split(",")) {
      List<Step> chain = new ArrayList<>();
      for (String step : alternative.trim().split("\\s+")) chain.add(Step.of(step));
      alternatives.add(List.copyOf(chain));
    }
    return new Part(List.copyOf(alternatives));
  }

  /**
   * One step of a selector chain, with the id, class or tag its matches must have (from the
   * step's leading simple selector) so that candidates come from the {@link PageIndex}.
   */
  record Step(Evaluator evaluator, String id, String className, String tag) {
    private static final Pattern SIMPLE_HEAD = Pattern.compile("^([a-zA-Z][a-zA-Z0-9]*)?(?:#([\\w-]+))?(?:\\.([\\w-]+))?");

    static Step of(String css) {
      Matcher m = SIMPLE_HEAD.matcher(css);
      m.lookingAt();
      String tag = m.group(1) == null ? null : m.group(1).toLowerCase(Locale.ROOT);
      Step step = new Step(QueryParser.parse(css), m.group(2), m.group(3), tag);
      PageIndex.want(step.id, step.className, step.tag);
      return step;
    }

    boolean indexed() {
      return id != null || className != null || tag != null;
    }

    /** The matches inside {@code scope}, in document order. */
    List<Element> select(PageIndex index, Element scope) {
      if (!indexed()) return scope.select(evaluator).stream().filter(e -> e != scope).toList();
      List<Element> out = new ArrayList<>();
      for (Element e : index.candidates(id, className, tag)) {
        if (index.inside(e, scope) && evaluator.matches(index.root(), e)) out.add(e);
      }
      return out;
    }

    Element first(PageIndex index, Element scope) {
      if (!indexed()) {
        for (Element e : scope.select(evaluator)) {
          if (e != scope) return e;
        }
        return null;
      }
      for (Element e : index.candidates(id, className, tag)) {
        if (index.inside(e, scope) && evaluator.matches(index.root(), e)) return e;
      }
      return null;
    }
  }

  /**
   * One part of the page: selector alternatives in order of preference. Each alternative is a
   * chain of descendant steps ({@code .cartouche .surtitre}), matched from the outside in.
   */
  record Part(List<List<Step>> alternatives) {
    static final Part NONE = new Part(List.of());

    /** The element of the first alternative that matches inside {@code scope}, or null. */
    Element first(PageIndex index, Element scope) {
      for (List<Step> chain : alternatives) {
        Element found = first(index, scope, chain, 0);
        if (found != null) return found;
      }
      return null;
    }

    /** Every match inside {@code scope}: alternatives in order, each in document order, no repeats. */
    List<Element> all(PageIndex index, Element scope) {
      Set<Element> found = new LinkedHashSet<>(); // jsoup nodes are equal by identity only
      for (List<Step> chain : alternatives) collect(index, scope, chain, 0, found);
      return new ArrayList<>(found);
    }

    private static Element first(PageIndex index, Element scope, List<Step> chain, int step) {
      if (step == chain.size() - 1) return chain.get(step).first(index, scope);
      for (Element e : chain.get(step).select(index, scope)) {
        Element found = first(index, e, chain, step + 1);
        if (found != null) return found;
      }
      return null;
    }

    private static void collect(PageIndex index, Element scope, List<Step> chain, int step, Set<Element> found) {
      for (Element e : chain.get(step).select(index, scope)) {
        if (step == chain.size() - 1) found.add(e);
        else collect(index, e, chain, step + 1, found);
      }
    }
  }
}
