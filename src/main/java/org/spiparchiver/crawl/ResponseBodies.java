package org.spiparchiver.crawl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** A response's body with its Content-Encoding removed, once per response, bounded. */
final class ResponseBodies {
  /** Decoded bodies are parsed only up to this size (a gzip bomb must not exhaust the heap). */
  static final int MAX_DECODED = 64 << 20;

  private ResponseBodies() {}

  /** A body that its Content-Encoding does not decode: the URL fails with the reason. */
  static final class UndecodableBody extends RuntimeException {
    private static final long serialVersionUID = 1L;
    UndecodableBody(String message) {
      super(message);
    }
  }

  /** The body with its Content-Encoding (gzip) removed, at most {@link #MAX_DECODED} bytes. */
  static byte[] decoded(HttpFetcher.Result r) {
    String enc = r.header("Content-Encoding").orElse("").trim().toLowerCase(Locale.ROOT);
    if (!enc.equals("gzip") && !enc.equals("x-gzip")) return r.body();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
      return in.readNBytes(MAX_DECODED);
    } catch (IOException e) {
      // Never the compressed bytes in place of the page.
      throw new UndecodableBody("undecodable body (Content-Encoding " + enc + "): " + e.getMessage());
    }
  }
}
