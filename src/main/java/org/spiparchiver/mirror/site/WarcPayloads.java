package org.spiparchiver.mirror.site;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/** Bodies of archived responses, read back from the WARC files with jwarc. */
final class WarcPayloads {
  /** The crawl's cap on bodies is 20 MB by default; nothing larger is a page or a stylesheet of the copy. */
  static final int MAX_BODY = 64 << 20;

  private WarcPayloads() {}

  /** An archived body, decoded, with the response's {@code Content-Type} header (null when it had none). */
  record Payload(byte[] body, String contentType) {}

  /** The response record at {@code offset}: its decoded body and Content-Type. */
  static Payload read(Path warc, long offset) throws IOException {
    try (FileChannel ch = FileChannel.open(warc, StandardOpenOption.READ)) {
      ch.position(offset);
      try (WarcReader reader = new WarcReader(ch)) {
        WarcRecord rec = reader.next().orElseThrow(() -> new IOException(warc + ": no record at offset " + offset));
        if (!(rec instanceof WarcResponse resp)) throw new IOException(warc + ": no response record at offset " + offset);
        return of(resp);
      }
    }
  }

  /** The decoded body (transfer and content encodings removed) and the Content-Type of a response record. */
  static Payload of(WarcResponse resp) throws IOException {
    String contentType = resp.http().headers().first("Content-Type").orElse(null);
    try (InputStream in = resp.http().bodyDecoded().stream()) {
      return new Payload(in.readNBytes(MAX_BODY), contentType);
    }
  }
}
