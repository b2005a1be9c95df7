package org.spiparchiver.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.spiparchiver.config.Config;
import org.spiparchiver.mirror.WarcArchive;

/**
 * A hostile server on a raw loopback socket (so the status line, the framing and the timing are
 * exactly what the test writes): decompression bombs, headers dripped a byte at a time, unusual
 * status lines. One server for the class; each path is a behaviour.
 */
class HostileServerTest {
  /** Small limits so that each case is quick; the rules are the same at the defaults. */
  static final long MAX_BODY = 1 << 20;
  static final Duration DEADLINE = Duration.ofSeconds(2);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  static ServerSocket server;
  static final Map<String, Handler> handlers = new ConcurrentHashMap<>();
  static byte[] bomb;

  interface Handler {
    void respond(OutputStream out) throws IOException, InterruptedException;
  }

  @TempDir Path dir;

  @BeforeAll
  static void start() throws IOException {
    // 64 MB of zeros gzip to about 64 KB: far over the 1 MB limit once decoded, far under it as sent.
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) gz.write(zeros);
    }
    bomb = buf.toByteArray();
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(HostileServerTest::serve, "hostile-server");
    t.setDaemon(true);
    t.start();
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  static void serve() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> answer(s));
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  static void answer(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) return;
        head.append((char) b);
      }
      String path = head.toString().split(" ", 3)[1];
      handlers.getOrDefault(path, out -> out.write(raw("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")))
          .respond(s.getOutputStream());
      s.getOutputStream().flush();
    } catch (IOException | InterruptedException e) {
      // The client gave up: that is the point of some cases.
    }
  }

  static byte[] raw(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  /** A fetcher with everything allowed, no politeness delay, and the small limits above. */
  HttpFetcher fetcher(WarcArchive archive) {
    Config.Crawl crawl = new Config.Crawl(Duration.ZERO, 1, 10, Duration.ofSeconds(1), Duration.ofSeconds(2), READ_TIMEOUT,
        MAX_BODY, 0, null, DEADLINE);
    Config config = new Config(null, "spip-archiver-test/1.0", null, crawl, null, null);
    RobotsGate robots = new RobotsGate(config.userAgent());
    robots.load("127.0.0.1:" + server.getLocalPort(), url("/robots.txt"), 404, new byte[0], null);
    Politeness politeness = new Politeness(Clock.systemUTC(), Politeness.Sleeper.SYSTEM, Duration.ZERO, Duration.ofSeconds(1),
        new Politeness.HostTimes() {
          @Override
          public Optional<java.time.Instant> load(String host) {
            return Optional.empty();
          }

          @Override
          public void save(String host, java.time.Instant next) {}
        });
    return new HttpFetcher(config, robots, politeness, archive, Clock.systemUTC(), Politeness.Sleeper.SYSTEM);
  }

  WarcArchive archive() throws IOException {
    return WarcArchive.open(dir.resolve("warc"), 1 << 30, Clock.systemUTC(), Map.of("software", "test"));
  }

  /** The blocks of the response records, as stored (HTTP head and body). */
  List<String> responseBlocks() throws IOException {
    List<String> out = new ArrayList<>();
    for (Path f : WarcArchive.files(dir.resolve("warc"))) {
      try (WarcReader r = new WarcReader(f)) {
        for (WarcRecord rec : r) {
          if (rec instanceof WarcResponse) out.add(new String(rec.body().stream().readAllBytes(), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return out;
  }

  @Test
  void abandonsAGzipBodyThatDecodesBeyondTheBodyLimitWithoutArchivingIt() throws Exception {
    handlers.put("/bomb", out -> {
      out.write(raw("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: "
          + bomb.length + "\r\n\r\n"));
      out.write(bomb);
    });
    assertThat(bomb.length).isLessThan((int) MAX_BODY);
    try (WarcArchive archive = archive(); HttpFetcher f = fetcher(archive)) {
      assertThatThrownBy(() -> f.fetch(url("/bomb"), null, null, null))
          .isInstanceOf(HttpFetcher.TooLarge.class)
          .hasMessage("body decodes to more than 1048576 bytes (crawl.max_body_size): " + url("/bomb"));
    }
    assertThat(responseBlocks()).isEmpty();
  }

  @Test
  void keepsAGzipBodyWithinTheLimitAsTransferred() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
      gz.write("<html>petit</html>".getBytes(StandardCharsets.UTF_8));
    }
    byte[] small = buf.toByteArray();
    handlers.put("/small", out -> {
      out.write(raw("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: "
          + small.length + "\r\n\r\n"));
      out.write(small);
    });
    try (WarcArchive archive = archive(); HttpFetcher f = fetcher(archive)) {
      HttpFetcher.Result r = f.fetch(url("/small"), null, null, null);
      assertThat(r.body()).isEqualTo(small);
    }
  }

  @Test
  @Timeout(30) // a guard against the hang this test is about, not a speed assertion
  void cutsOffAServerThatDripsItsHeadersUnderTheReadTimeout() throws Exception {
    handlers.put("/drip", out -> {
      out.write(raw("HTTP/1.1 200 OK\r\n"));
      out.flush();
      for (int i = 0; i < 1000; i++) {
        out.write(i % 2 == 0 ? 'X' : '-');
        out.flush();
        Thread.sleep(50); // far below the 5 s read timeout: only the deadline can end this
      }
    });
    try (WarcArchive archive = archive(); HttpFetcher f = fetcher(archive)) {
      assertThatThrownBy(() -> f.fetch(url("/drip"), null, null, null))
          .isInstanceOf(HttpFetcher.DeadlineExceeded.class)
          .hasMessage("no complete response within 2s (crawl.request_deadline): " + url("/drip"));
      // The fetcher is still usable after a cancelled call.
      handlers.put("/ok", out -> out.write(raw("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")));
      assertThat(f.fetch(url("/ok"), null, null, null).status()).isEqualTo(200);
    }
  }

  @Test
  void recordsTheStatusLineAndHeadersTheServerSent() throws Exception {
    handlers.put("/old", out -> out.write(raw(
        "HTTP/1.0 200 Fine Thanks\r\nX-Zeta: 1\r\nContent-Type: text/plain\r\nX-Alpha: 2\r\nX-Zeta: 3\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")));
    handlers.put("/teapot", out -> out.write(raw("HTTP/1.1 418 I'm a teapot\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")));
    try (WarcArchive archive = archive(); HttpFetcher f = fetcher(archive)) {
      f.fetch(url("/old"), null, null, null);
      f.fetch(url("/teapot"), null, null, null);
    }
    List<String> blocks = responseBlocks();
    assertThat(blocks).hasSize(2);
    // jwarc's builder keeps every header and the order of repeated ones, but groups headers by name.
    assertThat(blocks.get(0)).startsWith("HTTP/1.0 200 Fine Thanks\r\n").endsWith("\r\n\r\nok")
        .contains("\r\nContent-Type: text/plain\r\n", "\r\nX-Alpha: 2\r\n", "\r\nX-Zeta: 1\r\nX-Zeta: 3\r\n");
    assertThat(blocks.get(1)).startsWith("HTTP/1.1 418 I'm a teapot\r\n");
  }

  @Test
  void aFailingArchiveStopsTheFetchInsteadOfFailingTheUrl() throws Exception {
    handlers.put("/page", out -> out.write(raw("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")));
    try (WarcArchive archive = archive(); HttpFetcher f = fetcher(archive)) {
      // The archive cannot create its file (as with a full disk): an I/O error at the writer.
      Files.delete(dir.resolve("warc"));
      assertThatThrownBy(() -> f.fetch(url("/page"), null, null, null))
          .isInstanceOf(HttpFetcher.ArchiveFailure.class)
          .hasCauseInstanceOf(java.nio.file.NoSuchFileException.class);
    }
  }
}
