package org.spiparchiver.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Extraction;
import org.spiparchiver.model.Image;

class ArticleDiffTest {
  static final Image PHOTO = new Image("http://s/local/cache-vignettes/L400xH300/a-1.jpg", "http://s/IMG/jpg/a.jpg",
      "Barricade", "Paris, 1968", null, Image.INLINE, 400, 300, null, null);

  static Article article(String title, String text, List<Image> images) {
    return new Article(839, "http://s/spip.php?article839", "fr", title, "Simon Pirani", null, List.of("Simon Pirani"),
        "2008-05-01", null, null, "Livres", List.of("N°13", "Livres"), null, text, null, List.of(), List.of("Russie"),
        images, List.of(), List.of(), new Extraction("escal", List.of()), null, null, null, null, null);
  }

  @Test
  void identicalArticlesHaveNoChangedField() {
    assertThat(ArticleDiff.changedFields(article("T", "x", List.of(PHOTO)), article("T", "x", List.of(PHOTO)))).isEmpty();
  }

  @Test
  void namesEachChangedFieldInRecordOrder() {
    Article before = article("Old title", "old text", List.of(PHOTO));
    Article after = article("New title", "new text", List.of());
    assertThat(ArticleDiff.changedFields(before, after)).containsExactly("title", "text", "images");
  }

  @Test
  void ignoresProvenanceRemovalAndExtractionDiagnostics() {
    Article before = article("T", "x", List.of(PHOTO));
    Article after = article("T", "x", List.of(PHOTO))
        .withProvenance("2026-11-26T10:00:00Z", "mirror-00002.warc.gz", 1234, "sha1:ABC")
        .withRemovedAt("2026-11-26T10:00:00Z");
    assertThat(ArticleDiff.changedFields(before, after)).isEmpty();
  }

  @Test
  void ignoresLocalPathsOfFetchedImagesButNotTheirCaptions() {
    Article before = article("T", "x", List.of(PHOTO));
    Article fetched = article("T", "x", List.of(PHOTO.withLocal("site/IMG/jpg/a.jpg", "sha1:XYZ")));
    assertThat(ArticleDiff.changedFields(before, fetched)).isEmpty();
    Image recaptioned = new Image(PHOTO.url(), PHOTO.originalUrl(), PHOTO.title(), "Lyon, 1968", null, Image.INLINE, 400, 300, null, null);
    assertThat(ArticleDiff.changedFields(before, article("T", "x", List.of(recaptioned)))).containsExactly("images");
  }

  @Test
  void anArticleAtAnotherAddressIsNotModified() {
    Article before = article("T", "x", List.of(PHOTO));
    Article moved = before.withUrls(u -> u.equals(before.url()) ? "https://new.example/spip.php?article839" : u);
    assertThat(ArticleDiff.changedFields(before, moved)).isEmpty();
  }
}
