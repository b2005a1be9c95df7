package org.spiparchiver.mirror;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * Writes a large WARC set for the verify benchmark (BENCHMARKS.md, "Verify"): captures of 20-220 KB
 * random (incompressible) payloads through {@link WarcArchive}, rotated at 256 MB. Not a test.
 *
 * <p>{@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.spiparchiver.mirror.WarcSetGenerator DIR BYTES}
 */
public final class WarcSetGenerator {
  private WarcSetGenerator() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long target = Long.parseLong(args[1]);
    Random rnd = new Random(42);
    try (WarcArchive w = WarcArchive.open(dir, 256L << 20, Clock.systemUTC(), Map.of("software", "bench"))) {
      long total = 0;
      for (int i = 0; total < target; i++) {
        byte[] body = new byte[20_000 + rnd.nextInt(200_000)];
        rnd.nextBytes(body);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: " + body.length + "\r\n\r\n";
        String req = "GET /IMG/jpg/p" + i + ".jpg HTTP/1.1\r\nHost: bench.example\r\n\r\n";
        w.write(new WarcArchive.Exchange(URI.create("https://bench.example/IMG/jpg/p" + i + ".jpg"),
            InetAddress.getLoopbackAddress(), Instant.now(), req.getBytes(StandardCharsets.ISO_8859_1),
            head.getBytes(StandardCharsets.ISO_8859_1), body), null);
        total += body.length;
      }
    }
  }
}
