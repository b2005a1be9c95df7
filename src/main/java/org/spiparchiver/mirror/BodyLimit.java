package org.spiparchiver.mirror;

import java.io.IOException;
import java.io.InputStream;

/**
 * The one limit on a body's decoded size, {@code crawl.max_body_size}: the crawl decoding a gzip
 * response, the offline copy and {@code extract} reading an archived payload back all read through
 * {@link #read}, so a payload that inflates beyond the limit (a decompression bomb) is never held
 * whole in memory, and what the crawl would refuse the offline stages refuse too.
 */
public final class BodyLimit {
  /** How a body over the limit is reported, in the crawl's report, {@code status} and the offline stages. */
  public static final String OVER_MAX_BODY = "skipped: over max_body_size (raise it in config.yaml)";
  /** A Java array holds at most about this many bytes: a larger configured limit reads as this one. */
  static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private BodyLimit() {}

  /** The decoded body is longer than {@code crawl.max_body_size}: abandoned. */
  public static final class Exceeded extends IOException {
    private static final long serialVersionUID = 1L;

    Exceeded(long limit) {
      super("body decodes to more than " + limit + " bytes (crawl.max_body_size)");
    }
  }

  /** The one line an offline stage ({@code extract}, {@code mirror --rebuild}) gives for an archived body over the limit. */
  public static String skippedLine(java.net.URI url, Exceeded e) {
    return url + ": " + OVER_MAX_BODY + ": " + e.getMessage();
  }

  /**
   * All of {@code decoded} (a stream that inflates as it is read), or {@link Exceeded} as soon as it
   * gives more than {@code limit} bytes: at most {@code limit} bytes are ever held.
   */
  public static byte[] read(InputStream decoded, long limit) throws IOException {
    byte[] body = decoded.readNBytes((int) Math.min(limit, MAX_ARRAY));
    if (decoded.read() != -1) throw new Exceeded(limit);
    return body;
  }
}
