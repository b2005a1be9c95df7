package org.spiparchiver.index;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The index directory: generations {@code gen-000001/}, … (each a complete Lucene index) and a
 * pointer file {@code CURRENT} naming the active one. A rebuild writes a new generation and then
 * replaces {@code CURRENT} atomically, so a reader sees the old index or the new, never half of one.
 */
final class IndexLayout {
  static final String CURRENT = "CURRENT";
  private static final Pattern GENERATION = Pattern.compile("gen-(\\d{6,})");
  private static final String LOCK = "writer.lock";
  /** The file of a generation named in a Lucene error's resource description ({@code path=".../gen-000001/_0.fdt"}). */
  private static final Pattern DAMAGED_FILE = Pattern.compile("gen-\\d{6,}[/\\\\]([^/\\\\\"()\\s]+)");

  private final Path root;

  IndexLayout(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /**
   * The generation {@code CURRENT} names, if any. It may have vanished (a rebuild swapped and deleted
   * it since): openers then read {@code CURRENT} again.
   */
  Optional<Path> current() {
    try {
      if (Files.isRegularFile(root)) throw new java.nio.file.NotDirectoryException(root.toString()); // said as such by Main
      String name = Files.readString(root.resolve(CURRENT), StandardCharsets.UTF_8).trim();
      return GENERATION.matcher(name).matches() ? Optional.of(root.resolve(name)) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new, empty generation directory numbered after every existing one. */
  Path newGeneration() throws IOException {
    Files.createDirectories(root);
    int next = generations().stream().mapToInt(IndexLayout::number).max().orElse(0) + 1;
    return Files.createDirectory(root.resolve(String.format("gen-%06d", next)));
  }

  /** Makes {@code gen} the active generation in one atomic rename. */
  void activate(Path gen) throws IOException {
    Path tmp = root.resolve(CURRENT + ".tmp");
    Files.writeString(tmp, gen.getFileName() + "\n", StandardCharsets.UTF_8);
    try {
      Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Deletes every generation but {@code keep}. A search that opened one of them keeps reading its
   * open files (POSIX semantics); one that read {@code CURRENT} just before retries (see ArticleSearcher).
   */
  void deleteAllBut(Path keep) throws IOException {
    for (Path gen : generations()) {
      if (!gen.getFileName().equals(keep.getFileName())) delete(gen);
    }
  }

  /**
   * Reads every file of an open generation to the end and checks its checksum: Lucene checks only
   * the small files when opening, so bytes overwritten in the middle of a segment file would
   * otherwise give wrong hits, a crash in a decoder, or an update that spreads the damage. About
   * 3 MB per 1,000 articles (docs/scaling.md): milliseconds for a magazine, a fraction of a second
   * at 100,000 articles, once per opening.
   */
  void checkIntact(DirectoryReader reader, Path gen) {
    checkIntact(reader, gen, Long.MAX_VALUE);
  }

  /**
   * A search checks the index it opens while the index is at most this large: 64 MB (some 20,000
   * articles) are checksummed from the page cache in tens of milliseconds, a fraction of a search
   * command; a larger index would make every search pay for reading all of it. {@code index} (before
   * it adds to an index) and {@code verify} check whatever the size.
   */
  static final long SEARCH_CHECK_MAX_BYTES = 64L << 20;

  /** As {@link #checkIntact(DirectoryReader, Path)}, skipped when the generation's files exceed {@code maxBytes}. */
  void checkIntact(DirectoryReader reader, Path gen, long maxBytes) {
    if (maxBytes != Long.MAX_VALUE && size(gen) > maxBytes) return;
    try {
      for (LeafReaderContext leaf : reader.leaves()) leaf.reader().checkIntegrity();
    } catch (IOException e) {
      throw damagedOrUnchecked(gen, e);
    }
  }

  private static long size(Path gen) {
    try (Stream<Path> files = Files.list(gen)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException e) {
      return Long.MAX_VALUE; // unlistable: the reader's own errors will say what is wrong
    }
  }

  /**
   * {@code e} said plainly when it tells that the generation's files are damaged (a checksum, a file
   * cut short or missing while the generation is still there), else the error as it is.
   */
  RuntimeException damagedOrUnchecked(Path gen, IOException e) {
    boolean missing = e instanceof NoSuchFileException || e.getCause() instanceof NoSuchFileException;
    if (!(e instanceof CorruptIndexException || e instanceof EOFException || missing) || !Files.isDirectory(gen)) {
      return new UncheckedIOException(e);
    }
    Matcher file = DAMAGED_FILE.matcher(String.valueOf(e instanceof CorruptIndexException c ? c.getResourceDescription()
        : e.getMessage()));
    String what = missing ? "a file is missing" : e instanceof EOFException ? "a file is cut short"
        : ((CorruptIndexException) e).getOriginalMessage().split(" \\(| :|: ", 2)[0].replaceFirst("\\.$", "");
    return new IndexException(IndexException.Reason.DAMAGED, "the index at " + root + " is damaged ("
        + (file.find() ? file.group(1) + ": " : "") + what + "): run `spip-archiver index --rebuild`", e);
  }

  /** The lock held while writing, so that two writers (a crawl and an {@code index}) never interleave. */
  WriterLock lock() throws IOException {
    Files.createDirectories(root);
    Directory dir = FSDirectory.open(root);
    try {
      return new WriterLock(dir, dir.obtainLock(LOCK));
    } catch (LockObtainFailedException e) {
      dir.close();
      throw new IndexException(IndexException.Reason.LOCKED,
          "another process is writing the index at " + root + " (lock " + root.resolve(LOCK) + ")");
    }
  }

  record WriterLock(Directory dir, Lock lock) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      try (dir; lock) {
        // closes both
      }
    }
  }

  private List<Path> generations() throws IOException {
    if (!Files.isDirectory(root)) return List.of();
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> GENERATION.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p)).toList();
    }
  }

  private static int number(Path gen) {
    Matcher m = GENERATION.matcher(gen.getFileName().toString());
    return m.matches() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** Deletes a generation directory and its files. */
  void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
