package org.spiparchiver.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

/**
 * Fixity check of a mirror ({@code spip-archiver verify}): every WARC file reads to its end with
 * matching gzip CRCs, block and payload digests; the CDXJ indexes, {@code crawl.db} and the article
 * records point at existing records with the payload digests they claim; the offline copy has the
 * article pages. Read-only: opens nothing for writing, takes no lock; while a crawl runs, the file
 * it appends to is read up to its size at the start and a record still being written at its end
 * is not a problem. WARC content is streamed; what is kept is one small entry per record.
 */
public final class Verifier {
  /** Problems listed in full; past this only counted (a wholly broken archive would flood the terminal). */
  public static final int MAX_LISTED = 1000;

  /** Records a problem found outside this class (the search index, checked by the command). */
  public static Report withProblem(Report r, String file, String problem) {
    List<Problem> all = new ArrayList<>(r.problems());
    if (all.size() < MAX_LISTED) all.add(new Problem(null, file, problem));
    return new Report(r.quick(), r.warcFiles(), r.warcBytes(), r.records(), r.cdxjLines(), r.stateCaptures(), r.articles(),
        r.pages(), r.liveArticles(), List.copyOf(all), r.problemCount() + 1);
  }

  /** The reports of several sites as one: counts summed, problems in order (each naming its site). */
  public static Report merge(List<Report> reports) {
    List<Problem> all = new ArrayList<>();
    List<Integer> live = new ArrayList<>();
    reports.forEach(r -> {
      r.problems().stream().limit(MAX_LISTED - all.size()).forEach(all::add);
      live.addAll(r.liveArticles());
    });
    return new Report(reports.stream().allMatch(Report::quick), reports.stream().mapToInt(Report::warcFiles).sum(),
        reports.stream().mapToLong(Report::warcBytes).sum(), reports.stream().mapToLong(Report::records).sum(),
        reports.stream().mapToLong(Report::cdxjLines).sum(), reports.stream().mapToLong(Report::stateCaptures).sum(),
        reports.stream().mapToInt(Report::articles).sum(), reports.stream().mapToInt(Report::pages).sum(), List.copyOf(live),
        List.copyOf(all), reports.stream().mapToLong(Report::problemCount).sum());
  }

  /**
   * One problem: the site's key (null in an archive of one site, and for what is the archive's),
   * the file (relative to the archive) and what is wrong.
   */
  public record Problem(String site, String file, String problem) {}

  /** What was checked, and what is wrong. {@code problemCount} may exceed {@code problems.size()}. */
  public record Report(boolean quick, int warcFiles, long warcBytes, long records, long cdxjLines, long stateCaptures,
      int articles, int pages, List<Integer> liveArticles, List<Problem> problems, long problemCount) {
    public boolean intact() {
      return problemCount == 0;
    }
  }

  /** The directory is not an archive (no {@code warc/} and no {@code crawl.db}). */
  public static final class NotAnArchive extends Exception {
    private static final long serialVersionUID = 1L;

    public NotAnArchive(String message) {
      super(message);
    }
  }

  private final Path mirror;
  private final Path root;
  private final String key;
  private final String label;
  private final boolean quick;
  private final List<Problem> problems = new ArrayList<>();
  private long problemCount;
  /** Per WARC file name: offset of each response/revisit record → its declared payload digest ("" when none). */
  private final Map<String, Map<Long, String>> captures = new HashMap<>();
  /** While a crawl runs: the file it appends to, and where the scan stopped reading it (what lies after is the crawl's). */
  private String writing;
  private long writingFrom;
  private boolean crawling;
  /** Ids of the article records not marked removed (what the index must hold), one per record: an id may be in several sites. */
  private final List<Integer> live = new ArrayList<>();

  /**
   * Checks one site of the archive at {@code mirror}: its own mirror ({@code site.root()}), its
   * pages in the archive's offline copy, and that its records say they are its own.
   *
   * @param labelled problems name the site (an archive of several)
   */
  public Verifier(Path mirror, ArchiveSite site, boolean quick, boolean labelled) {
    this.mirror = mirror;
    this.root = site.root();
    this.key = site.key();
    this.label = labelled ? site.key() : null;
    this.quick = quick;
  }

  /** {@link NotAnArchive} unless {@code dir} holds WARC files or a crawl state. */
  public static void requireArchive(Path dir) throws NotAnArchive {
    if (!Files.isDirectory(dir)) throw new NotAnArchive(dir + ": no such directory");
    if (!Files.isDirectory(new MirrorLayout(dir).warcDir()) && !Files.exists(new MirrorLayout(dir).crawlDb())) {
      throw new NotAnArchive(dir + ": not an archive (no warc/ directory, no crawl.db)");
    }
  }

