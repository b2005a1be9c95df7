package org.spiparchiver.mirror;

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

  /** Index lines of the intact records of {@code warc}, read by {@link WarcScan}; returns how the file ends. */
  static WarcScan.Result scan(Path warc, List<String> lines) throws IOException {
    String file = warc.getFileName().toString();
    return WarcScan.scan(warc, item -> {
      if (item.type().equals("response") || item.type().equals("revisit")) {
        String digest = item.declaredPayloadDigest() == null ? "-" : item.declaredPayloadDigest();
        lines.add(line(URI.create(item.target()), item.date(), item.mime(), item.status(), digest, item.length(),
            item.offset(), file));
      }
    });
  }

  /** Replaces the index of {@code warc} with {@code lines}, sorted (written beside it, then renamed). */
  static void write(Path warc, List<String> lines) throws IOException {
    List<String> sorted = new ArrayList<>(lines);
    sorted.sort(null);
    Path index = indexOf(warc);
    Path tmp = index.resolveSibling(index.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (String l : sorted) w.write(l + "\n");
    }
    Files.move(tmp, index, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
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
