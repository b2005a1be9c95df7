package org.spiparchiver.mirror.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.mirror.MirrorLayout;
import org.spiparchiver.mirror.WarcArchive;

/** The rebuild reads a page's charset from the Content-Type archived with it, as the crawl-time copy does. */
class SiteRebuildCharsetTest {
  @TempDir Path mirror;

  @Test
  void rebuildsALatin1PageDeclaredOnlyInItsArchivedHttpHeader() throws Exception {
    String html = "<html><head><title>Grève générale</title></head><body><p id=\"t\">L\u2019été à Athènes</p></body></html>";
    byte[] payload = html.getBytes(Charset.forName("windows-1252"));
    String head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\nContent-Length: " + payload.length + "\r\n\r\n";
    String req = "GET /spip.php?article7 HTTP/1.1\r\nHost: mag.example\r\n\r\n";
    Path warcDir = new MirrorLayout(mirror).warcDir();
    Files.createDirectories(warcDir);
    try (WarcArchive a = WarcArchive.open(warcDir, 1 << 20, Clock.systemUTC(), Map.of("software", "test"))) {
      a.write(new WarcArchive.Exchange(URI.create("https://mag.example/spip.php?article7"), InetAddress.getByName("127.0.0.1"),
          Instant.parse("2026-11-26T12:00:00Z"), req.getBytes(StandardCharsets.ISO_8859_1),
          head.getBytes(StandardCharsets.ISO_8859_1), payload), null);
    }

    SiteRebuild.Result r = new SiteRebuild(mirror, java.util.List.of(new SiteRebuild.Source(mirror, SiteWriterTest.HOME, SiteWriterTest.RULE)), SiteWriterTest.MAX_BODY).run((done, total) -> { });

    assertThat(r.pages()).isEqualTo(1);
    Document d = Jsoup.parse(Files.readString(mirror.resolve("site/mag.example/article7.html"), StandardCharsets.UTF_8));
    assertThat(d.title()).isEqualTo("Grève générale");
    assertThat(d.selectFirst("#t").text()).isEqualTo("L\u2019été à Athènes");
  }
}
