package org.spiparchiver.mirror;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Document;
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

  /**
   * As {@link #article(byte[], URI)}, for a page the crawl has already decoded and parsed (once per
   * response, for its links and its record); {@code decodingWarnings} say what the decoding guessed.
   * The document may be changed. By default the page is serialised again and read as bytes.
   */
  default Optional<Article> article(Document page, List<String> decodingWarnings, URI pageUrl) {
    return article(page.outerHtml().getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", pageUrl);
  }
}
