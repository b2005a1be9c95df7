package org.spiparchiver.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.index.SearchRequest.Filters;
import org.spiparchiver.index.SearchResult.Hit;
import org.spiparchiver.model.Article;

class IndexerTest {
  @TempDir
  Path dir;
  Path mirror;
  Path index;
  List<Article> articles;

  @BeforeEach
  void writeMirror() throws IOException {
    articles = TruthArticles.all();
    mirror = TruthArticles.writeMirror(dir.resolve("mirror"), articles);
    index = dir.resolve("index");
  }

  Article article(int id) {
    return articles.stream().filter(a -> a.id() == id).findFirst().orElseThrow();
  }

  List<Integer> search(String query, boolean includeRemoved) {
    try (ArticleSearcher s = ArticleSearcher.open(index)) {
      Filters f = new Filters(null, null, null, null, null, null, null, includeRemoved);
      return s.search(new SearchRequest(query, f, null, 1000, 0, false)).hits().stream().map(Hit::id).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void firstUpdateAddsEveryRecordThenSkipsUnchanged() {
    int n = articles.size();
    assertThat(new Indexer(mirror, index).update()).isEqualTo(new IndexStats(n, 0, 0, 0, n, 0));
    assertThat(new Indexer(mirror, index).update()).isEqualTo(new IndexStats(0, 0, 0, n, n, 0));
  }

  @Test
  void changedRecordIsReindexed() throws IOException {
    new Indexer(mirror, index).update();
    Article a = article(833);
    TruthArticles.write(mirror, new Article(a.id(), a.url(), a.lang(), "Kropotkine à Zanzibar", a.surtitle(),
        a.subtitle(), a.authors(), a.published(), a.modified(), a.issue(), a.section(), a.rubriquePath(), a.chapo(),
        a.text(), a.ps(), a.notes(), a.keywords(), a.images(), a.attachments(), a.translations(), a.extraction(),
        a.capturedAt(), a.warcFile(), a.warcOffset(), a.payloadDigest(), a.removedAt()));

    IndexStats stats = new Indexer(mirror, index).update();

    assertThat(stats).isEqualTo(new IndexStats(0, 1, 0, articles.size() - 1, articles.size(), 0));
    assertThat(search("zanzibar", false)).containsExactly(833);
  }

  @Test
  void deletedRecordIsRemovedFromTheIndex() throws IOException {
    new Indexer(mirror, index).update();
    assertThat(search("whitfield", false)).contains(803);
    Files.delete(mirror.resolve("articles/803.json"));

    IndexStats stats = new Indexer(mirror, index).update();

    assertThat(stats.deleted()).isEqualTo(1);
    assertThat(stats.total()).isEqualTo(articles.size() - 1);
    assertThat(search("whitfield", false)).doesNotContain(803);
  }

  @Test
  void historyFoldersAndOtherFilesAreIgnored() throws IOException {
    Path history = Files.createDirectories(mirror.resolve("articles/833"));
    Files.writeString(history.resolve("2026-11-01T00-00-00Z.json"), "{\"id\": 833, \"url\": \"x\", \"title\": \"Old\"}");
    Files.writeString(mirror.resolve("articles/README.txt"), "not a record");
    Files.writeString(mirror.resolve("articles/833.json.tmp"), "half-written");

    IndexStats stats = new Indexer(mirror, index).update();

    assertThat(stats.total()).isEqualTo(articles.size());
    assertThat(stats.failed()).isZero();
  }

  @Test
  void unreadableRecordIsSkippedAndCounted() throws IOException {
    Files.writeString(mirror.resolve("articles/999998.json"), "{ not json");
    Files.writeString(mirror.resolve("articles/999999.json"), "{\"id\": 5, \"url\": \"http://x/\"}");

    IndexStats stats = new Indexer(mirror, index).update();

    assertThat(stats.failed()).isEqualTo(2);
    assertThat(stats.added()).isEqualTo(articles.size());
  }

  @Test
  void removedArticleIsHiddenUnlessIncluded() throws IOException {
    new Indexer(mirror, index).update();
    TruthArticles.write(mirror, article(803).withRemovedAt("2026-11-20T03:00:00Z"));

    assertThat(new Indexer(mirror, index).update().updated()).isEqualTo(1);

    assertThat(search("whitfield", false)).doesNotContain(803);
    assertThat(search("whitfield", true)).contains(803);
    try (ArticleSearcher s = ArticleSearcher.open(index)) {
      Filters all = new Filters(null, null, null, null, null, null, null, true);
      Hit hit = s.search(new SearchRequest("whitfield", all, null, 10, 0, false)).hits().stream()
          .filter(h -> h.id() == 803).findFirst().orElseThrow();
      assertThat(hit.removedAt()).isEqualTo("2026-11-20T03:00:00Z");
      assertThat(s.issues(false).stream().mapToInt(IssueSummary::articleCount).sum())
          .isEqualTo(s.issues(true).stream().mapToInt(IssueSummary::articleCount).sum() - 1);
    }
  }

  @Test
  void datesFilterOnTheDayAsPublishedWhateverTheTimeZone() throws IOException {
    Article a = article(803);
    TruthArticles.write(mirror, new Article(a.id(), a.url(), a.lang(), a.title(), a.surtitle(), a.subtitle(),
        a.authors(), "2008-12-31T23:30:00-05:00", null, a.issue(), a.section(), a.rubriquePath(), a.chapo(),
        a.text(), a.ps(), a.notes(), a.keywords(), a.images(), a.attachments(), a.translations(), a.extraction(),
        null, null, null, null, null));
    new Indexer(mirror, index).update();
    try (ArticleSearcher s = ArticleSearcher.open(index)) {
      Filters lastDay = new Filters(null, null, java.time.LocalDate.of(2008, 12, 31),
          java.time.LocalDate.of(2008, 12, 31), null, null, null, false);
      Filters year = new Filters(null, 2008, null, null, null, null, null, false);
      assertThat(s.search(new SearchRequest(null, lastDay, null, 10, 0, false)).hits()).extracting(Hit::id)
          .containsExactly(803);
      assertThat(s.search(new SearchRequest("whitfield", year, null, 10, 0, false)).hits()).extracting(Hit::id)
          .containsExactly(803);
    }
  }

  @Test
  void rebuildSwapsInANewGenerationAndDeletesTheOld() throws IOException {
    new Indexer(mirror, index).update();
    assertThat(Files.readString(index.resolve("CURRENT")).trim()).isEqualTo("gen-000001");

    IndexStats stats = new Indexer(mirror, index).rebuild();

    assertThat(stats).isEqualTo(new IndexStats(articles.size(), 0, 0, 0, articles.size(), 0));
    assertThat(Files.readString(index.resolve("CURRENT")).trim()).isEqualTo("gen-000002");
    assertThat(index.resolve("gen-000001")).doesNotExist();
    assertThat(search("whitfield", false)).contains(803);
  }

  @Test
  void searchDuringRebuildAnswersFromThePreviousIndex() throws IOException {
    new Indexer(mirror, index).update();
    Files.delete(mirror.resolve("articles/803.json"));
    List<List<Integer>> during = new ArrayList<>();
    AtomicInteger done = new AtomicInteger();
    try (ArticleSearcher before = ArticleSearcher.open(index)) {
      new Indexer(mirror, index).withProgress(new Indexer.Progress() {
        @Override
        public void step() {
          if (done.incrementAndGet() == articles.size() / 2) {
            synchronized (during) {
              during.add(search("whitfield", false));
            }
          }
        }
      }).rebuild();

      assertThat(during).hasSize(1);
      assertThat(during.get(0)).contains(803); // half-way through, searches still see the old index
      // A search opened before the swap keeps reading the old generation after it is deleted.
      assertThat(before.search(SearchRequest.of("whitfield")).hits()).extracting(Hit::id).contains(803);
    }
    assertThat(search("whitfield", false)).doesNotContain(803);
  }

  @Test
  void currentNamingAVanishedGenerationIsRebuilt() throws IOException {
    new Indexer(mirror, index).update();
    Files.writeString(index.resolve("CURRENT"), "gen-000009\n");
    assertThatThrownBy(() -> ArticleSearcher.open(index))
        .isInstanceOfSatisfying(IndexException.class, e -> assertThat(e.reason()).isEqualTo(IndexException.Reason.NO_INDEX));

    assertThat(new Indexer(mirror, index).update().added()).isEqualTo(articles.size());
    assertThat(search("whitfield", false)).contains(803);
  }

  @Test
  @SuppressWarnings("try")
  void secondWriterIsRefused() throws IOException {
    new Indexer(mirror, index).update();
    try (IndexLayout.WriterLock held = new IndexLayout(index).lock()) {
      assertThatThrownBy(() -> new Indexer(mirror, index).update())
          .isInstanceOfSatisfying(IndexException.class, e -> assertThat(e.reason()).isEqualTo(IndexException.Reason.LOCKED))
          .hasMessageContaining("another process is writing the index");
    }
  }

  @Test
  void missingRecordsDirectoryIsAnErrorNotAnEmptyIndex() {
    Path nowhere = dir.resolve("nowhere");
    assertThatThrownBy(() -> new Indexer(nowhere, index).update())
        .isInstanceOfSatisfying(IndexException.class, e -> assertThat(e.reason()).isEqualTo(IndexException.Reason.BAD_INPUT))
        .hasMessageContaining(nowhere.resolve("articles").toString());
  }

  @Test
  void indexOfNoArticleCountsAsMissing() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty/articles")).getParent();
    assertThat(new Indexer(empty, index).update().total()).isZero();
    assertThatThrownBy(() -> ArticleSearcher.open(index))
        .isInstanceOfSatisfying(IndexException.class, e -> assertThat(e.reason()).isEqualTo(IndexException.Reason.NO_INDEX));
  }
}
