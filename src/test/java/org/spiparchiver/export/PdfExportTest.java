package org.spiparchiver.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.cli.Main;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

/** Archival PDFs of a crawled fixture archive, read back with poppler's pdftotext/pdffonts and PDFBox. */
class PdfExportTest {
  static final int ARGENTINE = 839;
  @TempDir
  static Path out;
  static Path mirror;
  static Path pdf;
  static JsonNode truth;

  @BeforeAll
  static void render() throws IOException {
    mirror = CrawledArchive.mirror();
    for (String line : Files.readAllLines(Path.of("src/test/resources/fixtures/spip4-dist/truth.jsonl"))) {
      JsonNode n = Json.mapper().readTree(line);
      if (n.get("id").asInt() == ARGENTINE) truth = n;
    }
    ExportPaths paths = new ExportPaths(mirror);
    Article a = paths.records().read(ARGENTINE).orElseThrow();
    pdf = new PdfExport(paths, new Citations("Divergences", paths)).write(a, out.resolve("pdf"));
  }

  static boolean installed(String tool) {
    try {
      return new ProcessBuilder(tool, "-v").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + text).isZero();
    return text;
  }

  /** Spaces of every kind as one space, typographic apostrophes as straight ones (the pages use SPIP typography). */
  static String normal(String s) {
    return s.replace('’', '\'').replaceAll("[\\s\\u00a0\\u202f]+", " ").strip();
  }

  @Test
  void textComesInThePrintOrder() throws Exception {
    assumeTrue(installed("pdftotext"), "pdftotext (poppler-utils) is not installed: the PDF text order is not checked");
    String text = normal(run("pdftotext", "-enc", "UTF-8", pdf.toString(), "-"));
    List<String> path = new ArrayList<>();
    truth.get("rubrique_path").forEach(p -> path.add(p.asText()));
    String url = new ExportPaths(mirror).records().read(ARGENTINE).orElseThrow().url();
    List<String> expected = List.of(url, truth.get("surtitre").asText(), normal(truth.get("title").asText()),
        truth.get("authors").get(0).asText(), String.join(" - ", path),
        "Date de mise en ligne : Saturday 14 June 2008", "Copyright © Divergences - All rights reserved",
        normal(truth.at("/images/0/caption").asText()), truth.at("/images/0/credits").asText(),
        "Les décisions sont prises en assemblée", "Post-scriptum :", "Reportage réalisé en avril 2008");
    // pdftotext joins a line ending with "-" to the next one: the path's last dash is checked with PDFBox.
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      assertThat(normal(new org.apache.pdfbox.text.PDFTextStripper().getText(doc))).contains(String.join(" - ", path) + " -");
    }
    int at = 0;
    for (String e : expected) {
      int found = text.indexOf(normal(e), at);
      assertThat(found).as("'%s' after position %d in: %s", e, at, text).isGreaterThanOrEqualTo(0);
      at = found + e.length();
    }
  }

  @Test
  void everyFontIsEmbedded() throws Exception {
    assumeTrue(installed("pdffonts"), "pdffonts (poppler-utils) is not installed: font embedding is not checked");
    List<String> rows = run("pdffonts", pdf.toString()).lines().skip(2).toList();
    assertThat(rows).isNotEmpty();
    // Columns: name, type, encoding, emb, sub, uni, object ID.
    assertThat(rows).allSatisfy(r -> assertThat(r.split("\\s+")[r.split("\\s+").length - 5]).as(r).isEqualTo("yes"));
  }

  @Test
  void isPdfA2uWithTheArticlesMetadata() throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      assertThat(normal(doc.getDocumentInformation().getTitle())).isEqualTo(normal(truth.get("title").asText()));
      assertThat(doc.getDocumentInformation().getAuthor()).isEqualTo("Marianne Lévêque, Ramón García Oliva");
      assertThat(doc.getDocumentInformation().getSubject()).contains("N°14. Juin/june/ 2008", "2008-06-14",
          "spip.php?article839");
      String xmp = new String(doc.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
      assertThat(xmp).containsAnyOf("pdfaid:part=\"2\"", "<pdfaid:part>2</pdfaid:part>");
      assertThat(xmp).containsAnyOf("pdfaid:conformance=\"U\"", "<pdfaid:conformance>U</pdfaid:conformance>");
      assertThat(doc.getDocumentCatalog().getCOSObject().getCOSArray(org.apache.pdfbox.cos.COSName.OUTPUT_INTENTS))
          .isNotNull();
    }
  }

  @Test
  void commandWritesOnePdfPerSelectedArticle() throws IOException {
    Path index = out.resolve("index");
    Main.run(new String[] {"--mirror", mirror.toString(), "--index", index.toString(), "index"},
        new PrintWriter(new StringWriter()), new PrintWriter(System.err));
    StringWriter err = new StringWriter();
    Path dir = out.resolve("issue14");
    int code = Main.run(new String[] {"--mirror", mirror.toString(), "--index", index.toString(), "export",
        "--format", "pdf", "--issue", "14", "--author", "Lévêque", "--output", dir.toString()},
        new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/fixtures/spip4-dist/truth.jsonl"))) {
      JsonNode n = Json.mapper().readTree(line);
      if ("publie".equals(n.get("status").asText()) && n.get("issue").asText().startsWith("N°14.")
          && n.get("authors").toString().contains("Marianne Lévêque")) {
        expected.add("article" + n.get("id").asInt() + ".pdf");
      }
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
