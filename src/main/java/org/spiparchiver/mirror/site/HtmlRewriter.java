package org.spiparchiver.mirror.site;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Rewrites the references of a page of the copy. Links ({@code a}, {@code area}, {@code link rel=alternate…})
 * to archived URLs become relative paths, to other URLs absolute live URLs (off-site ones stay as
 * written). What a browser loads by itself (images and every {@code srcset} candidate, scripts,
 * stylesheets, icons, frames, objects, media, CSS {@code url()}s) is either archived, and then
 * local, or neutralised: the attribute moved to {@code data-archived-ATTR}, so that opening the copy
 * never reaches the network. Forms are pointed at the live site explicitly. A reference that cannot
 * be handled is neutralised (or, for a link, left absolute): one bad link never costs the page.
 */
final class HtmlRewriter {
  private static final Set<String> EMBEDDING_RELS = Set.of("stylesheet", "icon", "shortcut", "apple-touch-icon",
      "apple-touch-icon-precomposed", "mask-icon", "preload", "prefetch", "modulepreload", "manifest", "prerender");
  /** Hints that open connections by themselves: never kept. */
  private static final Set<String> NETWORK_HINTS = Set.of("dns-prefetch", "preconnect");
  private static final String EMBEDDED_SRC = "img[src], script[src], iframe[src], frame[src], embed[src], source[src], "
      + "video[src], audio[src], track[src], input[src]";

  private final Linker linker;
  private final URI page;
  private final String self;

  HtmlRewriter(Linker linker, URI page, String self) {
    this.linker = linker;
    this.page = page;
    this.self = self;
  }

  void rewrite(Document doc) {
    for (Element e : doc.select("a[href], area[href]")) guarded(e, "href", false);
    for (Element e : doc.select("link[href]")) {
      List<String> rels = List.of(e.attr("rel").toLowerCase(Locale.ROOT).trim().split("\\s+"));
      if (rels.stream().anyMatch(NETWORK_HINTS::contains)) neutralise(e, "href", e.absUrl("href"));
      else guarded(e, "href", rels.stream().anyMatch(EMBEDDING_RELS::contains));
    }
    for (Element e : doc.select(EMBEDDED_SRC)) guarded(e, "src", true);
    for (Element e : doc.select("video[poster]")) guarded(e, "poster", true);
    for (Element e : doc.select("object[data]")) guarded(e, "data", true);
    for (Element e : doc.select("[background]")) guarded(e, "background", true);
    for (Element e : doc.select("img[srcset], source[srcset]")) srcset(e);
    for (Element e : doc.select("form")) form(e);
    for (Element e : doc.select("[style]")) {
      try {
        e.attr("style", CssRewriter.rewrite(e.attr("style"), base(e), self, page, linker));
      } catch (RuntimeException ex) {
        e.attr("data-archived-style", e.attr("style")).removeAttr("style");
      }
    }
    for (Element e : doc.select("style")) {
      for (DataNode d : e.dataNodes()) {
        try {
          d.setWholeData(CssRewriter.rewrite(d.getWholeData(), base(e), self, page, linker));
        } catch (RuntimeException ex) {
          d.setWholeData("/* stylesheet not archived */");
        }
      }
    }
  }

  private void guarded(Element e, String attr, boolean embedded) {
    String abs = e.absUrl(attr);
    try {
      reference(e, attr, embedded, abs);
    } catch (RuntimeException ex) {
      if (embedded) neutralise(e, attr, abs.isEmpty() ? e.attr(attr) : abs);
      else if (!abs.isEmpty()) e.attr(attr, abs);
    }
  }

  private void reference(Element e, String attr, boolean embedded, String abs) {
    String raw = e.attr(attr).strip();
    String lower = raw.toLowerCase(Locale.ROOT);
    if (raw.isEmpty() || raw.startsWith("#") || lower.startsWith("data:") || lower.startsWith("mailto:")
        || lower.startsWith("tel:") || lower.startsWith("about:")) {
      return;
    }
    if (lower.startsWith("javascript:")) {
      if (embedded) neutralise(e, attr, raw);
      return;
    }
    if (!abs.startsWith("http://") && !abs.startsWith("https://")) {
      // Unresolvable or another scheme: harmless as a link; not loaded as a resource.
      if (embedded && abs.isEmpty()) neutralise(e, attr, raw);
      return;
    }
    Linker.Target t = linker.resolve(abs, embedded, self, page);
    if (t.local() != null) {
      e.attr(attr, t.local());
    } else if (embedded) {
      neutralise(e, attr, abs);
    } else if (t.inScope() || !isAbsolute(lower)) {
      e.attr(attr, abs);
    }
  }

  private void srcset(Element e) {
    String original = e.attr("srcset");
    List<String> kept = new ArrayList<>();
    boolean dropped = false;
    URI base = base(e);
    for (String candidate : original.split(",")) {
      String c = candidate.strip();
      if (c.isEmpty()) continue;
      String[] parts = c.split("\\s+", 2);
      String abs = CssRewriter.absolute(base, parts[0]);
      String local = null;
      if (abs != null && !abs.isEmpty()) {
        try {
          local = linker.resolve(abs, true, self, page).local();
        } catch (RuntimeException ex) {
          local = null;
        }
      }
      if (local == null) {
        dropped = true;
      } else {
        kept.add(parts.length > 1 ? local + " " + parts[1] : local);
      }
    }
    if (!dropped) {
      e.attr("srcset", String.join(", ", kept));
      return;
    }
    e.attr("data-archived-srcset", original);
    if (kept.isEmpty()) e.removeAttr("srcset");
    else e.attr("srcset", String.join(", ", kept));
  }

  /** Forms post to the live site, said explicitly: from a file they would post nowhere. */
  private void form(Element e) {
    String abs = e.hasAttr("action") && !e.attr("action").isBlank() ? e.absUrl("action") : page.toString();
    if (abs.startsWith("http://") || abs.startsWith("https://")) e.attr("action", abs);
  }

  private static void neutralise(Element e, String attr, String original) {
    e.attr("data-archived-" + attr, original);
    e.removeAttr(attr);
  }

  private URI base(Element e) {
    try {
      String b = e.baseUri();
      return b == null || b.isEmpty() ? page : URI.create(b);
    } catch (IllegalArgumentException ex) {
      return page;
    }
  }

  private static boolean isAbsolute(String lower) {
    return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("//");
  }
}
