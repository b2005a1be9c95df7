package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.testing.HandMadeArchive;

/** {@code open} and {@code mirror}: paths, exit codes, one-line errors. The copy itself: OfflineCopyTest. */
class OfflineCopyCommandsTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "--mirror";
    all[1] = dir.resolve("mirror").toString();
    all[2] = "--site";
    all[3] = "http://127.0.0.1:8089/";
    System.arraycopy(args, 0, all, 4, args.length);
    return Main.run(all, new PrintWriter(out), new PrintWriter(err));
  }

  void record(int id) throws Exception {
    Path f = dir.resolve("mirror/articles/" + id + ".json");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "{\"id\": " + id + ", \"url\": \"http://127.0.0.1:8089/spip.php?article" + id + "\", \"title\": \"T\"}");
  }

  @Test
  void openPrintsThePathOfTheArticlesPageInTheCopy() throws Exception {
    record(839);
    Path page = dir.resolve("mirror/site/127.0.0.1_8089/article839.html");
    Files.createDirectories(page.getParent());
    Files.writeString(page, "<html></html>");
    assertThat(run("open", "839")).as(err.toString()).isZero();
    assertThat(out.toString().trim()).isEqualTo(page.toAbsolutePath().toString());
    out.getBuffer().setLength(0);
    assertThat(run("show", "839")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("page:").contains("article839.html");
  }

  @Test
  void openSaysWhenTheArticleIsUnknownOrItsPageMissing() throws Exception {
    assertThat(run("open", "12")).isEqualTo(2);
    assertThat(err.toString().trim()).isEqualTo("spip-archiver: no article 12 in the archive " + dir.resolve("mirror")).doesNotContain("Exception");
    err.getBuffer().setLength(0);
    record(13);
    assertThat(run("open", "13")).isEqualTo(1);
    assertThat(err.toString().trim().lines()).hasSize(1);
    assertThat(err.toString()).contains("article 13 has no page in the offline copy").contains("mirror --rebuild");
  }

  @Test
  void rebuildTakesTheSiteTheArchiveRecordsWhenNoneIsGiven() throws Exception {
    URI site = URI.create("https://mag.example/");
    Path mirror = dir.resolve("mirror");
    try (HandMadeArchive a = HandMadeArchive.open(mirror, site)) {
      a.response("spip.php?article811", "Content-Type: text/html; charset=utf-8",
          HandMadeArchive.fixturePage("spip4-dist", "/spip.php?article811").getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(dir.resolve("config.yaml"), ""); // no site configured, none on the command line

    assertThat(Main.run(new String[] {"--config", dir.resolve("config.yaml").toString(), "--mirror", mirror.toString(),
        "mirror", "--rebuild"}, new PrintWriter(out), new PrintWriter(err))).as(err.toString()).isZero();
    assertThat(mirror.resolve("site/mag.example/article811.html")).isRegularFile();
  }

  @Test
  @SuppressWarnings("try") // the lock is held for the block, not used in it
  void rebuildNeedsWarcFilesAndTheLock() throws Exception {
    assertThat(run("mirror", "--rebuild")).isEqualTo(2);
    assertThat(err.toString()).contains("no WARC files");
    Path warc = dir.resolve("mirror/warc/spip-archiver-20261126000000.warc.gz");
    Files.createDirectories(warc.getParent());
    Files.write(warc, new byte[0]);
    try (MirrorLock lock = MirrorLock.acquire(dir.resolve("mirror"))) {
      assertThat(run("mirror", "--rebuild")).isEqualTo(3);
    }
    assertThat(run("mirror", "--rebuild")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("offline copy rebuilt from 0 captures");
  }

  @Test
  void mirrorWithoutACopySaysHowToMakeOne() {
    assertThat(run("mirror")).isEqualTo(1);
    assertThat(err.toString()).contains("no offline copy yet");
  }
}
