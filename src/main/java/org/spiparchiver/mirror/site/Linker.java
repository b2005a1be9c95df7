package org.spiparchiver.mirror.site;

import java.net.URI;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Where one link of the copy leads: the archived file (as a path relative to the linking file), the
 * live URL (in the archive's scope but not archived, or outside it), with the fragment kept.
 */
final class Linker {
  /** A reference resolved: {@code local} is the relative path for the copy, or null when not archived. */
  record Target(String local, String absolute, boolean inScope) {}

  private final Canonicalizer canonicalizer;
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
    Optional<URI> canonical = canonicalizer.canonical(bare, embedded);
    if (canonical.isEmpty()) return new Target(null, absolute, false);
    Optional<Captures.Entry> entry = captures.get(canonical.get());
    if (entry.isEmpty()) {
      waiting.accept(canonical.get(), source);
      return new Target(null, absolute, true);
    }
    String to = SiteLayout.path(canonical.get(), entry.get().mediaType());
    return new Target(relative(selfPath, to) + fragment, absolute, true);
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
