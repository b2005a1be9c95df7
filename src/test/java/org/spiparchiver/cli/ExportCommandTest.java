package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXEntry;
import org.jbibtex.BibTeXParser;
import org.jbibtex.Key;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.index.TruthArticles;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

/** The text formats of {@code export}, on records made from the fixtures' database truth. */
class ExportCommandTest {
  /** An article of the fixtures with two authors, a surtitle, keywords and a comma in its title (spip4-dist). */
  static final int ARGENTINE = 839;
  /** An article marked as no longer served by the site. */
  static final int REMOVED = 833;

  @TempDir
  static Path dir;
  static List<Article> articles;
  static Path mirror;

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void archive() throws IOException {
    List<Article> all = new ArrayList<>();
    for (Article a : TruthArticles.all()) {
      all.add(a.id() == REMOVED ? a.withRemovedAt("2026-11-20T03:00:00Z") : a);
    }
    articles = all;
    mirror = TruthArticles.writeMirror(dir.resolve("mirror"), articles);
    assertThat(Main.run(new String[] {"--mirror", mirror.toString(), "--index", dir.resolve("index").toString(), "index"},
        new PrintWriter(new StringWriter()), new PrintWriter(System.err))).isZero();
  }

  int export(String... args) {
    List<String> all = new ArrayList<>(List.of("--mirror", mirror.toString(), "--index", dir.resolve("index").toString(),
        "export"));
    all.addAll(List.of(args));
    return Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
  }

  static Article truth(int id) {
    return articles.stream().filter(a -> a.id() == id).findFirst().orElseThrow();
  }

  static List<Integer> servedIds() {
    return articles.stream().filter(a -> a.removedAt() == null).map(Article::id).sorted().toList();
  }

  @Test
  void jsonlPrintsEveryServedRecordOnOneLineEach() throws IOException {
    assertThat(export("--format", "jsonl")).isZero();
    List<String> lines = out.toString().lines().toList();
    List<Integer> ids = new ArrayList<>();
    for (String line : lines) {
      Article a = Json.mapper().readValue(line, Article.class);
      ids.add(a.id());
      assertThat(a).isEqualTo(truth(a.id()));
    }
    assertThat(ids).isEqualTo(servedIds());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void includeRemovedAddsArticlesTheSiteNoLongerServes() throws IOException {
    assertThat(export("--format", "jsonl", "--include-removed")).isZero();
    assertThat(out.toString().lines().count()).isEqualTo(articles.size());
  }

  @Test
  void filtersSelectTheArticlesSearchFinds() throws IOException {
    assertThat(export("--format", "jsonl", "--issue", "14")).isZero();
    Set<Integer> got = new java.util.HashSet<>();
    for (String line : out.toString().lines().toList()) got.add(Json.mapper().readTree(line).get("id").asInt());
    Set<Integer> expected = articles.stream()
        .filter(a -> a.removedAt() == null && a.issue() != null && Integer.valueOf(14).equals(a.issue().number()))
        .map(Article::id).collect(Collectors.toSet());
    assertThat(expected).contains(ARGENTINE);
    assertThat(got).isEqualTo(expected);
  }

  @Test
  void csvHasOneRfc4180RowPerArticleWithTheDocumentedColumns() throws IOException {
    Path file = dir.resolve("out/articles.csv");
    assertThat(export("--format", "csv", "--bom", "--output", file.toString())).isZero();
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
    assertThat(text).startsWith("id,url,published,modified,issue_number,issue_title,section,title,surtitle,authors,"
        + "lang,keywords,image_count,page_path\r\n");
    CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<List<String>> it = csv.readerForListOf(String.class).readValues(new StringReader(text))) {
      it.forEachRemaining(rows::add);
    }
    assertThat(rows).hasSize(servedIds().size() + 1);
    Article a = truth(ARGENTINE);
    List<String> row = rows.stream().filter(r -> r.get(0).equals(String.valueOf(ARGENTINE))).findFirst().orElseThrow();
    assertThat(row).containsExactly(String.valueOf(a.id()), a.url(), a.published(), a.modified(), "14",
        a.issue().title(), a.section(), a.title(), a.surtitle(), "Marianne Lévêque; Ramón García Oliva", "fr",
        String.join("; ", a.keywords()), String.valueOf(a.images().size()), "");
    assertThat(Files.list(file.getParent()).map(p -> p.getFileName().toString())).containsExactly("articles.csv");
  }

