package org.spiparchiver.index;

import java.util.Arrays;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.spiparchiver.index.SearchResult.Hit;

/** The mapping back from a document made by {@link ArticleDocuments} to a {@link Hit}. */
final class ArticleHits {
  /** The stored fields a hit reads; the others (text, digest) are not loaded. */
  static final Set<String> FIELDS = Set.of(ArticleDocuments.ID, ArticleDocuments.URL,
      ArticleDocuments.TITLE, ArticleDocuments.AUTHOR, ArticleDocuments.PUBLISHED, ArticleDocuments.ISSUE_NUMBER,
      ArticleDocuments.ISSUE_TITLE, ArticleDocuments.SECTION, ArticleDocuments.LANG, ArticleDocuments.JSON_PATH,
      ArticleDocuments.REMOVED_AT, ArticleDocuments.SITE, ArticleDocuments.ALSO);

  private ArticleHits() {}

  static Hit toHit(Document d, float score, String snippet) {
    IndexableField number = d.getField(ArticleDocuments.ISSUE_NUMBER);
    return new Hit(Integer.parseInt(d.get(ArticleDocuments.ID)), d.get(ArticleDocuments.URL), score,
        d.get(ArticleDocuments.TITLE), Arrays.asList(d.getValues(ArticleDocuments.AUTHOR)),
        d.get(ArticleDocuments.PUBLISHED), number == null ? null : number.numericValue().intValue(),
        d.get(ArticleDocuments.ISSUE_TITLE), d.get(ArticleDocuments.SECTION), d.get(ArticleDocuments.LANG),
        snippet, d.get(ArticleDocuments.JSON_PATH), d.get(ArticleDocuments.REMOVED_AT), d.get(ArticleDocuments.SITE),
        Arrays.asList(d.getValues(ArticleDocuments.ALSO)));
  }
}