  public Report run() throws IOException, NotAnArchive {
    Path warcDir = new MirrorLayout(root).warcDir();
    requireArchive(root);
    crawling = MirrorLock.holder(mirror).isPresent();
    List<Path> files = WarcArchive.files(warcDir);
    long bytes = 0;
    long records = 0;
    for (Path f : files) {
      bytes += Files.size(f);
      boolean newest = f.equals(files.get(files.size() - 1));
      records += quick ? quickCheck(f, crawling && newest) : fullCheck(f, crawling && newest);
    }
    try (Stream<Path> s = Files.isDirectory(warcDir) ? Files.list(warcDir) : Stream.empty()) {
      for (Path p : s.filter(p -> p.getFileName().toString().endsWith(SUFFIX_DAMAGED)).sorted().toList()) {
        problem(p, "a damaged WARC file set aside by a crawl (kept unchanged for inspection or recovery)");
      }
    }
    long cdxj = quick ? 0 : checkCdxj(files);
    long state = quick ? 0 : checkState();
    int[] articles = quick ? new int[2] : checkArticles();
    return new Report(quick, files.size(), bytes, records, cdxj, state, articles[0], articles[1], List.copyOf(live),
        List.copyOf(problems), problemCount);
  }

  private static final String SUFFIX_DAMAGED = WarcArchive.SUFFIX + WarcArchive.DAMAGED;

  private void problem(Path file, String what) {
    problemCount++;
    if (problems.size() < MAX_LISTED) problems.add(new Problem(label, mirror.relativize(file).toString(), what));
  }

  private long fullCheck(Path file, boolean beingWritten) throws IOException {
    Map<Long, String> offsets = new HashMap<>();
    captures.put(file.getFileName().toString(), offsets);
    WarcScan.Result r = WarcScan.scan(file, item -> {
      if (item.type().equals("response") || item.type().equals("revisit")) {
        offsets.put(item.offset(), item.declaredPayloadDigest() == null ? "" : item.declaredPayloadDigest());
      }
    });
    if (r.end() == WarcScan.End.DAMAGED) problem(file, "damaged at offset " + r.problemOffset() + ": " + r.problem());
    if (r.end() == WarcScan.End.TORN_TAIL && !beingWritten) {
      problem(file, "incomplete last record at offset " + r.problemOffset() + " (the next crawl cuts it)");
    }
    if (beingWritten && r.end() != WarcScan.End.DAMAGED) {
      writing = file.getFileName().toString();
      writingFrom = r.end() == WarcScan.End.COMPLETE ? r.size() : r.problemOffset();
    }
    return r.records();
  }

  /**
   * Sizes, and the last indexed record of the file read from there to the end. {@code beingWritten}:
   * a crawl appends to the file, so it may end inside a record, and grow past its first measure
   * (a CDXJ line is written after its record).
   */
  private long quickCheck(Path file, boolean beingWritten) throws IOException {
    Path index = Cdxj.indexOf(file);
    long size = Files.size(file);
    if (size == 0) {
      problem(file, "empty file");
      return 0;
    }
    long last = 0;
    long lines = 0;
    if (Files.exists(index)) {
      try (BufferedReader in = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
        for (String line; (line = in.readLine()) != null; ) {
          lines++;
          JsonNode j = cdxjFields(line);
          long offset = j == null ? -1 : j.path("offset").asLong(-1);
          long length = j == null ? -1 : j.path("length").asLong(-1);
          if (beingWritten && offset + length > size) size = Files.size(file);
          if (offset < 0 || offset + length > size) problem(index, "line " + lines + " points past the end of " + file.getFileName());
          else last = Math.max(last, offset);
        }
      }
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      String bad = WarcScan.memberProblem(ch, last, size, beingWritten);
      if (bad != null) problem(file, "the records after offset " + last + " do not read back: " + bad);
    }
    return lines;
  }

  private static JsonNode cdxjFields(String line) {
    int brace = line.indexOf('{');
    if (brace < 0) return null;
    try {
      return Json.mapper().readTree(line.substring(brace));
    } catch (IOException e) {
      return null;
    }
  }

