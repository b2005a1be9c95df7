package org.spiparchiver.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.model.Article;

class LiveIndexTest {
  @TempDir
  Path dir;

  @Test
  void answersFromTheNewGenerationOnceCurrentNamesIt() throws IOException {
    Path mirror = dir.resolve("mirror");
    Path index = dir.resolve("index");
    List<Article> articles = TruthArticles.all();
    TruthArticles.writeMirror(mirror, articles.subList(0, 10));
    new Indexer(mirror, index).rebuild();
    try (LiveIndex live = new LiveIndex(index, 0)) {
      assertThat(live.with(ArticleSearcher::size)).isEqualTo(10);
      Path first = live.with(ArticleSearcher::generation);

      TruthArticles.writeMirror(mirror, articles.subList(10, 15));
      new Indexer(mirror, index).rebuild(); // a new generation, CURRENT swapped, the old one deleted

      assertThat(live.with(ArticleSearcher::size)).isEqualTo(15);
      assertThat(live.with(ArticleSearcher::generation)).isNotEqualTo(first);
    }
  }

  @Test
  void noIndexYetIsTheSearchCommandsError() {
    try (LiveIndex live = new LiveIndex(dir.resolve("index"), 0)) {
      assertThatThrownBy(() -> live.with(ArticleSearcher::size))
          .isInstanceOf(IndexException.class)
          .hasMessageContaining("no index at");
    }
  }
}
