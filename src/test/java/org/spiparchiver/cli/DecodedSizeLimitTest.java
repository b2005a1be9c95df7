package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.testing.HandMadeArchive;

/**
 * crawl.max_body_size is the one limit on a decoded body, for the offline stages too: an archived
 * gzip payload that inflates beyond it (a decompression bomb, archived under a larger limit) is
 * skipped by {@code mirror --rebuild} and {@code extract} with the crawl's message, never decoded whole.
 */
class DecodedSizeLimitTest {
  static final URI SITE = URI.create("http://mag.example/");
  /** 64 MB of zeros, about 64 KB gzipped. */
  static final int BOMB_DECODED = 64 << 20;
  static byte[] bomb;

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void makeBomb() {
    bomb = HandMadeArchive.gzipBomb(BOMB_DECODED);
  }

  /** An archive of one article page (spip4-dist's article 811) and a gzip bomb answered as article 8. */
  Path archiveWithABomb() throws Exception {
    Path mirror = dir.resolve("mirror");
    try (HandMadeArchive a = HandMadeArchive.open(mirror, SITE)) {
      a.response("spip.php?article811", "Content-Type: text/html; charset=utf-8",
          HandMadeArchive.fixturePage("spip4-dist", "/spip.php?article811").getBytes(StandardCharsets.UTF_8));
      a.response("spip.php?article8", "Content-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip", bomb);
    }
    Files.writeString(dir.resolve("config.yaml"), "site:\n  url: " + SITE + "\ncrawl:\n  max_body_size: 1MB\n");
    return mirror;
  }

  int run(Path mirror, String... command) {
    String[] args = new String[command.length + 4];
    args[0] = "--config";
    args[1] = dir.resolve("config.yaml").toString();
    args[2] = "--mirror";
    args[3] = mirror.toString();
    System.arraycopy(command, 0, args, 4, command.length);
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  static final String SKIPPED = SITE + "spip.php?article8: skipped: over max_body_size (raise it in config.yaml): "
      + "body decodes to more than 1048576 bytes (crawl.max_body_size)";

  @Test
  void mirrorRebuildSkipsAnArchivedGzipPayloadThatDecodesBeyondMaxBodySize() throws Exception {
    Path mirror = archiveWithABomb();

    assertThat(run(mirror, "mirror", "--rebuild")).as(out + "" + err).isEqualTo(1);

    assertThat(err.toString().lines()).contains(SKIPPED);
    assertThat(out.toString()).contains("1 files (1 pages)").contains("1 failed");
    assertThat(mirror.resolve("site/mag.example/article811.html")).isRegularFile();
    assertThat(mirror.resolve("site/mag.example/article8.html")).doesNotExist();
  }

  @Test
  void extractSkipsAnArchivedGzipPayloadThatDecodesBeyondMaxBodySize() throws Exception {
    Path mirror = archiveWithABomb();

    assertThat(run(mirror, "extract")).as(out + "" + err).isEqualTo(1);

    assertThat(err.toString().lines()).contains(SKIPPED);
    assertThat(out.toString()).contains("2 article captures read: 1 records written, 0 unchanged, 0 not articles, 1 failed");
    assertThat(new ArticleRecords(mirror).ids()).containsExactly(811);
  }
}
