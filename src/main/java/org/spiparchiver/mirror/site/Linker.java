package org.spiparchiver.mirror.site;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Where one link of the copy leads: the archived file (as a path relative to the linking file), the
 * live URL (in the archive's scope but not archived, or outside it), with the fragment kept.
 */
final class Linker {
  /** A reference resolved: {@code local} is the relative path for the copy, or null when not archived. */
  record Target(String local, String absolute, boolean inScope) {}

  /** Pages share most of their links (menus, sidebars): each is canonicalised once, up to this many. */
  static final int MAX_CACHED = 200_000;

  private final Canonicalizer canonicalizer;
  private final Map<String, Optional<URI>> canonical = new HashMap<>();
  private final Map<String, String> paths = new HashMap<>();
  private final Captures captures;
  /** Told (target, linking URL) for each in-scope link not archived yet, so the page is redone when it is. */
  private final BiConsumer<URI, URI> waiting;

  Linker(Canonicalizer canonicalizer, Captures captures, BiConsumer<URI, URI> waiting) {
    this.canonicalizer = canonicalizer;
    this.captures = captures;
    this.waiting = waiting;
  }

  /**
   * @param absolute the link resolved against its document (may carry a fragment)
   * @param selfPath the linking file, relative to the mirror ({@code site/host/article1.html})
   * @param source the linking document's URL
   */
  Target resolve(String absolute, boolean embedded, String selfPath, URI source) {
    int hash = absolute.indexOf('#');
    String fragment = hash < 0 ? "" : absolute.substring(hash);
    String bare = hash < 0 ? absolute : absolute.substring(0, hash);
    Optional<URI> target = canonical(bare, embedded);
    if (target.isEmpty()) return new Target(null, absolute, false);
    Optional<Captures.Entry> entry = captures.get(target.get());
    if (entry.isEmpty()) {
      waiting.accept(target.get(), source);
      return new Target(null, absolute, true);
    }
    String to = path(target.get(), entry.get().mediaType());
    return new Target(relative(selfPath, to) + fragment, absolute, true);
  }

  private Optional<URI> canonical(String url, boolean embedded) {
    if (canonical.size() >= MAX_CACHED) canonical.clear();
    return canonical.computeIfAbsent((embedded ? "E" : "N") + url, k -> canonicalizer.canonical(url, embedded));
  }

  private String path(URI url, String mediaType) {
    if (paths.size() >= MAX_CACHED) paths.clear();
    return paths.computeIfAbsent(url + " " + mediaType, k -> SiteLayout.path(url, mediaType));
  }

  /** {@code to} relative to the directory of {@code from} (both '/'-separated, relative to the mirror). */
  static String relative(String from, String to) {
    String[] a = from.split("/");
    String[] b = to.split("/");
    int common = 0;
    while (common < a.length - 1 && common < b.length - 1 && a[common].equals(b[common])) common++;
    StringBuilder out = new StringBuilder();
    for (int i = common; i < a.length - 1; i++) out.append("../");
    for (int i = common; i < b.length; i++) {
      if (i > common) out.append('/');
      out.append(b[i]);
    }
    return out.toString();
  }
}
