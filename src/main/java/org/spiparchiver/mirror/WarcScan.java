package org.spiparchiver.mirror;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcTargetRecord;

/**
 * Reads a {@code .warc.gz} file record by record and tells whether it is intact, torn at its end
 * (a crash mid-write: the only damage a crawl may cut away) or damaged elsewhere (never cut).
 *
 * <p>Record boundaries come from jwarc's {@link WarcReader} ({@link WarcReader#position()}, one gzip
 * member per record), which also checks each member's inflated length; each record's block digest
 * and a response's payload digest are recomputed; each member's CRC-32 is checked by the JDK's
 * {@link GZIPInputStream} (jwarc 0.32 does not check it). Everything streams: memory does not grow
 * with the file or the record.
 */
public final class WarcScan {
  /** After a bad record, at most this many later gzip headers are tried to tell damage from a torn tail. */
  static final int MAX_RESYNC_CANDIDATES = 1000;
  private static final int BUFFER = 1 << 16;

  /** How a file ends. */
  public enum End { COMPLETE, TORN_TAIL, DAMAGED }

  /**
   * One record that read back intact. {@code declaredPayloadDigest} is {@code sha1:BASE32} (null
   * when absent); {@code status} and {@code mime} are the HTTP response's (0 / null for other records).
   */
  public record Item(long offset, long length, String type, URI id, String target, Instant date, int status, String mime,
      String declaredPayloadDigest) {}

  /**
   * @param goodEnd where the last intact record ends (the size of the file when COMPLETE)
   * @param problemOffset start of the first record that did not read back (-1 when COMPLETE)
   */
  public record Result(End end, long size, long records, long goodEnd, long problemOffset, String problem) {}

  /** Receives each intact record, in file order. */
  public interface Visitor {
    void record(Item item) throws IOException;
  }

  private WarcScan() {}

