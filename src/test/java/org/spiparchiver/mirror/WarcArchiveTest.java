package org.spiparchiver.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.Warcinfo;
import org.spiparchiver.model.Json;

class WarcArchiveTest {
  @TempDir Path dir;

  static WarcArchive.Exchange exchange(String path, String body) throws IOException {
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + payload.length + "\r\n\r\n";
    String req = "GET " + path + " HTTP/1.1\r\nHost: mag.example\r\nUser-Agent: test\r\n\r\n";
    return new WarcArchive.Exchange(URI.create("https://mag.example" + path), InetAddress.getByName("127.0.0.1"),
        Instant.parse("2026-11-26T12:00:00Z"), req.getBytes(StandardCharsets.ISO_8859_1),
        head.getBytes(StandardCharsets.ISO_8859_1), payload);
  }

  WarcArchive open(long maxSize) throws IOException {
    return WarcArchive.open(dir, maxSize, Clock.systemUTC(), Map.of("software", "test"));
  }

  static List<WarcRecord> read(Path file) throws IOException {
    List<WarcRecord> out = new ArrayList<>();
    try (WarcReader r = new WarcReader(file)) {
      for (WarcRecord rec : r) {
        rec.body().consume();
        out.add(rec);
      }
    }
    return out;
  }

  @Test
  void writesWarcInfoResponseAndRequestRecordsThatReadBack() throws Exception {
    WarcArchive.Capture c;
    try (WarcArchive a = open(1 << 20)) {
      c = a.write(exchange("/spip.php?article1", "<html>un</html>"), null);
    }
    Path file = WarcArchive.files(dir).get(0);
    List<WarcRecord> records = new ArrayList<>();
    try (WarcReader r = new WarcReader(file)) {
      r.calculateBlockDigest();
      for (WarcRecord rec : r) {
        records.add(rec);
        assertThat(rec.version()).isEqualTo(MessageVersion.WARC_1_1);
        if (rec instanceof WarcResponse resp) {
          byte[] body = resp.http().body().stream().readAllBytes();
          assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("<html>un</html>");
          assertThat(WarcArchive.payloadDigest(body)).isEqualTo(c.payloadDigest());
          assertThat(resp.payloadDigest().orElseThrow().algorithm()).isEqualTo("sha1");
          assertThat(resp.calculatedBlockDigest()).isEqualTo(resp.blockDigest());
          assertThat(resp.ipAddress()).contains(InetAddress.getByName("127.0.0.1"));
        }
      }
    }
    assertThat(records).hasSize(3);
    assertThat(records.get(0)).isInstanceOf(Warcinfo.class);
    assertThat(records.get(1)).isInstanceOf(WarcResponse.class);
    assertThat(records.get(2)).isInstanceOf(WarcRequest.class);
    assertThat(((WarcRequest) records.get(2)).concurrentTo()).containsExactly(records.get(1).id());
    assertThat(c.recordId()).isEqualTo(records.get(1).id());
  }

  @Test
  void writesARevisitWhenThePayloadIsUnchanged() throws Exception {
    try (WarcArchive a = open(1 << 20)) {
      WarcArchive.Capture first = a.write(exchange("/a", "same"), null);
      WarcArchive.Capture second = a.write(exchange("/a", "same"),
          new WarcArchive.Previous(first.payloadDigest(), URI.create("https://mag.example/a"), Instant.now()));
      WarcArchive.Capture third = a.write(exchange("/a", "changed"),
          new WarcArchive.Previous(first.payloadDigest(), URI.create("https://mag.example/a"), Instant.now()));
      assertThat(second.revisit()).isTrue();
      assertThat(third.revisit()).isFalse();
    }
    List<WarcRecord> records = read(WarcArchive.files(dir).get(0));
    assertThat(records).filteredOn(r -> r instanceof WarcRevisit).singleElement().satisfies(r -> {
      WarcRevisit v = (WarcRevisit) r;
      assertThat(v.profile().toString()).endsWith("identical-payload-digest");
      assertThat(v.refersToTargetURI()).contains(URI.create("https://mag.example/a"));
    });
  }

