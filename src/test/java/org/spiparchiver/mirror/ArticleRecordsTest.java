package org.spiparchiver.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.model.Article;

class ArticleRecordsTest {
  @TempDir Path mirror;

  static Article captured(String title, String at) {
    return ArticleDiffTest.article(title, "text", List.of()).withProvenance(at, "a.warc.gz", 10, "sha1:" + title);
  }

  @Test
  void keepsTheReplacedRecordWhenTheArticleChanges() throws Exception {
    ArticleRecords records = new ArticleRecords(mirror);
    assertThat(records.write(captured("Old", "2026-11-01T03:00:00Z")).kind()).isEqualTo(ArticleRecords.Change.Kind.NEW);

    ArticleRecords.Change change = records.write(captured("New", "2026-11-02T03:00:00Z"));

    assertThat(change.kind()).isEqualTo(ArticleRecords.Change.Kind.MODIFIED);
    assertThat(change.fields()).containsExactly("title");
    assertThat(records.read(839).orElseThrow().title()).isEqualTo("New");
    assertThat(records.history(839)).hasSize(1);
    Path kept = records.history(839).get(0);
    assertThat(kept.getFileName().toString()).isEqualTo("2026-11-01T03-00-00Z.json");
    assertThat(Files.readString(kept)).contains("\"title\" : \"Old\"");
  }

  @Test
  void aNewCaptureOfTheSameArticleIsNotAModificationAndKeepsNoHistory() throws Exception {
    ArticleRecords records = new ArticleRecords(mirror);
    records.write(captured("Same", "2026-11-01T03:00:00Z"));
    ArticleRecords.Change change = records.write(captured("Same", "2026-11-02T03:00:00Z"));
    assertThat(change.kind()).isEqualTo(ArticleRecords.Change.Kind.UNCHANGED);
    assertThat(records.read(839).orElseThrow().capturedAt()).isEqualTo("2026-11-02T03:00:00Z");
    assertThat(records.history(839)).isEmpty();
    assertThat(records.ids()).containsExactly(839);
  }
}