  @Test
  void cslJsonIsValidAgainstTheCslDataSchema() throws IOException {
    assertThat(export("--format", "csl-json", "--magazine", "Divergences")).isZero();
    JsonNode items = Json.mapper().readTree(out.toString());
    JsonSchema schema;
    try (InputStream in = getClass().getResourceAsStream("/export/csl-data.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    Set<ValidationMessage> errors = schema.validate(items);
    assertThat(errors).isEmpty();
    assertThat(items).hasSize(servedIds().size());
    JsonNode item = null;
    for (JsonNode i : items) if (i.get("id").asText().equals("article" + ARGENTINE)) item = i;
    assertThat(item.get("type").asText()).isEqualTo("article-magazine");
    assertThat(item.get("title").asText()).isEqualTo(truth(ARGENTINE).title());
    assertThat(item.get("author").findValuesAsText("literal")).containsExactly("Marianne Lévêque", "Ramón García Oliva");
    assertThat(item.get("container-title").asText()).isEqualTo("Divergences");
    assertThat(item.get("issue").asText()).isEqualTo("14");
    assertThat(item.at("/issued/date-parts/0").toString()).isEqualTo("[2008,6,14]");
    assertThat(item.get("URL").asText()).isEqualTo(truth(ARGENTINE).url());
  }

  @Test
  void bibtexParsesBackWithOneEntryPerArticle() throws Exception {
    assertThat(export("--format", "bibtex")).isZero();
    BibTeXDatabase db = new BibTeXParser().parse(new StringReader(out.toString()));
    Map<Key, BibTeXEntry> entries = db.getEntries();
    assertThat(entries).hasSize(servedIds().size());
    BibTeXEntry e = entries.get(new Key("article" + ARGENTINE));
    assertThat(e.getType()).isEqualTo(BibTeXEntry.TYPE_ARTICLE);
    assertThat(e.getField(BibTeXEntry.KEY_TITLE).toUserString()).isEqualTo("{" + truth(ARGENTINE).title() + "}");
    assertThat(e.getField(BibTeXEntry.KEY_AUTHOR).toUserString()).isEqualTo("{Marianne Lévêque} and {Ramón García Oliva}");
    assertThat(e.getField(BibTeXEntry.KEY_NUMBER).toUserString()).isEqualTo("14");
    assertThat(e.getField(BibTeXEntry.KEY_YEAR).toUserString()).isEqualTo("2008");
    assertThat(e.getField(BibTeXEntry.KEY_URL).toUserString()).isEqualTo(truth(ARGENTINE).url());
    assertThat(e.getField(BibTeXEntry.KEY_JOURNAL).toUserString()).isEqualTo("127.0.0.1");
  }

  @Test
  void bibtexEscapesTexSpecialCharacters() throws Exception {
    String tricky = "50 % & {braces} $x_1$ #2 ~ ^ \\";
    String escaped = org.spiparchiver.export.BibtexAccess.escape(tricky);
    BibTeXDatabase db = new BibTeXParser().parse(new StringReader("@article{k, title = {" + escaped + "}}"));
    assertThat(db.getEntries()).hasSize(1);
    assertThat(escaped).doesNotContain("{braces}").contains("\\%").contains("\\&").contains("\\_");
  }

  @Test
  void binaryFormatWithoutOutputIsAUsageError() {
    assertThat(export("--format", "pdf")).isEqualTo(2);
    assertThat(err.toString().lines()).containsExactly("spip-archiver: --format pdf writes files: give --output");
  }

  @Test
  void unknownFormatIsAUsageErrorNamingTheFormats() {
    assertThat(export("--format", "docx")).isEqualTo(2);
    assertThat(err.toString()).startsWith("spip-archiver: --format must be one of jsonl, csv, csl-json, bibtex");
  }

  @Test
  void unreadableRecordIsNamedAndSkipped() throws IOException {
    Path broken = dir.resolve("broken");
    TruthArticles.writeMirror(broken, List.of(truth(ARGENTINE)));
    Files.writeString(broken.resolve("articles/999.json"), "{not json");
    int code = Main.run(new String[] {"--mirror", broken.toString(), "export", "--format", "jsonl"},
        new PrintWriter(out), new PrintWriter(err));
    assertThat(code).isEqualTo(1);
    assertThat(out.toString().lines()).hasSize(1);
    assertThat(err.toString()).contains("999.json: not a readable article record").doesNotContain("Exception");
  }
}
