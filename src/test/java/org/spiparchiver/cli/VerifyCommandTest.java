package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.index.ArticleDocuments;
import org.spiparchiver.index.ArticleSearcher;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.mirror.WarcScan;
import org.spiparchiver.model.Json;
import org.spiparchiver.testing.FixtureSite;

/**
 * {@code verify} and the archive's safety end to end: one crawl of the spip4-dist fixture for the
 * class, copied for each case; each case asserts the exit code, the message, that nothing outside
 * the mirror changed, and what verify says of the archive afterwards.
 */
class VerifyCommandTest {
  static FixtureSite site;
  @TempDir static Path shared;
  static Path pristine;

  @TempDir Path work;
  Path mirror;
  Path index;
  StringWriter out;
  StringWriter err;

  @BeforeAll
  static void crawlOnce() throws Exception {
    site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start();
    pristine = shared.resolve("mirror");
    int code = Main.run(new String[] {"--site", site.root().toString(), "--mirror", pristine.toString(), "--index",
        pristine.resolveSibling("index").toString(), "crawl", "--delay", "2ms"}, new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
    assertThat(code).isZero();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  @BeforeEach
  void copy() throws IOException {
    mirror = work.resolve("mirror");
    index = work.resolve("index");
    copyTree(pristine, mirror);
    copyTree(pristine.resolveSibling("index"), index);
    out = new StringWriter();
    err = new StringWriter();
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
  }

  /**
   * Every file under {@code dir} with the SHA-256 of its content. A file gone between the listing
   * and its reading (a crawl's temporary file, renamed into place meanwhile) is left out.
   */
  static Map<String, String> tree(Path dir) throws Exception {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        try {
          m.put(dir.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        } catch (java.nio.file.NoSuchFileException gone) {
          // renamed or deleted by the crawl running beside the test
        }
      }
    }
    return m;
  }

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    String[] all = Stream.concat(Stream.of("--mirror", mirror.toString(), "--index", index.toString()), Stream.of(args))
        .toArray(String[]::new);
    return Main.run(all, new PrintWriter(out), new PrintWriter(err));
  }

  Path newestWarc() throws IOException {
    List<Path> files = WarcArchive.files(mirror.resolve("warc"));
    return files.get(files.size() - 1);
  }

  @Test
  void findsAFreshCrawlIntactAndChangesNothing() throws Exception {
    Map<String, String> before = tree(work);

    assertThat(run("verify")).as(err.toString()).isZero();
    assertThat(out.toString()).contains(": intact").contains("records read back").contains("pages in the offline copy")
        .doesNotContain("problem");
    assertThat(run("verify", "--quick")).as(out.toString()).isZero();
    assertThat(run("verify", "--json")).isZero();
    JsonNode j = Json.mapper().readTree(out.toString());
    assertThat(j.get("intact").asBoolean()).isTrue();
    assertThat(j.get("articles").asInt()).isEqualTo(site.publicArticleIds().size());
    assertThat(j.get("index_articles").asInt()).isEqualTo(site.publicArticleIds().size());
    assertThat(j.get("crawl_db_captures").asLong()).isPositive();
    assertThat(j.get("problems")).isEmpty();

    assertThat(tree(work)).isEqualTo(before);
  }

  /** A crawl holding the lock, half-way through appending a record (half of a gzip member at the end of the newest file). */
  @Test
  @SuppressWarnings("try") // the lock is held for the block, not used in it
  void runsWhileACrawlHoldsTheLockAndIsWritingARecord() throws Exception {
    Path warc = newestWarc();
    byte[] bytes = Files.readAllBytes(warc);
    List<WarcScan.Item> items = new ArrayList<>();
    WarcScan.scan(warc, items::add);
    WarcScan.Item last = items.get(items.size() - 1);
    int half = (int) (last.length() / 2);
    try (MirrorLock lock = MirrorLock.acquire(mirror)) {
      Files.write(warc, Arrays.copyOfRange(bytes, (int) last.offset(), (int) last.offset() + half),
          java.nio.file.StandardOpenOption.APPEND);
      Map<String, String> writing = tree(work);
      assertThat(run("verify")).as(out.toString()).isZero();
      assertThat(run("verify", "--quick")).as(out.toString()).isZero();
      assertThat(tree(work)).as("no file written, not even SQLite's -wal/-shm").isEqualTo(writing);
    }
    assertThat(run("verify")).isEqualTo(1);
    assertThat(out.toString()).contains("warc/" + warc.getFileName() + ": incomplete last record at offset " + bytes.length);
  }

  @Test
  void reportsAFlippedByteNamingTheFileAndOffset() throws Exception {
    Path warc = newestWarc();
    byte[] bytes = Files.readAllBytes(warc);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(warc, bytes);

    assertThat(run("verify")).isEqualTo(1);
    assertThat(out.toString()).contains("problem").contains("warc/" + warc.getFileName() + ": damaged at offset ");
  }

