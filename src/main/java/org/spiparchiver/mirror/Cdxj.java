package org.spiparchiver.mirror;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netpreserve.jwarc.URIs;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcTargetRecord;
import org.spiparchiver.model.Json;

/**
 * The CDXJ index of one WARC file (pywb's format: {@code SURT TIMESTAMP {json}}, sorted), for
 * replay tools. Lines are appended as records are written and sorted when the file is closed; it is
 * rebuilt from the WARC file after a crash repair.
 */
final class Cdxj {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  private final Path index;

  Cdxj(Path warc) {
    this.index = indexOf(warc);
  }

  static Path indexOf(Path warc) {
    String name = warc.getFileName().toString();
    return warc.resolveSibling(name.substring(0, name.length() - WarcArchive.SUFFIX.length()) + ".cdxj");
  }

  void append(URI url, Instant date, String mime, int status, String digest, long length, long offset, String file)
      throws IOException {
    String line = line(url, date, mime, status, digest, length, offset, file);
    Files.writeString(index, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  void sortAndClose() throws IOException {
    List<String> lines = new ArrayList<>(WarcArchive.lines(index));
    lines.sort(null);
    Path tmp = index.resolveSibling(index.getFileName() + ".tmp");
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, index, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Rebuilds the index of {@code warc} from its complete gzip members ({@code bounds} from {@link GzipMembers}). */
  static void rebuild(Path warc, List<Long> bounds) throws IOException {
    List<String> lines = new ArrayList<>();
    String file = warc.getFileName().toString();
    try (FileChannel ch = FileChannel.open(warc, StandardOpenOption.READ)) {
      for (int i = 0; i + 1 < bounds.size(); i++) {
        long start = bounds.get(i);
        long length = bounds.get(i + 1) - start;
        byte[] member = new byte[(int) length];
        ch.read(java.nio.ByteBuffer.wrap(member), start);
        try (WarcReader reader = new WarcReader(new ByteArrayInputStream(member))) {
          for (WarcRecord r : reader) {
            if (r instanceof WarcResponse || r instanceof WarcRevisit) {
              WarcTargetRecord t = (WarcTargetRecord) r;
              int status = 0;
              String mime = "warc/revisit";
              if (r instanceof WarcResponse resp) {
                status = resp.http().status();
                mime = resp.http().contentType().base().toString();
              }
              String digest = t.payloadDigest().map(d -> d.algorithm() + ":" + d.base32()).orElse("-");
              lines.add(line(t.targetURI(), t.date(), mime, status, digest, length, start, file));
            }
          }
        }
      }
    }
    lines.sort(null);
    Path index = indexOf(warc);
    try (Writer w = Files.newBufferedWriter(index, StandardCharsets.UTF_8)) {
      for (String l : lines) w.write(l + "\n");
    }
  }

  private static String line(URI url, Instant date, String mime, int status, String digest, long length, long offset,
      String file) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("url", url.toString());
    fields.put("mime", mime);
    if (status > 0) fields.put("status", Integer.toString(status));
    fields.put("digest", digest.startsWith("sha1:") ? digest.substring(5) : digest);
    fields.put("length", Long.toString(length));
    fields.put("offset", Long.toString(offset));
    fields.put("filename", file);
    return URIs.toNormalizedSurt(url.toString()) + " " + STAMP.format(date) + " " + Json.mapper().writeValueAsString(fields);
  }
}
