package org.spiparchiver.extract;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Per-element counts over a page, from one traversal (linear in the page; no walk is repeated per
 * element): text length, text inside links, links to other articles, document order, and whether
 * the element is page chrome (navigation, side blocks, forms, footers, listings of other
 * articles) rather than the article. The generic layer reads the page through these.
 */
final class PageStats {
  /** Tags whose content is never the article's: navigation, side blocks, forms, footers. */
  private static final Set<String> CHROME_TAGS = Set.of("nav", "aside", "footer", "form", "menu", "dialog");
  private static final Set<String> NO_TEXT = Set.of("script", "style", "noscript", "template", "select", "option", "textarea");
  /** Headings of SPIP's listings of other articles, in the five languages of divergences.be. */
  private static final Pattern LISTING_HEADING = Pattern.compile(
      "(?i)^(dans la même rubrique|also in this section|in the same section|en la misma sección|en esta misma sección"
          + "|na mesma secção|na mesma seção|nesta mesma secção|in dezelfde rubriek|ook in deze rubriek|articles? (les plus )?récents?"
          + "|derniers articles|à lire aussi|voir aussi|sur le même sujet|du même auteur|articles? liés?)\\b.*");

  static final class Counts {
    int order;
    int text;
    int linkText;
    int articleLinks;
    boolean chrome;
  }

  private final Map<Element, Counts> counts = new IdentityHashMap<>();

  PageStats(Element root, URI base, int articleId) {
    Deque<Counts> stack = new ArrayDeque<>();
    int[] order = {0};
    int[] inLink = {0};
    int[] inChrome = {0};
    int[] skip = {0};
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode t) {
          if (skip[0] > 0 || stack.isEmpty()) return;
          int n = visibleLength(t.getWholeText());
          stack.peek().text += n;
          if (inLink[0] > 0) stack.peek().linkText += n;
        } else if (node instanceof Element e) {
          Counts c = new Counts();
          c.order = order[0]++;
          String tag = e.normalName();
          if (CHROME_TAGS.contains(tag)) inChrome[0]++;
          c.chrome = inChrome[0] > 0;
          if (tag.equals("a")) {
            inLink[0]++;
            // Only hrefs that can name an article are parsed as URLs (pages carry hundreds of links).
            OptionalInt other = e.attr("href").contains("article") ? SpipUrls.articleId(PageUrls.link(base, e, "href")) : OptionalInt.empty();
            if (other.isPresent() && other.getAsInt() != articleId) c.articleLinks++;
          }
          if (NO_TEXT.contains(tag)) skip[0]++;
          counts.put(e, c);
          stack.push(c);
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (!(node instanceof Element e)) return;
        Counts c = stack.pop();
        String tag = e.normalName();
        if (CHROME_TAGS.contains(tag)) inChrome[0]--;
        if (tag.equals("a")) inLink[0]--;
        if (NO_TEXT.contains(tag)) skip[0]--;
        if (!stack.isEmpty()) {
          Counts p = stack.peek();
          p.text += c.text;
          p.linkText += c.linkText;
          p.articleLinks += c.articleLinks;
        }
      }
    }, root);
    markListings(root);
  }

  /**
   * Blocks headed "Dans la même rubrique" and the like are chrome, and so are lists of links to
   * other articles: blocks of at least two children, most of which link to another article, with
   * mostly link text.
   */
  private void markListings(Element root) {
    for (Element e : root.getAllElements()) {
      Counts c = counts.get(e);
      if (c == null || c.chrome) continue;
      if (isHeading(e) && e.parent() != null && c.text < 80 && LISTING_HEADING.matcher(Texts.clean(e.text())).matches()) {
        markChrome(e.parent());
      } else if (c.articleLinks >= 2 && c.linkText * 2 > c.text && e.childrenSize() >= 2) {
        int linking = 0;
        for (Element child : e.children()) {
          if (of(child).articleLinks > 0) linking++;
        }
        if (linking * 5 >= e.childrenSize() * 3) markChrome(e);
      }
    }
  }

  private void markChrome(Element e) {
    for (Element d : e.getAllElements()) {
      Counts c = counts.get(d);
      if (c != null) c.chrome = true;
    }
  }

  static boolean isHeading(Element e) {
    String t = e.normalName();
    return t.length() == 2 && t.charAt(0) == 'h' && t.charAt(1) >= '1' && t.charAt(1) <= '6';
  }

  private static int visibleLength(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (!Texts.isSpace(s.charAt(i))) n++;
    }
    return n;
  }

  Counts of(Element e) {
    Counts c = counts.get(e);
    return c == null ? new Counts() : c;
  }

  boolean chrome(Element e) {
    return of(e).chrome;
  }

  int order(Element e) {
    return of(e).order;
  }

  /** Share of the element's text that is link text (0 when it has no text). */
  double linkDensity(Element e) {
    Counts c = of(e);
    return c.text == 0 ? 0 : (double) c.linkText / c.text;
  }
}
