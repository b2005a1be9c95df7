package org.spiparchiver.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Damages the active generation of an index directory as a failing disk or a careless hand would. */
final class IndexDamage {
  /** Bytes overwritten in the middle of the file: one disk sector's worth would do; a few are enough. */
  private static final int OVERWRITTEN = 16;

  private IndexDamage() {}

  /** The largest segment file of the active generation (stored fields, read by every search and update). */
  static Path largestSegmentFile(Path index) throws IOException {
    Path gen = index.resolve(Files.readString(index.resolve("CURRENT"), StandardCharsets.UTF_8).strip());
    try (Stream<Path> s = Files.list(gen)) {
      return s.filter(p -> !p.getFileName().toString().startsWith("segments_") && !p.getFileName().toString().endsWith(".lock"))
          .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
    }
  }

  /** {@code overwritten}: bytes in the middle of that file inverted; {@code deleted}: the file gone. Returns it. */
  static Path damage(Path index, String how) throws IOException {
    Path f = largestSegmentFile(index);
    if (how.equals("deleted")) {
      Files.delete(f);
      return f;
    }
    byte[] b = Files.readAllBytes(f);
    for (int i = b.length / 2; i < b.length / 2 + OVERWRITTEN; i++) b[i] = (byte) ~b[i];
    Files.write(f, b);
    return f;
  }
}
