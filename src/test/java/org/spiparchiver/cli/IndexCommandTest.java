package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.index.TruthArticles;
import org.spiparchiver.model.Article;

class IndexCommandTest {
  @TempDir
  Path dir;
  List<Article> articles;
  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();

  @BeforeEach
  void mirror() throws IOException {
    articles = TruthArticles.all();
    TruthArticles.writeMirror(dir.resolve("mirror"), articles);
  }

  int run(String... args) {
    return runIn(dir.resolve("mirror"), args);
  }

  int runIn(Path mirror, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("--mirror", mirror.toString(), "--index",
        dir.resolve("index").toString()));
    all.addAll(List.of(args));
    return Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void indexesThenSkipsUnchangedRecords() {
    int n = articles.size();
    assertThat(run("index")).isZero();
    assertThat(out.toString()).contains(": " + n + " added, 0 updated, 0 deleted, 0 unchanged; " + n + " articles");
    assertThat(run("index")).isZero();
    assertThat(out.toString()).contains(": 0 added, 0 updated, 0 deleted, " + n + " unchanged; " + n + " articles");
    assertThat(run("index", "--rebuild")).isZero();
    assertThat(out.toString()).contains(": " + n + " added, 0 updated, 0 deleted, 0 unchanged");
  }

  @Test
  void unreadableRecordMakesAPartialRun() throws IOException {
    Files.writeString(dir.resolve("mirror/articles/7.json"), "[]");
    assertThat(run("index")).isEqualTo(1);
    assertThat(err.toString()).contains("1 records could not be read");
    assertThat(run("search", "grève", "--count")).isZero();
  }

  @Test
  void missingMirrorExits2() {
    assertThat(runIn(dir.resolve("elsewhere"), "index")).isEqualTo(2);
    assertThat(err.toString()).startsWith("spip-archiver: no article records at " + dir.resolve("elsewhere/articles"));
  }

  @Test
  void removedArticlesNeedIncludeRemoved() throws IOException {
    Article a = articles.stream().filter(x -> x.id() == 803).findFirst().orElseThrow();
    TruthArticles.write(dir.resolve("mirror"), a.withRemovedAt("2026-11-20T03:00:00Z"));
    assertThat(run("index")).isZero();
    assertThat(run("search", "whitfield", "--count")).isZero();
    assertThat(out.toString().trim()).isEqualTo("0");
    assertThat(run("search", "whitfield", "--include-removed")).isZero();
    assertThat(out.toString()).contains("803").contains("[removed 2026-11-20]");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "a segment file {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"overwritten", "deleted"})
  void aDamagedIndexIsNamedWithTheWayOutBySearchAndIndexAndRebuildMendsIt(String damage) throws Exception {
    assertThat(run("index")).isZero();
    assertThat(run("search", "grève", "--count")).isZero();
    String hits = out.toString();
    Path file = IndexDamage.damage(dir.resolve("index"), damage);
    String line = "spip-archiver: the index at " + dir.resolve("index") + " is damaged (" + file.getFileName() + ": "
        + (damage.equals("deleted") ? "a file is missing" : "checksum failed") + "): run `spip-archiver index --rebuild`";

    for (String[] command : List.of(new String[] {"search", "grève"}, new String[] {"issues"}, new String[] {"index"})) {
      assertThat(run(command)).as(err.toString()).isEqualTo(2);
      assertThat(err.toString().strip()).isEqualTo(line);
    }
    // show reads the article's record, not the index.
    assertThat(run("show", "803")).isZero();
    assertThat(out.toString()).contains("803");

    assertThat(run("index", "--rebuild")).as(err.toString()).isZero();
    assertThat(run("search", "grève", "--count")).isZero();
    assertThat(out.toString()).isEqualTo(hits);
  }
}
