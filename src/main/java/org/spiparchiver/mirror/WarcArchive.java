package org.spiparchiver.mirror;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WARC files of a mirror: WARC 1.1, one gzip member per record, a {@code warcinfo} record at
 * the head of each file, {@code response} (or {@code revisit}) + {@code request} records per fetch,
 * rotation past a size, and a CDXJ index beside each file ({@code X.warc.gz} → {@code X.cdxj}).
 *
 * <p>Crash safety: each exchange is forced to disk before {@link #write} returns, so the caller can
 * then update its state. On {@link #open}, the newest file is checked member by member and an
 * incomplete last record (a crash mid-write) is cut away before anything is appended; its CDXJ is
 * rebuilt from the repaired file.
 */
public final class WarcArchive implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(WarcArchive.class);
  public static final String SUFFIX = ".warc.gz";
  private static final MediaType HTTP_REQUEST = MediaType.parse("application/http;msgtype=request");
  private static final MediaType HTTP_RESPONSE = MediaType.parse("application/http;msgtype=response");
  private static final URI IDENTICAL_PAYLOAD =
      URI.create("http://netpreserve.org/warc/1.1/revisit/identical-payload-digest");
  private static final DateTimeFormatter FILE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

  /** Where a capture landed. {@code payloadDigest} is {@code sha1:BASE32} of the HTTP payload. */
  public record Capture(String file, long offset, long length, String payloadDigest, URI recordId, boolean revisit) {}

  /** The earlier capture an unchanged payload refers to: the original response record ({@code recordId} null when unknown). */
  public record Previous(String payloadDigest, URI targetUri, Instant date, URI recordId) {
    public Previous(String payloadDigest, URI targetUri, Instant date) {
      this(payloadDigest, targetUri, date, null);
    }
  }

  /** One HTTP exchange as sent and received; heads are the raw header blocks (CRLF, blank line included). */
  public record Exchange(URI target, InetAddress ip, Instant date, byte[] requestHead, byte[] responseHead, byte[] payload) {}

  /**
   * A WARC file found damaged somewhere other than at its end: set aside read-only as
   * {@code file} (the original name plus {@link #DAMAGED}), never cut nor appended to.
   */
  public record Damage(Path file, long offset, String problem) {
    /** The one line a run prints about it. */
    public String describe() {
      return "WARC file damaged at offset " + offset + " (" + problem + "): set aside unchanged as " + file
          + "; a new WARC file is started, run `spip-archiver verify` for details";
    }
  }

  /** Suffix added to a damaged WARC file (and its CDXJ) when it is set aside. */
  public static final String DAMAGED = ".damaged";

  private final Path dir;
  private final long maxSize;
  private final Clock clock;
  private final Map<String, String> info;
  private final long repairedBytes;
  private final List<Damage> damaged;
  private FileChannel channel;
  private WarcWriter writer;
  private Path current;
  private Cdxj cdxj;
  private boolean infoWritten;

  private WarcArchive(Path dir, long maxSize, Clock clock, Map<String, String> info, long repairedBytes, List<Damage> damaged) {
    this.dir = dir;
    this.maxSize = maxSize;
    this.clock = clock;
    this.info = info;
    this.repairedBytes = repairedBytes;
    this.damaged = damaged;
  }

  /**
   * Opens the archive in {@code dir}, repairing the newest file first: a torn last record is cut, a
   * file damaged elsewhere is set aside (see {@link #damaged()}) and the next write starts a new file.
   *
   * @param info fields of the warcinfo record (software, operator, robots policy…)
   */
  public static WarcArchive open(Path dir, long maxSize, Clock clock, Map<String, String> info) throws IOException {
    Files.createDirectories(dir);
    List<Path> files = files(dir);
    if (files.isEmpty()) return new WarcArchive(dir, maxSize, clock, new LinkedHashMap<>(info), 0, List.of());
    Path last = files.get(files.size() - 1);
    Repair repair = repair(last);
    WarcArchive archive = new WarcArchive(dir, maxSize, clock, new LinkedHashMap<>(info), repair.cut(),
        repair.damage() == null ? List.of() : List.of(repair.damage()));
    if (repair.damage() == null && Files.size(last) < maxSize && Files.size(last) > 0) archive.openExisting(last);
    return archive;
  }

  /** The WARC files of {@code dir}, oldest first (names sort by creation time). */
  public static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
  }

  /** What {@link #repair} did: bytes cut from a torn tail, or the damage that made it set the file aside. */
  public record Repair(long cut, Damage damage) {}

  /**
   * Checks {@code file} record by record ({@link WarcScan}). A torn tail (the last record cut short
   * by a crash) is cut away and the CDXJ rebuilt; damage anywhere else is never cut: the file and its
   * CDXJ are renamed {@code *.damaged} and made read-only, with every byte kept.
   */
  public static Repair repair(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    WarcScan.Result scan = Cdxj.scan(file, lines);
    if (scan.end() == WarcScan.End.DAMAGED) {
      Path aside = setAside(file);
      Path index = Cdxj.indexOf(file);
      if (Files.exists(index)) setAside(index);
      log.warn("{}: damaged at offset {} ({}), set aside as {}", file.getFileName(), scan.problemOffset(), scan.problem(),
          aside.getFileName());
      return new Repair(0, new Damage(aside, scan.problemOffset(), scan.problem()));
    }
    long cut = scan.size() - scan.goodEnd();
    if (scan.end() == WarcScan.End.TORN_TAIL && cut > 0) {
      log.warn("{}: cutting an incomplete last record ({} bytes at offset {})", file.getFileName(), cut, scan.goodEnd());
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(scan.goodEnd());
        ch.force(true);
      }
    }
    // Always rebuilt: a crash may also fall between a record reaching the disk and its index line.
    Cdxj.write(file, lines);
    return new Repair(cut, null);
  }

  private static Path setAside(Path file) throws IOException {
    Path aside = file.resolveSibling(file.getFileName() + DAMAGED);
    Files.move(file, aside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    if (!aside.toFile().setReadOnly()) log.warn("{}: could not be made read-only", aside);
    return aside;
  }

  /** Bytes cut from the newest file when the archive was opened (a crash interrupted a write). */
  public long repairedBytes() {
    return repairedBytes;
  }

  /** The newest file, when it was found damaged and set aside on opening. */
  public List<Damage> damaged() {
    return damaged;
  }

  private void openExisting(Path file) throws IOException {
    current = file;
    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    writer = new WarcWriter(channel, WarcCompression.GZIP);
    cdxj = new Cdxj(file);
  }

  private void startFile() throws IOException {
    closeFile();
    Instant now = clock.instant();
    // Names sort in time order; a file started in the same millisecond as the last one (a rotation,
    // a damaged file set aside) takes the next free millisecond rather than failing.
    Instant stamp = now;
    while (Files.exists(dir.resolve(fileName(stamp))) || Files.exists(dir.resolve(fileName(stamp) + DAMAGED))) {
      stamp = stamp.plusMillis(1);
    }
    current = dir.resolve(fileName(stamp));
    channel = FileChannel.open(current, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    writer = new WarcWriter(channel, WarcCompression.GZIP);
    cdxj = new Cdxj(current);
    writeInfo(now);
  }

  private static String fileName(Instant stamp) {
    return "spip-archiver-" + FILE_STAMP.format(stamp) + SUFFIX;
  }

  /**
   * The warcinfo record of this run (software, user agent, robots policy, site): at the head of each
   * new file, and once into the file a run appends to.
   */
  private void writeInfo(Instant now) throws IOException {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    info.forEach((k, v) -> fields.put(k, List.of(v)));
    fields.put("format", List.of("WARC File Format 1.1"));
    fields.put("conformsTo", List.of("https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"));
    writer.write(new Warcinfo.Builder().version(MessageVersion.WARC_1_1).date(now).filename(current.getFileName().toString())
        .fields(fields).build());
    channel.force(false);
    infoWritten = true;
  }

  /**
   * Writes one exchange (response, or revisit when {@code previous} has the same payload digest,
   * then the request) and forces it to disk.
   */
  public synchronized Capture write(Exchange ex, Previous previous) throws IOException {
    if (writer == null || channel.size() >= maxSize) startFile();
    else if (!infoWritten) writeInfo(clock.instant());
    String digest = payloadDigest(ex.payload());
    boolean revisit = previous != null && digest.equals(previous.payloadDigest());
    long offset = channel.size();
    WarcRecord main;
    if (revisit) {
      WarcRevisit.Builder b = new WarcRevisit.Builder(ex.target(), IDENTICAL_PAYLOAD)
          .version(MessageVersion.WARC_1_1)
          .date(ex.date())
          .refersTo(previous.recordId(), previous.targetUri(), previous.date())
          .payloadDigest(new WarcDigest(digest))
          .blockDigest(new WarcDigest(payloadDigest(ex.responseHead())))
          .body(HTTP_RESPONSE, ex.responseHead());
      if (ex.ip() != null) b.ipAddress(ex.ip());
      main = b.build();
    } else {
      byte[] block = concat(ex.responseHead(), ex.payload());
      WarcResponse.Builder b = new WarcResponse.Builder(ex.target())
          .version(MessageVersion.WARC_1_1)
          .date(ex.date())
          .payloadDigest(new WarcDigest(digest))
          .blockDigest(new WarcDigest(payloadDigest(block)))
          .body(HTTP_RESPONSE, block);
      if (ex.ip() != null) b.ipAddress(ex.ip());
      main = b.build();
    }
    writer.write(main);
    long length = channel.size() - offset;
    WarcRequest.Builder rb = new WarcRequest.Builder(ex.target())
        .version(MessageVersion.WARC_1_1)
        .date(ex.date())
        .concurrentTo(main.id())
        .blockDigest(new WarcDigest(payloadDigest(ex.requestHead())))
        .body(HTTP_REQUEST, ex.requestHead());
    if (ex.ip() != null) rb.ipAddress(ex.ip());
    WarcRequest request = rb.build();
    writer.write(request);
    channel.force(false);
    String file = current.getFileName().toString();
    cdxj.append(ex.target(), ex.date(), revisit ? "warc/revisit" : mime(ex.responseHead()), status(ex.responseHead()),
        digest, length, offset, file);
    return new Capture(file, offset, length, digest, main.id(), revisit);
  }

  private void closeFile() throws IOException {
    if (writer != null) {
      // The channel, not the writer: WarcWriter.close() would append an empty gzip member.
      channel.close();
      cdxj.sortAndClose();
      writer = null;
      channel = null;
    }
  }

  @Override
  public synchronized void close() throws IOException {
    closeFile();
  }

  /** {@code sha1:BASE32}, the digest form used in WARC headers and CDX indexes. */
  public static String payloadDigest(byte[] payload) {
    return "sha1:" + new WarcDigest("sha1", sha1Bytes(payload)).base32();
  }

  private static byte[] sha1Bytes(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int status(byte[] head) {
    String line = new String(head, 0, Math.min(head.length, 64), StandardCharsets.ISO_8859_1);
    String[] parts = line.split(" ", 3);
    try {
      return Integer.parseInt(parts[1].trim());
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static String mime(byte[] head) {
    for (String line : new String(head, StandardCharsets.ISO_8859_1).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Type")) {
        String v = line.substring(colon + 1).trim();
        int semi = v.indexOf(';');
        return (semi < 0 ? v : v.substring(0, semi)).trim();
      }
    }
    return "unk";
  }

  static List<String> lines(Path p) {
    try {
      return Files.exists(p) ? Files.readAllLines(p) : new ArrayList<>();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
