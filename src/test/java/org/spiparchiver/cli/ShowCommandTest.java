package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.index.TruthArticles;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

class ShowCommandTest {
  @TempDir
  static Path dir;
  static List<Article> articles;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void mirror() throws IOException {
    articles = TruthArticles.all();
    TruthArticles.writeMirror(dir.resolve("mirror"), articles);
  }

  int show(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "--mirror";
    all[1] = dir.resolve("mirror").toString();
    all[2] = "show";
    System.arraycopy(args, 0, all, 3, args.length);
    return Main.run(all, new PrintWriter(out), new PrintWriter(err));
  }

  Article article(int id) {
    return articles.stream().filter(a -> a.id() == id).findFirst().orElseThrow();
  }

  @Test
  void printsTheWholeArticleAsText() {
    Article a = article(803);
    assertThat(show("803")).isZero();
    String text = out.toString();
    assertThat(text).startsWith(a.title() + "\n");
    assertThat(text).contains("authors:     Sarah O'Connell").contains("issue:       " + a.issue().title())
        .contains("Thomas Whitfield asks what cooperation means");
    assertThat(text).contains("\nNotes\n  [1] Peter Kropotkin, Mutual Aid");
    assertThat(text).contains("\nImages\n  [logo]");
    assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
  }

  @Test
  void printsImagesWithCaptions() {
    Article withCaption = articles.stream()
        .filter(a -> a.images().stream().anyMatch(i -> i.caption() != null)).findFirst().orElseThrow();
    assertThat(show(Integer.toString(withCaption.id()))).isZero();
    String caption = withCaption.images().stream().filter(i -> i.caption() != null).findFirst().orElseThrow().caption();
    assertThat(out.toString()).contains(caption);
  }

  @Test
  void jsonIsTheRecord() throws IOException {
    assertThat(show("803", "--json")).isZero();
    assertThat(Json.mapper().readValue(out.toString(), Article.class)).isEqualTo(article(803));
  }

  @Test
  void unknownIdExits2() {
    assertThat(show("4242")).isEqualTo(2);
    assertThat(err.toString()).startsWith("spip-archiver: no article 4242 in the archive (");
  }
}