  @Test
  void aCrawlSetsADamagedFileAsideWithEveryByteAndExitsOne() throws Exception {
    Path warc = newestWarc();
    byte[] bytes = Files.readAllBytes(warc);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(warc, bytes);
    Map<String, String> outside = tree(work.resolve("index"));

    int code = Main.run(new String[] {"--site", site.root().toString(), "--mirror", mirror.toString(), "crawl",
        "--delay", "2ms", "--no-index", "--max-requests", "3"}, new PrintWriter(out), new PrintWriter(err));

    assertThat(code).as(out + "\n" + err).isEqualTo(1);
    assertThat(err.toString()).containsOnlyOnce("WARC file damaged at offset").contains(".damaged");
    Path aside = warc.resolveSibling(warc.getFileName() + WarcArchive.DAMAGED);
    assertThat(Files.readAllBytes(aside)).isEqualTo(bytes);
    assertThat(newestWarc()).isNotEqualTo(warc);
    assertThat(tree(work.resolve("index"))).isEqualTo(outside);
    assertThat(run("verify")).isEqualTo(1);
    assertThat(out.toString()).contains(aside.getFileName() + ": a damaged WARC file set aside");
  }

  @Test
  void reportsAMissingOfflinePage() throws Exception {
    int id = site.publicArticleIds().iterator().next();
    Path page;
    try (Stream<Path> s = Files.walk(mirror.resolve("site"))) {
      page = s.filter(p -> p.getFileName().toString().equals("article" + id + ".html")).findFirst().orElseThrow();
    }
    Files.delete(page);

    assertThat(run("verify")).isEqualTo(1);
    assertThat(out.toString()).contains("articles/" + id + ".json: article " + id + ": its page is missing");
  }

  @Test
  void reportsAnIndexHoldingAnArticleWhoseRecordIsGone() throws Exception {
    int id = site.publicArticleIds().iterator().next();
    Files.delete(mirror.resolve("articles/" + id + ".json"));

    assertThat(run("verify")).isEqualTo(1);
    assertThat(out.toString()).contains("articles searchable but removed or without a record: " + id);
  }

