package org.spiparchiver.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The elements of a page by id, class and tag name, each list in document order: one traversal,
 * then lookups. The extractor looks for some thirty parts per page; scanning the whole page for
 * each (Escal pages carry large menus) cost more than parsing it.
 */
final class PageIndex {
  private final Element root;
  private final Map<String, List<Element>> byId = new HashMap<>();
  private final Map<String, List<Element>> byClass = new HashMap<>();
  private final Map<String, List<Element>> byTag = new HashMap<>();

  PageIndex(Element root) {
    this.root = root;
    NodeTraversor.traverse((NodeVisitor) (node, depth) -> {
      if (!(node instanceof Element e)) return;
      add(byTag, e.normalName(), e);
      String id = e.id();
      if (!id.isEmpty()) add(byId, id, e);
      String classes = e.className();
      int start = -1;
      for (int i = 0; i <= classes.length(); i++) {
        boolean space = i == classes.length() || Character.isWhitespace(classes.charAt(i));
        if (space && start >= 0) {
          add(byClass, classes.substring(start, i), e);
          start = -1;
        } else if (!space && start < 0) {
          start = i;
        }
      }
    }, root);
  }

  private static void add(Map<String, List<Element>> map, String key, Element e) {
    map.computeIfAbsent(key, k -> new ArrayList<>(2)).add(e);
  }

  Element root() {
    return root;
  }

  /** The elements with this id, class or tag name (whichever is not null, in that order). */
  List<Element> candidates(String id, String className, String tag) {
    List<Element> found = id != null ? byId.get(id) : className != null ? byClass.get(className) : byTag.get(tag);
    return found == null ? List.of() : found;
  }

  /** Whether {@code e} lies strictly inside {@code scope} (anywhere in the page for the root). */
  boolean inside(Element e, Element scope) {
    if (scope == root) return e != root;
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p == scope) return true;
    }
    return false;
  }
}