  private long checkCdxj(List<Path> files) throws IOException {
    long total = 0;
    for (Path f : files) {
      Path index = Cdxj.indexOf(f);
      if (!Files.exists(index)) {
        problem(index, "missing CDXJ index of " + f.getFileName() + " (the next crawl rebuilds the newest one)");
        continue;
      }
      long n = 0;
      try (BufferedReader in = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
        for (String line; (line = in.readLine()) != null; ) {
          n++;
          JsonNode j = cdxjFields(line);
          if (j == null) {
            problem(index, "line " + n + " is not a CDXJ line");
            continue;
          }
          String digest = j.path("digest").asText("");
          pointer(index, "line " + n, j.path("filename").asText(""), j.path("offset").asLong(-1),
              digest.isEmpty() || digest.equals("-") ? null : "sha1:" + digest);
        }
      }
      total += n;
    }
    return total;
  }

  /** Checks that {@code file}@{@code offset} is a response or revisit record whose payload digest is {@code digest}. */
  private void pointer(Path from, String what, String file, long offset, String digest) {
    Map<Long, String> offsets = captures.get(file);
    // A record the running crawl appended after the scan read its file (or a file it started since) is not checked.
    if (file.equals(writing) && offset >= writingFrom) return;
    if (offsets == null && crawling && Files.exists(new MirrorLayout(root).warcDir().resolve(file))) return;
    if (offsets == null) {
      problem(from, what + " points at " + file + ", which is not an intact WARC file of the mirror");
    } else if (!offsets.containsKey(offset)) {
      problem(from, what + " points at offset " + offset + " of " + file + ", where no capture record starts");
    } else if (digest != null && !offsets.get(offset).isEmpty() && !offsets.get(offset).equalsIgnoreCase(digest)) {
      problem(from, what + " expects payload " + digest + " at offset " + offset + " of " + file + ", the record has "
          + offsets.get(offset));
    }
  }

  private long checkState() throws IOException {
    Path db = new MirrorLayout(root).crawlDb();
    if (!Files.exists(db)) return 0;
    // A crawl connected to crawl.db has its -wal file (WAL mode; the last connection to close deletes it): then
    // read-only, its committed state, through the crawl's own -wal/-shm. Otherwise immutable: no -wal/-shm is created.
    boolean writer = crawling && Files.exists(db.resolveSibling(db.getFileName() + "-wal"));
    String url = "jdbc:sqlite:file:" + db.toAbsolutePath() + (writer ? "?mode=ro" : "?immutable=1");
    long n = 0;
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT url, warc_file, warc_offset, digest, http_status FROM urls "
            + "WHERE warc_file IS NOT NULL")) {
      while (rs.next()) {
        n++;
        String digest = rs.getInt("http_status") == 200 ? rs.getString("digest") : null;
        pointer(db, rs.getString("url"), rs.getString("warc_file"), rs.getLong("warc_offset"), digest);
      }
    } catch (SQLException e) {
      problem(db, "cannot be read: " + e.getMessage() + " (run `spip-archiver crawl --rebuild-state`)");
    }
    return n;
  }

  /**
   * Article records: their capture exists with their payload digest; their page exists in the
   * offline copy; a record that names its site names this one.
   */
  private int[] checkArticles() throws IOException {
    ArticleRecords records = new ArticleRecords(root);
    boolean copy = Files.isDirectory(mirror.resolve("site"));
    int count = 0;
    int pages = 0;
    for (int id : records.ids()) {
      Path file = records.file(id);
      Optional<Article> a;
      try {
        a = records.read(id);
      } catch (IOException | RuntimeException e) {
        problem(file, "unreadable article record: " + e.getMessage());
        continue;
      }
      if (a.isEmpty()) continue;
      count++;
      Article art = a.get();
      if (art.removedAt() == null) live.add(id);
      if (art.site() != null && !art.site().equals(key)) {
        problem(file, "article " + id + " says it is of the site " + art.site() + ", but lies in the site " + key + "'s records");
      }
      if (art.warcFile() != null) {
        pointer(file, "article " + id, art.warcFile(), art.warcOffset() == null ? -1 : art.warcOffset(), art.payloadDigest());
      }
      if (copy && art.url() != null) {
        Path page = mirror.resolve(SiteCopy.relativePath(URI.create(art.url()), true));
        if (Files.exists(page)) pages++;
        // A running crawl writes its offline copy behind its records, on its own thread, and completes it at its end.
        else if (!crawling) problem(file, "article " + id + ": its page is missing from the offline copy (" + mirror.relativize(page) + ")");
      }
    }
    return new int[] {count, pages};
  }
}
