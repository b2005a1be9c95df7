package org.spiparchiver.extract;

import java.util.Objects;
import org.spiparchiver.model.Article;

/** The outcome of extracting one page: an article record, or what the page is instead. */
public sealed interface PageResult {

  /** The page is an article; its record. */
  record ArticlePage(Article article) implements PageResult {
    public ArticlePage {
      Objects.requireNonNull(article, "article");
    }
  }

  /**
   * The page is not an article.
   *
   * @param description one short phrase for messages, e.g. {@code a rubrique page: N°21. Février/february/ 2010}
   */
  record OtherPage(PageKind kind, String description) implements PageResult {
    public OtherPage {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(description, "description");
    }
  }
}
