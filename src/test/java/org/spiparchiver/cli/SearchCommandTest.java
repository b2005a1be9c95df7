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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spiparchiver.index.TruthArticles;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

class SearchCommandTest {
  @TempDir
  static Path dir;
  static List<Article> articles;

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void index() throws IOException {
    articles = TruthArticles.all();
    TruthArticles.writeMirror(dir.resolve("mirror"), articles);
    assertThat(Main.run(new String[] {"--mirror", dir.resolve("mirror").toString(), "--index",
        dir.resolve("index").toString(), "index"}, new PrintWriter(new StringWriter()), new PrintWriter(System.err)))
        .isZero();
  }

  int search(String... args) {
    List<String> all = new ArrayList<>(List.of("--mirror", dir.resolve("mirror").toString(), "--index",
        dir.resolve("index").toString(), "search"));
    all.addAll(List.of(args));
    return Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
  }

  List<JsonNode> jsonLines() throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.toString().split("\n")) nodes.add(Json.mapper().readTree(line));
    return nodes;
  }

  @Test
  void tablePrintsHitsWithHighlightedSnippet() {
    assertThat(search("kropotkine")).isZero();
    String text = out.toString();
    assertThat(text).startsWith("2 articles match 'kropotkine'; 1-2 shown");
    assertThat(text).contains("833  2008-").contains("Relire « L'Entraide » de Kropotkine").contains("*Kropotkine*");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void linesFitTheTerminalWidth() {
    assertThat(search("grève", "--limit", "50")).isZero();
    int width = Terminal.detect().width();
    assertThat(out.toString().lines()).allSatisfy(l -> assertThat(l.codePointCount(0, l.length())).isLessThanOrEqualTo(width));
  }

  @Test
  void snippetOnATerminalIsColouredAndFitsItsWidth() {
    String marked = "Cent dix jours de \u0002grève\u0003 et quatre morts : une lutte oubliée, \u0002grève\u0003 encore.";
    String coloured = new Terminal(100, true).snippet(marked, 40);
    assertThat(coloured).contains("\u001b[1;33mgrève\u001b[0m").endsWith("…");
    assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).hasSize(40);
    String plain = new Terminal(100, false).snippet(marked, 40);
    assertThat(plain).startsWith("Cent dix jours de *grève* et").hasSize(40);
    // A match cut by the width is still closed.
    assertThat(new Terminal(100, false).snippet(marked, 22)).isEqualTo("Cent dix jours de *g*…");
  }

  @Test
  void severalWordsNeedNoQuotes() {
    assertThat(search("mutual", "aid", "--count")).isZero();
    assertThat(out.toString().trim()).isEqualTo("3");
  }

  @Test
  void jsonLinesParseBack() throws IOException {
    assertThat(search("\"mutual aid\"", "--json")).isZero();
    List<JsonNode> hits = jsonLines();
    assertThat(hits).hasSize(3);
    JsonNode first = hits.get(0);
    assertThat(first.fieldNames()).toIterable().containsExactly("id", "url", "score", "title", "authors",
        "published", "issue", "section", "lang", "snippet", "json_path", "page_path", "removed_at");
    assertThat(hits).extracting(h -> h.get("id").asInt()).containsExactlyInAnyOrder(1328, 803, 833);
    JsonNode h803 = hits.stream().filter(h -> h.get("id").asInt() == 803).findFirst().orElseThrow();
    assertThat(h803.get("issue").get("number").asInt()).isEqualTo(10);
    assertThat(h803.get("authors").get(0).asText()).isEqualTo("Sarah O'Connell");
    assertThat(h803.get("score").asDouble()).isPositive();
    assertThat(h803.get("snippet").asText()).contains("Mutual Aid").doesNotContain("\u0002").doesNotContain("*");
    assertThat(Path.of(h803.get("json_path").asText())).exists();
    assertThat(h803.get("page_path").isNull()).as("no offline copy of 803 in this mirror").isTrue();
  }

  @Test
  void pagePathNamesTheOfflineCopyWhenTheCrawlWroteOne() throws IOException {
    JsonNode record = org.spiparchiver.model.Json.mapper().readTree(dir.resolve("mirror/articles/833.json").toFile());
    Path copy = dir.resolve("mirror").resolve(org.spiparchiver.mirror.SiteCopy.relativePath(
        java.net.URI.create(record.get("url").asText()), true));
    java.nio.file.Files.createDirectories(copy.getParent());
    java.nio.file.Files.writeString(copy, "<html></html>");
    try {
      assertThat(search("\"mutual aid\"", "--json")).isZero();
      JsonNode h833 = jsonLines().stream().filter(h -> h.get("id").asInt() == 833).findFirst().orElseThrow();
      assertThat(h833.get("page_path").asText()).isEqualTo(copy.toString());
    } finally {
      java.nio.file.Files.delete(copy);
    }
  }

  @Test
  void jsonFacetsComeLast() throws IOException {
    assertThat(search("grève", "--json", "--facets", "--limit", "2")).isZero();
    List<JsonNode> lines = jsonLines();
    assertThat(lines).hasSize(3);
    JsonNode facets = lines.get(2);
    assertThat(facets.get("total").asInt()).isEqualTo(17);
    assertThat(facets.get("facets").get("lang").get(0).get("value").asText()).isEqualTo("fr");
  }

  @Test
  void filterWithoutQueryListsNewestFirst() throws IOException {
    assertThat(search("--year", "2008", "--json", "--limit", "100")).isZero();
    List<String> dates = jsonLines().stream().map(h -> h.get("published").asText()).toList();
    assertThat(dates).hasSize((int) articles.stream().filter(a -> a.published().startsWith("2008")).count());
    assertThat(dates).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void sortByDateIsOldestFirst() throws IOException {
    assertThat(search("grève", "--sort", "date", "--json")).isZero();
    assertThat(jsonLines()).extracting(h -> h.get("published").asText()).isSorted();
  }

  @ParameterizedTest
  @CsvSource({"--issue,13,12", "--lang,nl,5", "--section,Cinéma,10"})
  void countPrintsTheNumberOnly(String option, String value, int count) {
    assertThat(search(option, value, "--count")).isZero();
    assertThat(out.toString()).isEqualTo(count + System.lineSeparator());
  }

  @Test
  void facetsTableFollowsTheHits() {
    assertThat(search("grève", "--facets", "--limit", "0")).isZero();
    assertThat(out.toString()).startsWith("17 articles match 'grève'").contains("\nlang\n  fr ").contains("\nissue\n");
  }

  @Test
  void noMatchSaysSo() {
    assertThat(search("zzyzx")).isZero();
    assertThat(out.toString()).isEqualTo("no article matches 'zzyzx'" + System.lineSeparator());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      foo AND                     | spip-archiver: bad query 'foo AND': the query ends too early, after 'AND' at column 5
      --sort,newest,x             | spip-archiver: --sort must be relevance, date or -date, not 'newest'
      --from,2008-13-01,x         | spip-archiver: Invalid value for option '--from'
      --limit,-1,x                | spip-archiver: --limit must be 0 or more: -1
      --year,2008,--from,2009-01-01,--to,2008-01-01 | spip-archiver: --from 2009-01-01 is after --to 2008-01-01
      --json                      | spip-archiver: give a QUERY or a filter
      """)
  void usageErrorsExit2WithOneLine(String args, String message) {
    assertThat(search(args.split(","))).isEqualTo(2);
    assertThat(err.toString()).startsWith(message);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void missingIndexSaysWhatToRun() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("no-index"));
    int code = Main.run(new String[] {"--index", empty.toString(), "search", "grève"}, new PrintWriter(out),
        new PrintWriter(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("spip-archiver: no index at " + empty
        + ": run `spip-archiver crawl` or `spip-archiver index` first" + System.lineSeparator());
  }
}
