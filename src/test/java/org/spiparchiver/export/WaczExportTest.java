package org.spiparchiver.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcTargetRecord;
import org.spiparchiver.model.Json;

/** The WACZ package of the crawled spip4-dist fixture, unpacked and checked against its WARC files. */
class WaczExportTest {
  @TempDir
  static Path out;
  static Path wacz;
  static Path unpacked;
  static Map<String, ZipEntry> entries = new HashMap<>();

  @BeforeAll
  static void write() throws IOException {
    ExportPaths paths = new ExportPaths(CrawledArchive.mirror());
    wacz = out.resolve("archive.wacz");
    new WaczExport(paths).write(new ArticleStream(paths, paths.allKeys(), false), "Divergences", wacz, Progress.NONE);
    unpacked = Files.createDirectories(out.resolve("unpacked"));
    try (ZipFile zip = new ZipFile(wacz.toFile())) {
      for (var e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        entries.put(entry.getName(), entry);
        Path f = unpacked.resolve(entry.getName());
        Files.createDirectories(f.getParent());
        try (var in = zip.getInputStream(entry)) {
          Files.copy(in, f);
        }
      }
    }
  }

  static String sha256(Path f) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
  }

  @Test
  void datapackageListsEveryFileWithItsSha256() throws Exception {
    JsonNode pkg = Json.mapper().readTree(unpacked.resolve("datapackage.json").toFile());
    assertThat(pkg.get("wacz_version").asText()).isEqualTo("1.1.1");
    assertThat(pkg.get("profile").asText()).isEqualTo("data-package");
    Set<String> listed = new TreeSet<>();
    for (JsonNode r : pkg.get("resources")) {
      Path f = unpacked.resolve(r.get("path").asText());
      assertThat(sha256(f)).as(r.toString()).isEqualTo(r.get("hash").asText());
      assertThat(Files.size(f)).isEqualTo(r.get("bytes").asLong());
      listed.add(r.get("path").asText());
    }
    Set<String> files = new TreeSet<>(entries.keySet());
    files.removeAll(Set.of("datapackage.json", "datapackage-digest.json"));
    assertThat(listed).isEqualTo(files);
    assertThat(listed).contains("indexes/index.cdxj", "pages/pages.jsonl").anyMatch(p -> p.matches("archive/.*\\.warc\\.gz"));
    JsonNode digest = Json.mapper().readTree(unpacked.resolve("datapackage-digest.json").toFile());
    assertThat(digest.get("path").asText()).isEqualTo("datapackage.json");
    assertThat(digest.get("hash").asText()).isEqualTo(sha256(unpacked.resolve("datapackage.json")));
  }

  @Test
  void warcFilesAreStoredUncompressed() {
    assertThat(entries.values().stream().filter(e -> e.getName().startsWith("archive/")))
        .isNotEmpty().allSatisfy(e -> assertThat(e.getMethod()).isEqualTo(ZipEntry.STORED));
  }

  @Test
  void everyCdxjLinePointsAtItsRecordInTheWarc() throws IOException {
    List<String> lines = Files.readAllLines(unpacked.resolve("indexes/index.cdxj"));
    assertThat(lines).isSortedAccordingTo(String::compareTo).hasSizeGreaterThan(100);
    for (String line : lines) {
      JsonNode j = Json.mapper().readTree(line.substring(line.indexOf('{')));
      Path warc = unpacked.resolve("archive").resolve(j.get("filename").asText());
      try (FileChannel ch = FileChannel.open(warc, StandardOpenOption.READ)) {
        ch.position(j.get("offset").asLong());
        try (WarcReader reader = new WarcReader(ch)) {
          WarcRecord r = reader.next().orElseThrow();
          assertThat(r).isInstanceOf(WarcTargetRecord.class);
          assertThat(((WarcTargetRecord) r).target()).as(line).isEqualTo(j.get("url").asText());
        }
      }
    }
  }

  @Test
  void pagesListEveryArticleWithTitleAndText() throws IOException {
    List<String> lines = Files.readAllLines(unpacked.resolve("pages/pages.jsonl"), StandardCharsets.UTF_8);
    JsonNode header = Json.mapper().readTree(lines.get(0));
    assertThat(header.get("format").asText()).isEqualTo("json-pages-1.0");
    Set<Integer> publicIds = new TreeSet<>();
    Map<Integer, String> titles = new HashMap<>();
    for (String l : Files.readAllLines(Path.of("src/test/resources/fixtures/spip4-dist/truth.jsonl"))) {
      JsonNode n = Json.mapper().readTree(l);
      if ("publie".equals(n.get("status").asText())) {
        publicIds.add(n.get("id").asInt());
        titles.put(n.get("id").asInt(), n.get("title").asText());
      }
    }
    Set<Integer> ids = new TreeSet<>();
    List<JsonNode> pages = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) pages.add(Json.mapper().readTree(l));
    for (JsonNode p : pages) {
      int id = Integer.parseInt(p.get("id").asText().substring("article".length()));
      ids.add(id);
      assertThat(p.get("url").asText()).endsWith("spip.php?article" + id);
      assertThat(p.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      // Pages show titles with SPIP's typography (no-break spaces, curly apostrophes).
      assertThat(p.get("title").asText().replaceAll("[\\u00a0\\u202f]", " ").replace('’', '\''))
          .isEqualTo(titles.get(id).replace('’', '\''));
    }
    assertThat(ids).isEqualTo(publicIds);
    JsonNode argentine = pages.stream().filter(p -> p.get("id").asText().equals("article839")).findFirst().orElseThrow();
    assertThat(argentine.get("text").asText()).contains("Les décisions sont prises en assemblée");
  }

  @Test
  void warcListNamesEveryWarcFileAndItsCdxj() throws IOException {
    java.io.StringWriter list = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    Path mirror = CrawledArchive.mirror();
    int code = org.spiparchiver.cli.Main.run(new String[] {"--mirror", mirror.toString(), "export", "--format", "warc-list"},
        new java.io.PrintWriter(list), new java.io.PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    List<String> expected = new ArrayList<>();
    try (var files = Files.list(mirror.resolve("warc"))) {
      files.map(Path::toString).filter(n -> n.endsWith(".warc.gz")).sorted()
          .forEach(w -> expected.add(Path.of(w).toAbsolutePath() + "\t" + Path.of(w.replace(".warc.gz", ".cdxj")).toAbsolutePath()));
    }
    assertThat(list.toString().lines()).isNotEmpty().containsExactlyElementsOf(expected);
  }

  @Test
  @SuppressWarnings("try") // the lock is held for the block, not used in it
  void waczWaitsForNoCrawlThatHoldsTheMirror() throws Exception {
    java.io.StringWriter err = new java.io.StringWriter();
    Path target = out.resolve("locked.wacz");
    try (org.spiparchiver.mirror.MirrorLock lock = org.spiparchiver.mirror.MirrorLock.acquire(CrawledArchive.mirror())) {
      int code = org.spiparchiver.cli.Main.run(new String[] {"--mirror", CrawledArchive.mirror().toString(), "export",
          "--format", "wacz", "--output", target.toString()}, new java.io.PrintWriter(new java.io.StringWriter()),
          new java.io.PrintWriter(err));
      assertThat(code).isEqualTo(3);
    }
    assertThat(err.toString().lines()).hasSize(1).allSatisfy(l -> assertThat(l).contains("another run holds the lock"));
    assertThat(target).doesNotExist();
  }
}