  public static Result scan(Path file, Visitor visitor) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        FileChannel crcChannel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size == 0) return new Result(End.COMPLETE, 0, 0, 0, -1, null);
      long records = 0;
      long goodEnd = 0;
      Pending cur = null;
      String[] warning = new String[1];
      try (WarcReader reader = new WarcReader(ch)) {
        reader.calculateBlockDigest();
        reader.onWarning(w -> warning[0] = w);
        while (true) {
          Optional<WarcRecord> next;
          try {
            next = reader.next();
          } catch (IOException | RuntimeException e) {
            long at = cur == null ? goodEnd : cur.offset;
            if (cur != null && reader.position() > cur.offset) {
              String bad = finish(cur, reader.position(), crcChannel, visitor);
              if (bad == null) {
                records++;
                goodEnd = reader.position();
                at = goodEnd;
              }
            }
            return failure(file, size, records, goodEnd, at, e, ch.position());
          }
          long pos = reader.position();
          if (cur != null) {
            String bad = warning[0] != null ? warning[0] : finish(cur, pos, crcChannel, visitor);
            if (bad != null) return classify(file, size, records, goodEnd, cur.offset, bad, false, size);
            records++;
            goodEnd = pos;
          }
          if (next.isEmpty()) {
            if (pos < size) return classify(file, size, records, goodEnd, pos, "unreadable data after the last record", true, size);
            return new Result(End.COMPLETE, size, records, goodEnd, -1, null);
          }
          cur = new Pending(pos);
          try {
            cur.read(next.get());
          } catch (IOException | RuntimeException e) {
            return failure(file, size, records, goodEnd, cur.offset, e, ch.position());
          }
        }
      }
    }
  }

  /** {@code readTo}: how far the file had been read when it failed, the end it had then. */
  private static Result failure(Path file, long size, long records, long goodEnd, long at, Exception e, long readTo)
      throws IOException {
    boolean eof = e instanceof EOFException || String.valueOf(e.getMessage()).contains("unexpected end");
    return classify(file, size, records, goodEnd, at, describe(e), eof, Math.max(size, readTo));
  }

  /**
   * A record that ran out of file is a torn tail, unless an intact record follows it within the
   * first {@code end} bytes (the file as it was read): then the file is damaged. Records a crawl
   * appended since, while {@code verify} read the file, are not looked at.
   */
  private static Result classify(Path file, long size, long records, long goodEnd, long at, String problem, boolean eof,
      long end) throws IOException {
    boolean torn = eof && !intactRecordAfter(file, at + 1, end);
    return new Result(torn ? End.TORN_TAIL : End.DAMAGED, size, records, goodEnd, at, problem);
  }

  /**
   * The one line a reader of the archive ({@code extract}, {@code mirror --rebuild}) gives when a WARC
   * file is damaged at a record; {@code consequence}: what it left out (it goes on with the rest).
   */
  public static String damagedLine(Path file, long offset, Exception e, String consequence) {
    Exception cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
    return file + ": damaged at offset " + offset + " (" + describe(cause) + "): " + consequence
        + " (`spip-archiver verify` lists the damage)";
  }

  /** Whether {@code e}, met while reading a WARC file's records, says the file is damaged (gzip, record syntax, cut short). */
  public static boolean isDamage(Exception e) {
    Throwable c = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
    return c instanceof java.util.zip.ZipException || c instanceof EOFException || c instanceof org.netpreserve.jwarc.ParsingException;
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    if (e instanceof EOFException) return "incomplete record (the file ends inside it)";
    return m == null || m.isBlank() ? "unreadable record" : "unreadable record: " + m;
  }

  /** A record being read: its digests are checked as its body streams by. */
  private static final class Pending {
    final long offset;
    String type;
    URI id;
    String target;
    Instant date;
    int status;
    String mime;
    String declared;
    String problem;

    Pending(long offset) {
      this.offset = offset;
    }

    void read(WarcRecord r) throws IOException {
      type = r.type();
      id = r.id();
      date = r.date();
      if (r instanceof WarcTargetRecord t) {
        target = t.target();
        declared = t.payloadDigest().map(d -> d.algorithm() + ":" + d.base32()).orElse(null);
      }
      if (r instanceof WarcResponse resp) {
        HttpResponse http = resp.http();
        status = http.status();
        mime = http.contentType().base().toString();
        Optional<WarcDigest> want = resp.payloadDigest();
        if (want.isPresent()) {
          MessageDigest md = digester(want.get().algorithm());
          if (md != null) {
            // Not closed: closing the payload stream would close the record body before its block digest is complete.
            new DigestInputStream(http.body().stream(), md).transferTo(java.io.OutputStream.nullOutputStream());
            if (!new WarcDigest(want.get().algorithm(), md.digest()).equals(want.get())) problem = "payload digest mismatch";
          }
        }
      } else if (r instanceof WarcRevisit rev) {
        try {
          status = rev.http().status();
        } catch (IOException | RuntimeException e) {
          status = 0; // a revisit without an HTTP head is legal
        }
        mime = "warc/revisit";
      }
      r.body().consume();
      // Called once: jwarc's calculatedBlockDigest() resets the digester it reads.
      Optional<WarcDigest> calculated = r.calculatedBlockDigest();
      if (problem == null && r.blockDigest().isPresent() && calculated.isPresent() && !r.blockDigest().get().equals(calculated.get())) {
        problem = "block digest mismatch";
      }
    }
  }

  /** Completes a record once its end is known: its gzip member must pass the CRC-32 check. */
  private static String finish(Pending p, long end, FileChannel ch, Visitor visitor) throws IOException {
    if (p.problem != null) return p.problem;
    String crc = memberProblem(ch, p.offset, end);
    if (crc != null) return crc;
    visitor.record(new Item(p.offset, end - p.offset, p.type, p.id, p.target, p.date, p.status, p.mime, p.declared));
    return null;
  }

  /** Null when the bytes [start, end) are one or more gzip members that inflate with matching CRC-32 and length. */
  static String memberProblem(FileChannel ch, long start, long end) {
    return memberProblem(ch, start, end, false);
  }

  /** As {@link #memberProblem(FileChannel, long, long)}; with {@code tornEndOk}, bytes ending inside a member (one being written) are no problem. */
  static String memberProblem(FileChannel ch, long start, long end, boolean tornEndOk) {
    try (InputStream in = new GZIPInputStream(new Slice(Channels.newInputStream(ch.position(start)), end - start), BUFFER)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return null;
    } catch (EOFException e) {
      return tornEndOk ? null : "unreadable record: gzip " + (e.getMessage() == null ? "error" : e.getMessage());
    } catch (IOException e) {
      return "unreadable record: gzip " + (e.getMessage() == null ? "error" : e.getMessage());
    }
  }

  /** Whether some gzip member after {@code from} starts an intact record. */
  private static boolean intactRecordAfter(Path file, long from, long end) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        FileChannel crc = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = Math.min(ch.size(), end);
      int tried = 0;
      byte[] buf = new byte[BUFFER];
      long base = from;
      while (base < size && tried < MAX_RESYNC_CANDIDATES) {
        int n = ch.read(java.nio.ByteBuffer.wrap(buf), base);
        if (n <= 0) break;
        for (int i = 0; i + 2 < n && base + i < size && tried < MAX_RESYNC_CANDIDATES; i++) {
          if (buf[i] == 0x1f && buf[i + 1] == (byte) 0x8b && buf[i + 2] == 8) {
            tried++;
            if (recordAt(ch, crc, base + i, size)) return true;
          }
        }
        base += Math.max(1, n - 2);
      }
      return false;
    }
  }

  private static boolean recordAt(FileChannel ch, FileChannel crc, long offset, long limit) {
    try {
      long keep = ch.position();
      ch.position(offset);
      WarcReader reader = new WarcReader(ch);
      reader.calculateBlockDigest();
      Optional<WarcRecord> r = reader.next();
      if (r.isEmpty()) return false;
      Pending p = new Pending(offset);
      p.read(r.get());
      reader.next();
      long end = offset + (reader.position() - offset);
      boolean ok = p.problem == null && end > offset && end <= limit && memberProblem(crc, offset, end) == null;
      ch.position(keep);
      return ok;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static MessageDigest digester(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equalsIgnoreCase("sha1") ? "SHA-1" : algorithm);
    } catch (NoSuchAlgorithmException e) {
      return null;
    }
  }

  /** At most {@code limit} bytes of a stream. */
  private static final class Slice extends FilterInputStream {
    private long left;

    Slice(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) return -1;
      int b = super.read();
      if (b >= 0) left--;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) return -1;
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) left -= n;
      return n;
    }

    @Override
    public void close() {
      // The channel belongs to the caller.
    }
  }
}