  /**
   * The newest WARC file with its last response record rewritten: {@code edit} applied to the
   * inflated record (same length, WARC headers and digests unchanged) and gzipped again, so every
   * gzip member stays valid and only the SHA-1 digests can tell. Returns the record's offset.
   */
  long rewriteLastResponse(UnaryOperator<byte[]> edit) throws IOException {
    Path warc = newestWarc();
    List<WarcScan.Item> items = new ArrayList<>();
    WarcScan.scan(warc, items::add);
    WarcScan.Item last = items.stream().filter(i -> i.type().equals("response") && i.status() == 200).reduce((a, b) -> b)
        .orElseThrow();
    // Only non-capture records follow it, so no CDXJ line, crawl.db row or article points past the rewritten member.
    assertThat(items.subList(items.indexOf(last) + 1, items.size())).allMatch(i -> i.type().equals("request"));
    byte[] all = Files.readAllBytes(warc);
    int start = (int) last.offset();
    int end = (int) (last.offset() + last.length());
    byte[] record = new GZIPInputStream(new ByteArrayInputStream(Arrays.copyOfRange(all, start, end))).readAllBytes();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream o = new GZIPOutputStream(gz)) {
      o.write(edit.apply(record));
    }
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(all, 0, start);
    file.write(gz.toByteArray());
    file.write(all, end, all.length - end);
    Files.write(warc, file.toByteArray());
    return last.offset();
  }

  @Test
  void reportsAPayloadThatNoLongerMatchesItsDigestInAValidGzipMember() throws Exception {
    long offset = rewriteLastResponse(r -> {
      r[r.length - 5] ^= 0x01; // the payload's last byte (the record ends with CRLF CRLF)
      return r;
    });

    assertThat(run("verify")).as(out.toString()).isEqualTo(1);
    assertThat(out.toString()).contains("problem   warc/" + newestWarc().getFileName() + ": damaged at offset " + offset
        + ": payload digest mismatch");
  }

  @Test
  void reportsABlockThatNoLongerMatchesItsDigestWhileThePayloadDoes() throws Exception {
    long offset = rewriteLastResponse(r -> {
      String s = new String(r, StandardCharsets.ISO_8859_1);
      return s.replaceFirst("HTTP/1.1 200", "HTTP/1.0 200").getBytes(StandardCharsets.ISO_8859_1);
    });

    assertThat(run("verify")).as(out.toString()).isEqualTo(1);
    assertThat(out.toString()).contains("problem   warc/" + newestWarc().getFileName() + ": damaged at offset " + offset
        + ": block digest mismatch");
  }

  @Test
  void reportsACdxjLineAndACrawlDbRowPointingAtNoRecord() throws Exception {
    Path warc = newestWarc();
    Path cdxj = warc.resolveSibling(warc.getFileName().toString().replace(".warc.gz", ".cdxj"));
    List<String> lines = new ArrayList<>(Files.readAllLines(cdxj));
    long past = Files.size(warc) + 1000;
    String moved = lines.get(0).replaceFirst("\"offset\":\"\\d+\"", "\"offset\":\"" + past + "\"");
    assertThat(moved).isNotEqualTo(lines.get(0));
    lines.set(0, moved);
    Files.write(cdxj, lines);
    String url;
    String gone = "spip-archiver-19990101000000000.warc.gz";
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + mirror.resolve("crawl.db"));
        Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT url FROM urls WHERE warc_file IS NOT NULL ORDER BY url LIMIT 1");
      url = rs.getString(1);
      s.executeUpdate("UPDATE urls SET warc_file = '" + gone + "' WHERE url = '" + url + "'");
    }
    Map<String, String> damaged = tree(work);

    assertThat(run("verify")).as(out.toString()).isEqualTo(1);
    assertThat(out.toString())
        .contains("problem   warc/" + cdxj.getFileName() + ": line 1 points at offset " + past + " of " + warc.getFileName()
            + ", where no capture record starts")
        .contains("problem   crawl.db: " + url + " points at " + gone + ", which is not an intact WARC file of the mirror");
    assertThat(tree(work)).as("verify is read-only on a damaged archive too").isEqualTo(damaged);
  }

  @Test
  void reportsAnArticleRecordWithAWrongOffsetAndOneWithAWrongDigest() throws Exception {
    Integer[] ids = site.publicArticleIds().stream().sorted().limit(2).toArray(Integer[]::new);
    ObjectNode moved = (ObjectNode) Json.mapper().readTree(mirror.resolve("articles/" + ids[0] + ".json").toFile());
    long offset = moved.get("warc_offset").asLong() + 1;
    moved.put("warc_offset", offset);
    Json.mapper().writeValue(mirror.resolve("articles/" + ids[0] + ".json").toFile(), moved);
    ObjectNode altered = (ObjectNode) Json.mapper().readTree(mirror.resolve("articles/" + ids[1] + ".json").toFile());
    String real = altered.get("payload_digest").asText();
    String wrong = "sha1:" + "A".repeat(32);
    altered.put("payload_digest", wrong);
    Json.mapper().writeValue(mirror.resolve("articles/" + ids[1] + ".json").toFile(), altered);

    assertThat(run("verify")).as(out.toString()).isEqualTo(1);
    assertThat(out.toString())
        .contains("problem   articles/" + ids[0] + ".json: article " + ids[0] + " points at offset " + offset + " of "
            + moved.get("warc_file").asText() + ", where no capture record starts")
        .contains("problem   articles/" + ids[1] + ".json: article " + ids[1] + " expects payload " + wrong + " at offset "
            + altered.get("warc_offset").asLong() + " of " + altered.get("warc_file").asText() + ", the record has " + real);
  }

  @Test
  void reportsAnIndexThatLacksAnArticleTheRecordsHave() throws Exception {
    int id = site.publicArticleIds().stream().sorted().findFirst().orElseThrow();
    Path generation;
    try (ArticleSearcher s = ArticleSearcher.open(index)) {
      generation = s.generation();
    }
    try (IndexWriter w = new IndexWriter(FSDirectory.open(generation), new IndexWriterConfig())) {
      w.deleteDocuments(new Term(ArticleDocuments.ID, Integer.toString(id)));
    }

    assertThat(run("verify")).as(out.toString()).isEqualTo(1);
    assertThat(out.toString()).contains("problem   " + index + ": articles missing from the index: " + id
        + " (run `spip-archiver index`)");
  }

  /**
   * {@code --quick} reads only each file's records from its last indexed one to its end (and that
   * CDXJ offsets lie within their files): no digest, nothing earlier in the file, no CDXJ line,
   * crawl.db row, article record, offline page or index is checked.
   */
  @Test
  void quickFindsATruncatedLastRecordButNotDamageEarlierInTheFile() throws Exception {
    assertThat(run("verify", "--quick")).as(out.toString()).isZero();
    assertThat(out.toString()).contains(": intact (quick: sizes and last records only)");

    Path warc = newestWarc();
    byte[] bytes = Files.readAllBytes(warc);
    Files.write(warc, Arrays.copyOf(bytes, bytes.length - 10));
    assertThat(run("verify", "--quick")).as(out.toString()).isEqualTo(1);
    assertThat(out.toString()).contains("problem   warc/" + warc.getFileName() + ": the records after offset ")
        .contains("do not read back");

    bytes[bytes.length / 3] ^= 0x10;
    Files.write(warc, bytes);
    assertThat(run("verify", "--quick")).as(out.toString()).isZero();
    assertThat(run("verify")).isEqualTo(1);
    assertThat(out.toString()).contains("warc/" + warc.getFileName() + ": damaged at offset ");
  }

  @Test
  void refusesADirectoryThatIsNotAnArchive() throws Exception {
    mirror = Files.createDirectories(work.resolve("empty"));
    assertThat(run("verify")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("spip-archiver: " + mirror + ": not an archive (no warc/ directory, no crawl.db)");
  }
}
