package org.spiparchiver.extract;

import java.net.URI;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * The article's main content block by content density, as Readability scores it (paragraph text
 * credited to the paragraph's parent and, half, to its grandparent; the candidate's score scaled
 * by its share of non-link text), over the page less its chrome ({@link PageStats}). Around it:
 * chapo, notes (SPIP's {@code #nbN}/{@code #nhN} note links), PS, the logo and the documents.
 */
final class MainText {
  private MainText() {}

  private static final Set<String> PARAGRAPH_TAGS = Set.of("p", "pre", "blockquote", "li", "h2", "h3", "h4", "dd", "td");
  /** A paragraph shorter than this counts only when the page has no longer one (Readability uses 25). */
  private static final int MIN_PARAGRAPH = 25;
  private static final Evaluator NOTE_BACK_LINKS = QueryParser.parse("a[href^=#nh]");
  private static final Evaluator NOTE_CALLS = QueryParser.parse("a[href^=#nb]");
  private static final Evaluator SPIP_LOGO = QueryParser.parse("img.spip_logo");
  private static final Evaluator PARAGRAPH = QueryParser.parse("p");
  private static final Evaluator SITE_LOGO = QueryParser.parse(".spip_logo_site");
  private static final Evaluator NOT_ARTICLE = QueryParser.parse("nav, footer, form");
  private static final Evaluator MAIN = QueryParser.parse("main, [role=main]");
  private static final Pattern PS_LABEL = Pattern.compile("(?i)^(P\\.?\\s?-?\\s?S\\.?|post-?scriptum)\\s*:?$");

  /** The content block with the best density score outside the chrome, or null. */
  static Element textBlock(Element body, PageStats stats, Element title) {
    Element best = best(body, stats, title, MIN_PARAGRAPH);
    return best != null ? best : best(body, stats, title, 1);
  }

  private static Element best(Element body, PageStats stats, Element title, int minLength) {
    Map<Element, Double> scores = new IdentityHashMap<>();
    for (Element p : body.getAllElements()) {
      if (!PARAGRAPH_TAGS.contains(p.normalName()) || stats.chrome(p)) continue;
      if (title != null && (GenericFields.isInside(p, title) || GenericFields.isInside(title, p))) continue;
      int len = stats.of(p).text - stats.of(p).linkText;
      if (len < minLength) continue;
      String text = p.text();
      double score = 1 + count(text, ',') + Math.min(len / 100.0, 3);
      Element parent = p.parent();
      if (parent == null || parent == body) continue;
      scores.merge(parent, score, Double::sum);
      Element grand = parent.parent();
      if (grand != null && grand != body) scores.merge(grand, score / 2, Double::sum);
    }
    Element best = null;
    double bestScore = 0;
    for (Map.Entry<Element, Double> e : scores.entrySet()) {
      Element c = e.getKey();
      if (PARAGRAPH_TAGS.contains(c.normalName()) && !c.normalName().equals("blockquote") && !c.normalName().equals("td")) continue;
      if (title != null && GenericFields.isInside(title, c)) continue; // a block holding the title is the article, not its text
      double score = e.getValue() * (1 - stats.linkDensity(c));
      if (score > bestScore || score == bestScore && best != null && stats.order(c) < stats.order(best)) {
        bestScore = score;
        best = c;
      }
    }
    // Rows and items are parts of the text, not the text: the block around the table or list.
    while (best != null && CONTAINER_PARTS.contains(best.normalName()) && best.parent() != null && best.parent() != body) best = best.parent();
    return best;
  }

  private static final Set<String> CONTAINER_PARTS = Set.of("tr", "tbody", "thead", "tfoot", "table", "ul", "ol", "dl");

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) n++;
    }
    return n;
  }

  /** The chapo: the paragraph block just before the text in the same block, when it is not the title's block. */
  static Element chapo(Element text, Element title, PageStats stats) {
    for (Element s = GenericFields.titleBlock(text).previousElementSibling(); s != null; s = s.previousElementSibling()) {
      if (stats.of(s).text == 0) continue;
      if (stats.chrome(s) || title != null && GenericFields.isInside(title, s)) return null;
      if (s.selectFirst(PARAGRAPH) == null || stats.linkDensity(s) > 0.5 || s.selectFirst(GenericFields.ISO_DATES) != null) return null;
      return s;
    }
    return null;
  }

  /**
   * The notes: the largest block around the notes' back-links ({@code href="#nh1"}) that holds no
   * note call ({@code href="#nb1"}), i.e. stops short of the text.
   */
  static Element notes(Element body, PageStats stats) {
    List<Element> backLinks = new ArrayList<>(body.select(NOTE_BACK_LINKS));
    backLinks.removeIf(stats::chrome);
    if (backLinks.isEmpty()) return null;
    Element block = backLinks.get(0);
    for (Element link : backLinks) block = common(block, link);
    while (block.parent() != null && block.parent() != body && block.parent().selectFirst(NOTE_CALLS) == null
        && !block.parent().normalName().equals("main") && !block.parent().normalName().equals("article")) {
      block = block.parent();
    }
    return block.selectFirst(NOTE_CALLS) == null ? block : null;
  }

  static Element common(Element a, Element b) {
    for (Element p = a; p != null; p = p.parent()) {
      if (GenericFields.isInside(b, p)) return p;
    }
    return a.ownerDocument() == null ? a : a.ownerDocument().body();
  }

  /** The PS: a block after the text headed "P.-S.", "PS", "Post-scriptum". */
  static Element ps(Element article, Element text, PageStats stats) {
    if (article == null) return null;
    for (Element e : article.getAllElements()) {
      if (stats.of(e).text > 20 || e.childrenSize() != 0 || stats.order(e) <= stats.order(text) || GenericFields.isInside(e, text)) continue;
      if (PS_LABEL.matcher(Texts.clean(e.text())).matches() && e.parent() != null) {
        Element box = e.parent();
        if (box.childrenSize() == 1 && box.parent() != null) box = box.parent();
        return box;
      }
    }
    return null;
  }

  /**
   * The logo: the last {@code img.spip_logo} up to the title (SPIP prints the article's or its
   * rubrique's logo beside the title), inside the article's block, not the site's logo.
   */
  static Element logo(Element article, Element title, PageStats stats) {
    if (article == null || title == null) return null;
    int end = stats.order(title) + title.getAllElements().size();
    Element found = null;
    for (Element img : article.select(SPIP_LOGO)) {
      int at = stats.order(img);
      if (at > end || stats.chrome(img)) continue;
      Element a = img.closest(PageUrls.LINKS);
      if (a != null && (a.attr("href").contains("IMG/") || a.attr("rel").contains("home"))) continue;
      if (img.closest(SITE_LOGO) != null) continue;
      found = img;
    }
    return found;
  }

  /** Links to files the site serves ({@code IMG/}) in the article's block but outside the text: portfolio and attachments. */
  static List<Element> documentLinks(Element article, Element text, Element chapo, Element notes, URI base) {
    List<Element> out = new ArrayList<>();
    if (article == null) return out;
    for (Element a : article.select(PageUrls.LINKS)) {
      if (text != null && GenericFields.isInside(a, text) || chapo != null && GenericFields.isInside(a, chapo)
          || notes != null && GenericFields.isInside(a, notes) || a.closest(NOT_ARTICLE) != null) continue;
      URI u = PageUrls.link(base, a, "href");
      if (u != null && u.getRawPath() != null && u.getRawPath().contains("/IMG/")) out.add(a);
    }
    return out;
  }

  /** The block that holds the article: the {@code main} or {@code article} around title and text, else their common ancestor. */
  static Element article(Element body, Element title, Element text) {
    Element anchor = title != null && text != null ? common(title, text) : title != null ? title : text;
    if (anchor == null) return null;
    Element main = anchor.closest(MAIN);
    if (main != null) return main;
    return anchor == body || anchor.parent() == null ? anchor : anchor.parent();
  }
}
