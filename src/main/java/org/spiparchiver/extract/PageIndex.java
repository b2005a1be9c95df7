package org.spiparchiver.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The elements of a page by id, class and tag name, each list in document order: one traversal,
 * then lookups. The extractor looks for some thirty parts per page; scanning the whole page for
 * each (Escal pages carry large menus) cost more than parsing it. Only the keys that selector
 * steps ask for are indexed (registered by {@link Template.Step} as the selectors are built).
 */
final class PageIndex {
  private static final Set<String> WANTED_IDS = ConcurrentHashMap.newKeySet();
  private static final Set<String> WANTED_CLASSES = ConcurrentHashMap.newKeySet();
  private static final Set<String> WANTED_TAGS = ConcurrentHashMap.newKeySet();

  /** Registers the key a selector step looks up: its id, else its class, else its tag. */
  static void want(String id, String className, String tag) {
    if (id != null) WANTED_IDS.add(id);
    else if (className != null) WANTED_CLASSES.add(className);
    else if (tag != null) WANTED_TAGS.add(tag);
  }

  private final Element root;
  private final Map<String, List<Element>> byId = new HashMap<>();
  private final Map<String, List<Element>> byClass = new HashMap<>();
  private final Map<String, List<Element>> byTag = new HashMap<>();

  PageIndex(Element root) {
    this.root = root;
    NodeTraversor.traverse((NodeVisitor) (node, depth) -> {
      if (!(node instanceof Element e)) return;
      if (WANTED_TAGS.contains(e.normalName())) add(byTag, e.normalName(), e);
      if (e.attributesSize() == 0) return;
      String id = e.id();
      if (!id.isEmpty() && WANTED_IDS.contains(id)) add(byId, id, e);
      String classes = e.className();
      int start = -1;
      for (int i = 0; i <= classes.length(); i++) {
        boolean space = i == classes.length() || Character.isWhitespace(classes.charAt(i));
        if (space && start >= 0) {
          String c = classes.substring(start, i);
          if (WANTED_CLASSES.contains(c)) add(byClass, c, e);
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
