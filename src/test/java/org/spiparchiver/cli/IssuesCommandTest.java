package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.index.TruthArticles;
import org.spiparchiver.model.Json;

class IssuesCommandTest {
  @TempDir
  static Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void index() throws IOException {
    TruthArticles.writeMirror(dir.resolve("mirror"), TruthArticles.all());
    Main.run(new String[] {"--mirror", dir.resolve("mirror").toString(), "--index", dir.resolve("index").toString(),
        "index"}, new PrintWriter(new StringWriter()), new PrintWriter(System.err));
  }

  int issues(String... args) {
    List<String> all = new ArrayList<>(List.of("--index", dir.resolve("index").toString(), "issues"));
    all.addAll(List.of(args));
    return Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void jsonArrayInIssueOrder() throws IOException {
    assertThat(issues("--json")).isZero();
    JsonNode array = Json.mapper().readTree(out.toString());
    assertThat(array.isArray()).isTrue();
    List<Integer> numbers = new ArrayList<>();
    array.forEach(i -> numbers.add(i.get("number").asInt()));
    assertThat(numbers).containsExactly(10, 12, 13, 14, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30);
    JsonNode n13 = array.get(2);
    assertThat(n13.fieldNames()).toIterable()
        .containsExactly("number", "title", "year", "months", "article_count", "sections");
    assertThat(n13.get("title").asText()).isEqualTo("N°13. Mai/may/ 2008");
    assertThat(n13.get("year").asInt()).isEqualTo(2008);
    assertThat(n13.get("months").get(0).asInt()).isEqualTo(5);
    assertThat(n13.get("article_count").asInt()).isEqualTo(12);
    assertThat(n13.get("sections").get(0).asText()).isEqualTo("International");
  }

  @Test
  void tableHasOneLinePerIssue() {
    assertThat(issues()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).contains("N°").contains("articles").contains("sections");
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("\\s+13  N°13\\. Mai/may/ 2008\\s+2008-05\\s+12  International.*"));
    assertThat(lines.get(lines.size() - 1)).startsWith("15 issues, ");
  }

  @Test
  void missingIndexExits2() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    int code = Main.run(new String[] {"--index", empty.toString(), "issues"}, new PrintWriter(out), new PrintWriter(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("spip-archiver: no index at ");
  }
}
