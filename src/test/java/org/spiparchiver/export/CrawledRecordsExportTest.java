package org.spiparchiver.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.cli.Main;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

/** The text formats on a crawled archive: provenance (WARC record, offline page) reaches the output. */
class CrawledRecordsExportTest {
  static final int ARGENTINE = 839;

  @TempDir
  Path dir;

  String export(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 3];
    all[0] = "--mirror";
    all[1] = CrawledArchive.mirror().toString();
    all[2] = "export";
    System.arraycopy(args, 0, all, 3, args.length);
    assertThat(Main.run(all, new PrintWriter(out), new PrintWriter(err))).as(err.toString()).isZero();
    return out.toString();
  }

  static Article record() throws IOException {
    return new ExportPaths(CrawledArchive.mirror()).records().read(ARGENTINE).orElseThrow();
  }

  @Test
  void csvNamesTheArticlesPageInTheOfflineCopy() throws IOException {
    com.fasterxml.jackson.dataformat.csv.CsvMapper csv = new com.fasterxml.jackson.dataformat.csv.CsvMapper();
    List<java.util.Map<String, String>> rows = new java.util.ArrayList<>();
    try (com.fasterxml.jackson.databind.MappingIterator<java.util.Map<String, String>> it = csv
        .readerForMapOf(String.class).with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
        .readValues(export("--format", "csv"))) {
      it.forEachRemaining(rows::add);
    }
    java.util.Map<String, String> row = rows.stream().filter(r -> r.get("id").equals(String.valueOf(ARGENTINE)))
        .findFirst().orElseThrow();
    // The crawled page shows no modification date: an empty field, the columns in place.
    assertThat(row.get("modified")).isEmpty();
    assertThat(row.get("issue_number")).isEqualTo("14");
    assertThat(row.get("title")).isEqualTo(record().title());
    String page = row.get("page_path");
    assertThat(page).startsWith("site/").endsWith("/article839.html"); // the offline copy's names (README: The offline copy)
    assertThat(CrawledArchive.mirror().resolve(page)).isRegularFile();
  }

  @Test
  void citationsPointAtTheWarcRecordAndTheCaptureDate() throws IOException {
    Article a = record();
    JsonNode items = Json.mapper().readTree(export("--format", "csl-json"));
    JsonNode item = null;
    for (JsonNode i : items) if (i.get("id").asText().equals("article" + ARGENTINE)) item = i;
    assertThat(item.get("archive_location").asText()).isEqualTo("warc/" + a.warcFile() + "#offset=" + a.warcOffset());
    assertThat(CrawledArchive.mirror().resolve("warc").resolve(a.warcFile())).isRegularFile();
    List<Integer> captured = List.of(Integer.valueOf(a.capturedAt().substring(0, 4)),
        Integer.valueOf(a.capturedAt().substring(5, 7)), Integer.valueOf(a.capturedAt().substring(8, 10)));
    assertThat(Json.mapper().convertValue(item.at("/accessed/date-parts/0"), new com.fasterxml.jackson.core.type.TypeReference<List<Integer>>() {})).isEqualTo(captured);
    assertThat(export("--format", "bibtex")).contains("urldate = {" + a.capturedAt().substring(0, 10) + "}");
  }

  @Test
  void anExportThatDoesNotFinishLeavesNoFileUnderTheFinalName() throws IOException {
    Path target = dir.resolve("articles.csv");
    try (OutputFile f = OutputFile.create(target)) {
      f.stream().write("id,url\r\n839,".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      // no commit: the export stopped here
    }
    assertThat(target).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
    OutputFile.write(target, "done".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(target).hasContent("done");
  }
}
