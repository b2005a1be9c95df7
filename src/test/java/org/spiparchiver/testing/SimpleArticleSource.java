package org.spiparchiver.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.spiparchiver.extract.SpipUrls;
import org.spiparchiver.mirror.ArticleSource;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Image;

/**
 * A deliberately small stand-in for the extractor in crawl tests: the id from the URL, the title,
 * and the article's images (displayed copy + the IMG/ original it links to), so that the crawl's
 * own behaviour is tested independently of extraction quality.
 */
public final class SimpleArticleSource implements ArticleSource {
  @Override
  public Optional<Article> article(byte[] html, URI pageUrl) {
    java.util.OptionalInt id = SpipUrls.articleId(pageUrl);
    if (id.isEmpty()) return Optional.empty();
    Document doc = Jsoup.parse(new String(html, java.nio.charset.StandardCharsets.UTF_8), pageUrl.toString());
    List<Image> images = new ArrayList<>();
    for (Element img : doc.select("img[src*=cache-vignettes], img[src*=IMG/]")) {
      Element link = img.closest("a[href*=IMG/]");
      images.add(new Image(img.absUrl("src"), link == null ? null : link.absUrl("href"), null, null, null,
          Image.INLINE, null, null, null, null));
    }
    return Optional.of(new Article(id.getAsInt(), pageUrl.toString(), null, doc.title(), null, null,
        null, null, null, null, null, null, null, null, null, null, null, images, null, null, null, null, null, null,
        null, null));
  }
}
