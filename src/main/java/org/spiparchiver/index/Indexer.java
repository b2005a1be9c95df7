package org.spiparchiver.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spiparchiver.mirror.ArchiveSite;
import org.spiparchiver.mirror.ArchiveSites;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

/**
 * Keeps the Lucene index in step with the article records of every site of the archive
 * ({@code articles/<id>.json} of each site's root, see {@link ArchiveSites}; the top level only:
 * sub-folders hold earlier versions). One document per article, keyed by {@code site:id}; the
 * copies of a republished article are then marked by {@link Republished}.
 *
 * <p>A record is re-indexed when its content hash changed. The hash covers the whole file rather
 * than the payload digest alone, so that changes which keep the page's payload (an article marked
 * {@code removed_at}, a record re-extracted by a better extractor) still reach the index.
 */
public final class Indexer {
  private static final Logger log = LoggerFactory.getLogger(Indexer.class);
  private static final Pattern RECORD = org.spiparchiver.mirror.MirrorLayout.RECORD_NAME;
  /** Commit user data key holding the {@link ArticleDocuments#SCHEMA} the index was written with. */
  static final String SCHEMA_KEY = "schema";
  /** Indexing buffer: large enough to flush rarely on a 100 000-article archive, small for a laptop. */
  private static final double RAM_BUFFER_MB = 64;

  /** Told how many records there are, then of each one done; called from several threads. */
  public interface Progress {
    default void start(int records) {}

    default void step() {}
  }

  /** A record file of one of the archive's sites. */
  record RecordFile(ArchiveSite site, Path file, String id) {
    String key() {
      return site.key() + ":" + id;
    }
  }

  private final Path mirrorDir;
  private final IndexLayout layout;
  private Progress progress = new Progress() {};

  public Indexer(Path mirrorDir, Path indexDir) {
    this.mirrorDir = mirrorDir;
    this.layout = new IndexLayout(indexDir);
  }

  public Indexer withProgress(Progress p) {
    this.progress = p;
    return this;
  }

