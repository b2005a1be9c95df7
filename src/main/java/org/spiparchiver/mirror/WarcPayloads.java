package org.spiparchiver.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * Bodies of archived responses, read back from the WARC files with jwarc, decoded under
 * {@code crawl.max_body_size} ({@link BodyLimit}): the offline copy and {@code extract} read them here.
 */
public final class WarcPayloads {
  private WarcPayloads() {}

  /** An archived body, decoded, with the response's {@code Content-Type} header (null when it had none). */
  public record Payload(byte[] body, String contentType) {}

  /** The response record at {@code offset}: its decoded body (at most {@code maxBody} bytes, see {@link #of}) and Content-Type. */
  public static Payload read(Path warc, long offset, long maxBody) throws IOException {
    try (FileChannel ch = FileChannel.open(warc, StandardOpenOption.READ)) {
      ch.position(offset);
      try (WarcReader reader = new WarcReader(ch)) {
        WarcRecord rec = reader.next().orElseThrow(() -> new IOException(warc + ": no record at offset " + offset));
        if (!(rec instanceof WarcResponse resp)) throw new IOException(warc + ": no response record at offset " + offset);
        return of(resp, maxBody);
      }
    }
  }

  /**
   * The decoded body (transfer and content encodings removed) and the Content-Type of a response
   * record; {@link BodyLimit.Exceeded} when the body decodes to more than {@code maxBody} bytes
   * (crawl.max_body_size), read no further.
   */
  public static Payload of(WarcResponse resp, long maxBody) throws IOException {
    String contentType = resp.http().headers().first("Content-Type").orElse(null);
    try (InputStream in = resp.http().bodyDecoded().stream()) {
      return new Payload(BodyLimit.read(in, maxBody), contentType);
    }
  }
}