  @Test
  void writesASortedCdxjIndexPointingAtTheRecords() throws Exception {
    try (WarcArchive a = open(1 << 20)) {
      a.write(exchange("/spip.php?article2", "deux"), null);
      a.write(exchange("/spip.php?article1", "un"), null);
    }
    Path file = WarcArchive.files(dir).get(0);
    List<String> lines = Files.readAllLines(Cdxj.indexOf(file));
    assertThat(lines).hasSize(2).isSorted();
    for (String line : lines) {
      var json = Json.mapper().readTree(line.substring(line.indexOf('{')));
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
          WarcReader r = new WarcReader(ch.position(json.get("offset").asLong()))) {
        WarcResponse resp = (WarcResponse) r.next().orElseThrow();
        assertThat(resp.target()).isEqualTo(json.get("url").asText());
      }
      assertThat(line).startsWith("example,mag)/spip.php?article");
    }
  }

  @Test
  void rotatesFilesPastTheMaximumSize() throws Exception {
    try (WarcArchive a = open(600)) {
      for (int i = 0; i < 4; i++) a.write(exchange("/p" + i, "page " + i), null);
    }
    List<Path> files = WarcArchive.files(dir);
    assertThat(files).hasSizeGreaterThan(1);
    for (Path f : files) assertThat(read(f).get(0)).isInstanceOf(Warcinfo.class);
  }

  @Test
  void rotatesWithinOneMillisecondIntoDistinctFilesInOrder() throws Exception {
    Clock frozen = Clock.fixed(java.time.Instant.parse("2026-12-02T06:26:09.519Z"), java.time.ZoneOffset.UTC);
    try (WarcArchive a = WarcArchive.open(dir, 600, frozen, Map.of("software", "test"))) {
      for (int i = 0; i < 4; i++) a.write(exchange("/p" + i, "page " + i), null);
    }
    List<Path> files = WarcArchive.files(dir);
    assertThat(files).hasSizeGreaterThan(1);
    assertThat(files.get(0).getFileName().toString()).isEqualTo("spip-archiver-20261202062609519.warc.gz");
    assertThat(files.get(1).getFileName().toString()).isEqualTo("spip-archiver-20261202062609520.warc.gz");
    List<String> uris = new ArrayList<>();
    for (Path f : files) {
      for (WarcRecord r : read(f)) if (r instanceof WarcResponse resp) uris.add(resp.target());
    }
    assertThat(uris).hasSize(4).allMatch(u -> u.matches(".*/p[0-3]$"));
  }

  @ParameterizedTest(name = "cut {0} bytes")
  @ValueSource(ints = {1, 4, 8, 30, 120, 200})
  void cutsAnIncompleteLastRecordBeforeAppending(int cut) throws Exception {
    try (WarcArchive a = open(1 << 20)) {
      a.write(exchange("/a", "alpha"), null);
      a.write(exchange("/b", "beta ".repeat(40)), null);
    }
    Path file = WarcArchive.files(dir).get(0);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - cut);
    }

    try (WarcArchive a = open(1 << 20)) {
      assertThat(a.repairedBytes()).isPositive();
      a.write(exchange("/c", "gamma"), null);
    }

    List<WarcRecord> records = read(file);
    List<String> targets = records.stream().filter(r -> r instanceof WarcResponse)
        .map(r -> ((WarcResponse) r).target()).toList();
    assertThat(targets).startsWith("https://mag.example/a").endsWith("https://mag.example/c");
    assertThat(Files.readAllLines(Cdxj.indexOf(file))).hasSize(targets.size());
  }

  @Test
  void leavesACompleteFileAlone() throws Exception {
    try (WarcArchive a = open(1 << 20)) {
      a.write(exchange("/a", "alpha"), null);
    }
    long size = Files.size(WarcArchive.files(dir).get(0));
    try (WarcArchive a = open(1 << 20)) {
      assertThat(a.repairedBytes()).isZero();
    }
    assertThat(Files.size(WarcArchive.files(dir).get(0))).isEqualTo(size);
  }

  @Test
  void setsAsideAFileDamagedMidwayInsteadOfCuttingItsValidRecords() throws Exception {
    try (WarcArchive a = open(1 << 20)) {
      a.write(exchange("/a", "alpha"), null);
      a.write(exchange("/b", "beta ".repeat(400)), null);
      a.write(exchange("/c", "gamma"), null);
    }
    Path file = WarcArchive.files(dir).get(0);
    byte[] original = Files.readAllBytes(file);
    String lineOfB = Files.readAllLines(Cdxj.indexOf(file)).stream().filter(l -> l.contains("mag.example/b")).findFirst()
        .orElseThrow();
    long offsetOfB = Json.mapper().readTree(lineOfB.substring(lineOfB.indexOf('{'))).get("offset").asLong();
    byte[] damaged = original.clone();
    damaged[(int) offsetOfB + 60] ^= 0x20; // a flipped bit in the middle of the file, not at its end
    Files.write(file, damaged);

    try (WarcArchive a = open(1 << 20)) {
      assertThat(a.repairedBytes()).isZero();
      assertThat(a.damaged()).singleElement().satisfies(d -> {
        assertThat(d.file().getFileName().toString()).isEqualTo(file.getFileName() + ".damaged");
        assertThat(d.offset()).isEqualTo(offsetOfB);
      });
      a.write(exchange("/d", "delta"), null);
    }
    Path setAside = file.resolveSibling(file.getFileName() + ".damaged");
    assertThat(Files.readAllBytes(setAside)).isEqualTo(damaged); // nothing cut, nothing appended
    assertThat(Files.getPosixFilePermissions(setAside)).doesNotContain(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    assertThat(file).doesNotExist();
    List<Path> files = WarcArchive.files(dir);
    assertThat(files).singleElement().satisfies(f -> assertThat(read(f)).filteredOn(r -> r instanceof WarcResponse)
        .map(r -> ((WarcResponse) r).target()).containsExactly("https://mag.example/d"));
  }

  @Test
  void setsAsideAFileWhoseLastRecordIsCompleteButCorrupt() throws Exception {
    try (WarcArchive a = open(1 << 20)) {
      a.write(exchange("/a", "alpha"), null);
      a.write(exchange("/b", "beta ".repeat(400)), null);
    }
    Path file = WarcArchive.files(dir).get(0);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 30] ^= 0x01; // inside the last member, whose end is still there
    Files.write(file, bytes);

    try (WarcArchive a = open(1 << 20)) {
      assertThat(a.repairedBytes()).isZero();
      assertThat(a.damaged()).hasSize(1);
    }
    assertThat(Files.readAllBytes(file.resolveSibling(file.getFileName() + ".damaged"))).isEqualTo(bytes);
  }

  @Test
  void writesOneWarcinfoPerRunAndRecordsThatJwarcValidates() throws Exception {
    try (WarcArchive a = open(1 << 20)) {
      WarcArchive.Capture first = a.write(exchange("/a", "same"), null);
      a.write(exchange("/a", "same"), new WarcArchive.Previous(first.payloadDigest(), URI.create("https://mag.example/a"),
          Instant.parse("2026-11-26T12:00:00Z")));
    }
    try (WarcArchive a = open(1 << 20)) {
      a.write(exchange("/b", "autre"), null);
    }
    Path file = WarcArchive.files(dir).get(0);
    assertThat(read(file)).filteredOn(r -> r instanceof Warcinfo).hasSize(2);
    // Every record but warcinfo carries a block digest, so verify can check it.
    assertThat(read(file)).filteredOn(r -> !(r instanceof Warcinfo))
        .allSatisfy(r -> assertThat(r.headers().first("WARC-Block-Digest")).as(r.type()).isPresent());
    assertThat(org.netpreserve.jwarc.tools.WarcValidation.problems(file)).isNull();
  }

  @Test
  void aRebuiltCdxjKeepsTheStatusOfRevisitRecordsAsWrittenDuringTheRun() throws Exception {
    try (WarcArchive a = open(1 << 20)) {
      WarcArchive.Capture first = a.write(exchange("/a", "same"), null);
      WarcArchive.Capture again = a.write(exchange("/a", "same"),
          new WarcArchive.Previous(first.payloadDigest(), URI.create("https://mag.example/a"), Instant.parse("2026-11-26T12:00:00Z")));
      assertThat(again.revisit()).isTrue();
    }
    Path file = WarcArchive.files(dir).get(0);
    List<String> written = Files.readAllLines(Cdxj.indexOf(file));
    Files.delete(Cdxj.indexOf(file));

    assertThat(WarcArchive.repair(file)).isEqualTo(new WarcArchive.Repair(0, null));

    List<String> rebuilt = Files.readAllLines(Cdxj.indexOf(file));
    assertThat(rebuilt).isEqualTo(written);
    assertThat(rebuilt).filteredOn(l -> l.contains("warc/revisit")).singleElement().satisfies(l ->
        assertThat(Json.mapper().readTree(l.substring(l.indexOf('{'))).path("status").asText()).isEqualTo("200"));
  }
}
