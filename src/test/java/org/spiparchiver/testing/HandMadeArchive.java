package org.spiparchiver.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.spiparchiver.mirror.ArchiveOrigin;
import org.spiparchiver.mirror.MirrorLayout;
import org.spiparchiver.mirror.WarcArchive;

/** A site's mirror written by hand: its origin and WARC response records with the heads and payloads a test chooses. */
public final class HandMadeArchive implements AutoCloseable {
  private final URI site;
  private final WarcArchive archive;

  private HandMadeArchive(URI site, WarcArchive archive) {
    this.site = site;
    this.archive = archive;
  }

  /** The mirror of {@code site} at {@code root} (the archive's root, or {@code sites/<key>/}). */
  public static HandMadeArchive open(Path root, URI site) throws Exception {
    ArchiveOrigin.check(root, site, false);
    Path warc = new MirrorLayout(root).warcDir();
    java.nio.file.Files.createDirectories(warc);
    return new HandMadeArchive(site, WarcArchive.open(warc, 1L << 30, Clock.systemUTC(), Map.of("software", "test")));
  }

  /** A 200 response to {@code path} (e.g. {@code spip.php?article7}) with these header lines (CRLF-separated, no trailing CRLF). */
  public HandMadeArchive response(String path, String headers, byte[] payload) throws IOException {
    URI url = site.resolve(path);
    String head = "HTTP/1.1 200 OK\r\n" + headers + "\r\nContent-Length: " + payload.length + "\r\n\r\n";
    String req = "GET /" + path + " HTTP/1.1\r\nHost: " + url.getRawAuthority() + "\r\n\r\n";
    archive.write(new WarcArchive.Exchange(url, InetAddress.getLoopbackAddress(), Instant.parse("2026-11-26T12:00:00Z"),
        req.getBytes(StandardCharsets.ISO_8859_1), head.getBytes(StandardCharsets.ISO_8859_1), payload), null);
    return this;
  }

  @Override
  public void close() throws IOException {
    archive.close();
  }

  /** A gzip body of {@code decoded} zero bytes: a decompression bomb about a thousandth of its decoded size. */
  public static byte[] gzipBomb(int decoded) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
      byte[] zeros = new byte[1 << 16];
      for (int n = 0; n < decoded; n += zeros.length) gz.write(zeros, 0, Math.min(zeros.length, decoded - n));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The page a fixture site answered at {@code pathAndQuery}, as captured (UTF-8 text). */
  public static String fixturePage(String fixture, String pathAndQuery) throws IOException {
    Path dir = FixtureSite.FIXTURES.resolve(fixture);
    for (com.fasterxml.jackson.databind.JsonNode r : new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(dir.resolve("index.json").toFile()).get("responses")) {
      if (r.get("url").asText().equals(pathAndQuery)) {
        return java.nio.file.Files.readString(dir.resolve(r.get("body").asText()), StandardCharsets.UTF_8);
      }
    }
    throw new IllegalArgumentException(fixture + " has no " + pathAndQuery);
  }
}
