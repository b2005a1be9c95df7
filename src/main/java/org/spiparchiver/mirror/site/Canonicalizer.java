package org.spiparchiver.mirror.site;

import java.net.URI;
import java.util.Optional;

/**
 * The crawl's rule for what a link is: the canonical URL it is archived under when it is in the
 * archive's scope, else empty (off-site, a login page, a search...). Given by the crawl, so the
 * copy and the crawl agree on what one URL is.
 */
@FunctionalInterface
public interface Canonicalizer {
  /**
   * @param absoluteUrl a link resolved against its page
   * @param embedded true for what a browser loads by itself (image, stylesheet, script, font, frame)
   */
  Optional<URI> canonical(String absoluteUrl, boolean embedded);
}
