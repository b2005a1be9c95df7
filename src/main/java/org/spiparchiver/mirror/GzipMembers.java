package org.spiparchiver.mirror;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Walks the gzip members of a {@code .warc.gz} file (one member per WARC record) and finds where the
 * last complete member ends: a member counts only when it inflates to its end and its CRC-32 and
 * length trailer match, so a record cut by a crash at any byte is detected.
 */
final class GzipMembers {
  private static final int BUFFER = 1 << 16;

  private GzipMembers() {}

  /** Start offsets of the complete members, plus the end of the last one as the final element. */
  static List<Long> completeMemberBounds(Path file) throws IOException {
    List<Long> bounds = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long pos = 0;
      bounds.add(0L);
      while (pos < size) {
        long end = memberEnd(ch, pos);
        if (end < 0) break;
        pos = end;
        bounds.add(pos);
      }
    }
    return bounds;
  }

  /** End offset of the member starting at {@code start}, or -1 when it is incomplete or corrupt. */
  private static long memberEnd(FileChannel ch, long start) throws IOException {
    ch.position(start);
    InputStream in = new BufferedInputStream(Channels.newInputStream(ch), BUFFER);
    try {
      long p = start;
      int id1 = in.read();
      int id2 = in.read();
      int method = in.read();
      int flags = in.read();
      if (id1 != 0x1f || id2 != 0x8b || method != 8 || flags < 0) return -1;
      in.skipNBytes(6);
      p += 10;
      if ((flags & 4) != 0) {
        int xlen = readByte(in) | readByte(in) << 8;
        in.skipNBytes(xlen);
        p += 2 + xlen;
      }
      if ((flags & 8) != 0) p += skipZeroTerminated(in);
      if ((flags & 16) != 0) p += skipZeroTerminated(in);
      if ((flags & 2) != 0) {
        in.skipNBytes(2);
        p += 2;
      }
      Inflater inflater = new Inflater(true);
      try {
        CRC32 crc = new CRC32();
        byte[] input = new byte[BUFFER];
        byte[] output = new byte[BUFFER];
        long fed = 0;
        long inflated = 0;
        int lastRead = 0;
        while (!inflater.finished()) {
          if (inflater.needsInput()) {
            lastRead = in.read(input);
            if (lastRead < 0) return -1;
            inflater.setInput(input, 0, lastRead);
            fed += lastRead;
          }
          int n = inflater.inflate(output);
          if (n == 0 && (inflater.needsDictionary())) return -1;
          crc.update(output, 0, n);
          inflated += n;
        }
        int remaining = inflater.getRemaining();
        p += fed - remaining;
        byte[] trailer = new byte[8];
        int have = Math.min(remaining, 8);
        System.arraycopy(input, lastRead - remaining, trailer, 0, have);
        if (have < 8 && in.readNBytes(trailer, have, 8 - have) < 8 - have) return -1;
        if (readInt(trailer, 0) != (int) crc.getValue() || readInt(trailer, 4) != (int) inflated) return -1;
        return p + 8;
      } finally {
        inflater.end();
      }
    } catch (EOFException | DataFormatException e) {
      return -1;
    }
  }

  private static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) throw new EOFException();
    return b;
  }

  private static long skipZeroTerminated(InputStream in) throws IOException {
    long n = 1;
    while (readByte(in) != 0) n++;
    return n;
  }

  private static int readInt(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
  }
}
