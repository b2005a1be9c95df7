package org.spiparchiver.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.epubcheck.api.EpubCheck;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.helpers.DefaultHandler;

/** The EPUB of issue N°14 of the crawled spip4-dist fixture. */
class EpubExportTest {
  @TempDir
  static Path out;
  static Path epub;
  static List<JsonNode> issueTruth = new ArrayList<>();

  @BeforeAll
  static void write() throws IOException {
    Path mirror = CrawledArchive.mirror();
    for (String line : Files.readAllLines(Path.of("src/test/resources/fixtures/spip4-dist/truth.jsonl"))) {
      JsonNode n = Json.mapper().readTree(line);
      if ("publie".equals(n.get("status").asText()) && n.get("issue").asText().startsWith("N°14.")) issueTruth.add(n);
    }
    ExportPaths paths = new ExportPaths(mirror);
    List<Integer> ids = issueTruth.stream().map(n -> n.get("id").asInt()).sorted().toList();
    List<Article> articles = new ArrayList<>();
    for (int id : ids) articles.add(paths.records().read(id).orElseThrow());
    epub = new EpubExport(paths, new Citations("Divergences", paths)).write(articles.get(0).issue(), articles, out);
  }

  static DocumentBuilder strictXml() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setErrorHandler(new DefaultHandler() {
      @Override
      public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXParseException {
        throw e;
      }
    });
    // The XHTML doctype names no DTD to fetch: nothing is resolved from the network.
    b.setEntityResolver((publicId, systemId) -> new org.xml.sax.InputSource(new java.io.StringReader("")));
    return b;
  }

  @Test
  void mimetypeComesFirstStoredUncompressed() throws IOException {
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(epub))) {
      ZipEntry first = zip.getNextEntry();
      assertThat(first.getName()).isEqualTo("mimetype");
      assertThat(first.getMethod()).isEqualTo(ZipEntry.STORED);
      assertThat(new String(zip.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("application/epub+zip");
    }
    byte[] head = Arrays.copyOf(Files.readAllBytes(epub), 58);
    assertThat(new String(head, 30, 28, StandardCharsets.US_ASCII)).isEqualTo("mimetypeapplication/epub+zip");
  }

  @Test
  void everyXmlFileIsWellFormedAndEveryManifestItemIsPresent() throws Exception {
    DocumentBuilder xml = strictXml();
    try (ZipFile zip = new ZipFile(epub.toFile())) {
      Set<String> names = new HashSet<>();
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        names.add(entry.getName());
        if (entry.getName().matches(".*\\.(xhtml|opf|xml)")) {
          xml.parse(new ByteArrayInputStream(zip.getInputStream(entry).readAllBytes()));
        }
      }
      Document container = xml.parse(zip.getInputStream(zip.getEntry("META-INF/container.xml")));
      String opfPath = ((Element) container.getElementsByTagName("rootfile").item(0)).getAttribute("full-path");
      Document opf = xml.parse(zip.getInputStream(zip.getEntry(opfPath)));
      NodeList items = opf.getElementsByTagNameNS("http://www.idpf.org/2007/opf", "item");
      assertThat(items.getLength()).isGreaterThan(issueTruth.size());
      for (int i = 0; i < items.getLength(); i++) {
        assertThat(names).contains("OEBPS/" + ((Element) items.item(i)).getAttribute("href"));
      }
      // One chapter per article of the issue, and the cover from the issue's logo (IMG/logo/une-n14.jpg).
      for (JsonNode n : issueTruth) assertThat(names).contains("OEBPS/article" + n.get("id").asInt() + ".xhtml");
      assertThat(names).contains("OEBPS/images/cover.jpg");
      String meta = new String(zip.getInputStream(zip.getEntry(opfPath)).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(meta).contains("<dc:title>Divergences — N°14. Juin/june/ 2008</dc:title>", "<dc:language>fr</dc:language>",
          "property=\"group-position\">14<", "<dc:date>2008-06-");
    }
  }

  @Test
  void tableOfContentsListsTheArticlesBySection() throws Exception {
    try (ZipFile zip = new ZipFile(epub.toFile())) {
      String nav = new String(zip.getInputStream(zip.getEntry("OEBPS/nav.xhtml")).readAllBytes(), StandardCharsets.UTF_8);
      for (JsonNode n : issueTruth) {
        assertThat(nav).contains("<span>" + n.get("rubrique").asText() + "</span>");
        assertThat(nav).contains("href=\"article" + n.get("id").asInt() + ".xhtml\"");
      }
      String chapter = new String(zip.getInputStream(zip.getEntry("OEBPS/article839.xhtml")).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(chapter).contains("Post-scriptum :").contains("<img src=\"images/");
    }
  }

  @Test
  void epubcheckFindsNoError() {
    // epubcheck's Schematron needs Saxon (on its classpath); another JAXP provider may be found first.
    String key = "javax.xml.transform.TransformerFactory";
    String before = System.getProperty(key);
    System.setProperty(key, "net.sf.saxon.TransformerFactoryImpl");
    try {
      StringWriter report = new StringWriter();
      int result = new EpubCheck(epub.toFile(), new PrintWriter(report)).doValidate();
      assertThat(result).as(report.toString()).isZero();
    } finally {
      if (before == null) System.clearProperty(key); else System.setProperty(key, before);
    }
  }

  @Test
  void commandWritesOneEpubPerIssueAndNamesArticlesWithoutOne() throws IOException {
    StringWriter err = new StringWriter();
    Path dir = out.resolve("all");
    int code = org.spiparchiver.cli.Main.run(new String[] {"--mirror", CrawledArchive.mirror().toString(), "export",
        "--format", "epub", "--output", dir.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    Set<String> expected = new java.util.TreeSet<>();
    int withoutIssue = 0;
    for (String line : Files.readAllLines(Path.of("src/test/resources/fixtures/spip4-dist/truth.jsonl"))) {
      JsonNode n = Json.mapper().readTree(line);
      if (!"publie".equals(n.get("status").asText())) continue;
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("N°(\\d+)\\.").matcher(n.get("issue").asText(""));
      if (m.find()) expected.add("issue-" + m.group(1) + ".epub"); else withoutIssue++;
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
    }
    assertThat(err.toString()).contains(withoutIssue + " articles belong to no issue and are in no EPUB");
  }
}
