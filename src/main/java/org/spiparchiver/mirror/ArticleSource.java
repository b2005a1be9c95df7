package org.spiparchiver.mirror;

import java.net.URI;
import java.util.Optional;
import org.spiparchiver.model.Article;

/**
 * Turns an archived page into an article record, or nothing when the page is not a public
 * article. The extraction stage provides it (the command line wires it in), so that the archive
 * does not depend on how pages are read.
 */
@FunctionalInterface
public interface ArticleSource {
  Optional<Article> article(byte[] html, URI pageUrl);

  /** As {@link #article(byte[], URI)}, with the response's {@code Content-Type}, whose charset wins over the page's {@code <meta>}. */
  default Optional<Article> article(byte[] html, String contentType, URI pageUrl) {
    return article(html, pageUrl);
  }
}