  /**
   * Adds new and changed records, deletes the documents of records that vanished, in one commit.
   * Builds from scratch when there is no index yet or it was written by another mapping version.
   */
  @SuppressWarnings("try") // the lock is held by the try block, not used in it
  public IndexStats update() {
    List<RecordFile> files = recordFiles();
    try (IndexLayout.WriterLock lock = layout.lock()) {
      Optional<Path> current = layout.current();
      if (current.isEmpty() || !hasCurrentSchema(current.get())) return rebuild(files);
      try (Directory dir = FSDirectory.open(current.get())) {
        Map<String, String> known = storedDigests(dir, current.get());
        try (IndexWriter w = new IndexWriter(dir, writerConfig(IndexWriterConfig.OpenMode.APPEND))) {
          Counts c = indexAll(w, files, known);
          Set<String> gone = new HashSet<>(known.keySet());
          gone.removeAll(c.seen);
          for (String key : gone) w.deleteDocuments(new Term(ArticleDocuments.KEY, key));
          Republished.mark(w, siteOrder(files));
          if (w.hasUncommittedChanges()) commit(w);
          return new IndexStats(c.added.get(), c.updated.get(), gone.size(), c.unchanged.get(),
              w.getDocStats().numDocs, c.failed.get());
        }
      } catch (IOException e) {
        throw layout.damagedOrUnchecked(current.get(), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Indexes every record into a new generation, then swaps it in atomically. */
  @SuppressWarnings("try") // the lock is held by the try block, not used in it
  public IndexStats rebuild() {
    List<RecordFile> files = recordFiles();
    try (IndexLayout.WriterLock lock = layout.lock()) {
      return rebuild(files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private IndexStats rebuild(List<RecordFile> files) throws IOException {
    Path gen = layout.newGeneration();
    try {
      IndexStats stats;
      try (Directory dir = FSDirectory.open(gen);
          IndexWriter w = new IndexWriter(dir, writerConfig(IndexWriterConfig.OpenMode.CREATE))) {
        Counts c = indexAll(w, files, Map.of());
        Republished.mark(w, siteOrder(files));
        commit(w);
        stats = new IndexStats(c.added.get(), 0, 0, 0, w.getDocStats().numDocs, c.failed.get());
      }
      layout.activate(gen);
      layout.deleteAllBut(gen);
      return stats;
    } catch (IOException | RuntimeException e) {
      if (!gen.equals(layout.current().orElse(null))) {
        try {
          layout.delete(gen); // the half-built generation was never active
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static final class Counts {
    final AtomicInteger added = new AtomicInteger();
    final AtomicInteger updated = new AtomicInteger();
    final AtomicInteger unchanged = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final Set<String> seen = ConcurrentHashMap.newKeySet();
  }

  /** Reads, maps and writes the records on all cores (IndexWriter is thread-safe). */
  private Counts indexAll(IndexWriter w, List<RecordFile> files, Map<String, String> known) {
    Counts c = new Counts();
    progress.start(files.size());
    files.parallelStream().forEach(rf -> {
      String key = rf.key();
      c.seen.add(key);
      try {
        byte[] bytes = Files.readAllBytes(rf.file());
        String digest = sha1(bytes);
        if (digest.equals(known.get(key))) {
          c.unchanged.incrementAndGet();
          return;
        }
        Document doc = toDocument(rf, bytes, digest);
        if (doc == null) {
          c.failed.incrementAndGet();
          return;
        }
        w.updateDocument(new Term(ArticleDocuments.KEY, key), doc);
        (known.containsKey(key) ? c.updated : c.added).incrementAndGet();
      } catch (java.nio.file.NoSuchFileException e) {
        c.seen.remove(key); // deleted since the listing: delete it from the index too
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        progress.step();
      }
    });
    return c;
  }

  private static List<String> siteOrder(List<RecordFile> files) {
    return files.stream().map(f -> f.site().key()).distinct().toList();
  }

  /** The document of a record, or null (logged) when the record cannot be read. */
  private static Document toDocument(RecordFile rf, byte[] bytes, String digest) {
    try {
      Article a = read(bytes, rf.site().key());
      if (!Integer.toString(a.id()).equals(rf.id())) {
        throw new IllegalArgumentException("record id " + a.id() + " does not match the file name");
      }
      return ArticleDocuments.toDocument(a, digest, rf.file().toAbsolutePath().normalize().toString(),
          ArticleDocuments.Copies.NONE);
    } catch (IOException | RuntimeException e) {
      log.warn("{}: skipped, not a readable article record: {}", rf.file(), firstLine(e));
      return null;
    }
  }

  /** A record as the index takes it: of the site whose folder holds it, whatever an older record says. */
  static Article read(byte[] bytes, String siteKey) throws IOException {
    return Json.mapper().readValue(bytes, Article.class).withSite(siteKey);
  }

  private List<RecordFile> recordFiles() {
    List<RecordFile> out = new ArrayList<>();
    try {
      for (ArchiveSite site : ArchiveSites.of(mirrorDir)) {
        Path dir = site.layout().articlesDir();
        if (!Files.isDirectory(dir)) continue;
        try (Stream<Path> s = Files.list(dir)) {
          s.filter(Files::isRegularFile).sorted().forEach(p -> {
            Matcher m = RECORD.matcher(p.getFileName().toString());
            if (m.matches()) out.add(new RecordFile(site, p, m.group(1)));
          });
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path rootArticles = new org.spiparchiver.mirror.MirrorLayout(mirrorDir).articlesDir();
    if (out.isEmpty() && !Files.isDirectory(rootArticles)) {
      throw new IndexException(IndexException.Reason.BAD_INPUT,
          "no article records at " + rootArticles + ": run `spip-archiver crawl` first, or give --mirror");
    }
    return out;
  }

  /**
   * No compound files: packing each segment into one file is a single-threaded copy of the whole
   * index (a fifth of the build time on 100 000 articles), and an index of a few segments does not
   * run short of file handles.
   */
  private static IndexWriterConfig writerConfig(IndexWriterConfig.OpenMode mode) {
    TieredMergePolicy merges = new TieredMergePolicy();
    merges.setNoCFSRatio(0.0);
    return new IndexWriterConfig(Analysis.indexAnalyzer())
        .setOpenMode(mode)
        .setRAMBufferSizeMB(RAM_BUFFER_MB)
        .setUseCompoundFile(false)
        .setMergePolicy(merges);
  }

  private static void commit(IndexWriter w) throws IOException {
    w.setLiveCommitData(Map.of(SCHEMA_KEY, ArticleDocuments.SCHEMA).entrySet());
    w.commit();
  }

  private boolean hasCurrentSchema(Path gen) throws IOException {
    try (Directory dir = FSDirectory.open(gen); DirectoryReader r = DirectoryReader.open(dir)) {
      return ArticleDocuments.SCHEMA.equals(r.getIndexCommit().getUserData().get(SCHEMA_KEY));
    } catch (org.apache.lucene.index.IndexNotFoundException | java.nio.file.NoSuchFileException e) {
      return false; // CURRENT names a generation that is gone or empty: build a new one
    } catch (IOException e) {
      throw layout.damagedOrUnchecked(gen, e);
    }
  }

  /** key -> digest of every document in the index; {@link IndexException.Reason#DAMAGED} when it is damaged. */
  private Map<String, String> storedDigests(Directory dir, Path gen) throws IOException {
    Map<String, String> out = new HashMap<>();
    Set<String> fields = Set.of(ArticleDocuments.KEY, ArticleDocuments.DIGEST);
    try (DirectoryReader r = DirectoryReader.open(dir)) {
      layout.checkIntact(r, gen); // never add to a damaged index: its merges would carry the damage on
      for (LeafReaderContext leaf : r.leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        StoredFields stored = leaf.reader().storedFields();
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          if (live != null && !live.get(doc)) continue;
          Document d = stored.document(doc, fields);
          out.put(d.get(ArticleDocuments.KEY), d.get(ArticleDocuments.DIGEST));
        }
      }
    }
    return out;
  }

  private static String sha1(byte[] bytes) {
    try {
      return "sha1:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  private static String firstLine(Exception e) {
    String msg = String.valueOf(e.getMessage());
    int nl = msg.indexOf('\n');
    return nl < 0 ? msg : msg.substring(0, nl);
  }
}
