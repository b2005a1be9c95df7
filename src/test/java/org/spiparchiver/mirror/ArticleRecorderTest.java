package org.spiparchiver.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.model.Article;

class ArticleRecorderTest {
  @TempDir Path mirror;

  static Article captured(String title, String at) {
    return new Article(7, "https://mag.example/spip.php?article7", "fr", title, null, null, List.of(), null, null, null, null,
        List.of(), null, "Texte.", null, List.of(), List.of(), List.of(), List.of(), List.of(), null, at, "a.warc.gz", 0L,
        "sha1:" + title, null);
  }

  @Test
  void aCaptureOlderThanTheRemovalKeepsTheRemovalMark() throws Exception {
    ArticleRecorder recorder = new ArticleRecorder(new ArticleRecords(mirror));
    recorder.record(captured("T", "2026-11-01T03:00:00Z"));
    assertThat(recorder.markRemoved(7, "2026-11-10T03:00:00Z")).map(ArticleRecords.Change::kind)
        .contains(ArticleRecords.Change.Kind.REMOVED);

    ArticleRecords.Change again = recorder.record(captured("T", "2026-11-01T03:00:00Z"));

    assertThat(again.kind()).isEqualTo(ArticleRecords.Change.Kind.UNCHANGED);
    assertThat(recorder.records().read(7).orElseThrow().removedAt()).isEqualTo("2026-11-10T03:00:00Z");
    assertThat(recorder.markRemoved(7, "2026-11-11T03:00:00Z")).isEmpty();
  }

  @Test
  void aCaptureNewerThanTheRemovalBringsTheArticleBack() throws Exception {
    ArticleRecorder recorder = new ArticleRecorder(new ArticleRecords(mirror));
    recorder.record(captured("T", "2026-11-01T03:00:00Z"));
    recorder.markRemoved(7, "2026-11-10T03:00:00Z");

    ArticleRecords.Change back = recorder.record(captured("T2", "2026-11-20T03:00:00Z"));

    assertThat(back.kind()).isEqualTo(ArticleRecords.Change.Kind.MODIFIED);
    assertThat(back.fields()).containsExactly("title");
    assertThat(recorder.records().read(7).orElseThrow().removedAt()).isNull();
    assertThat(recorder.records().history(7)).hasSize(1);
  }

  @Test
  void aReExtractionWithoutSiteKeepsTheRecordsSite() throws Exception {
    ArticleRecorder recorder = new ArticleRecorder(new ArticleRecords(mirror));
    recorder.record(captured("T", "2026-11-01T03:00:00Z").withSite("divergences2"));

    ArticleRecords.Change again = recorder.record(captured("T", "2026-11-01T03:00:00Z"));

    assertThat(again.kind()).isEqualTo(ArticleRecords.Change.Kind.UNCHANGED);
    assertThat(recorder.records().read(7).orElseThrow().site()).isEqualTo("divergences2");
  }
}
