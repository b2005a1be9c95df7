package org.spiparchiver.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The active generation of an index for a long-running reader (the reading room): each use gets the
 * searcher of the generation {@code CURRENT} names, reopened when a crawl or {@code index --rebuild}
 * swaps in a new one. A searcher still in use by a request is closed when that request ends.
 */
public final class LiveIndex implements Closeable {
  /** How often {@code CURRENT} is read again: a swap is seen within a second, not read 200 times a second. */
  private static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

  private final Path dir;
  private final IndexLayout layout;
  private final long checkIntervalNanos;
  private Ref current;
  private long checkedAt;
  private boolean closed;

  public LiveIndex(Path dir) {
    this(dir, CHECK_INTERVAL_NANOS);
  }

  LiveIndex(Path dir, long checkIntervalNanos) {
    this.dir = dir;
    this.layout = new IndexLayout(dir);
    this.checkIntervalNanos = checkIntervalNanos;
  }

  /**
   * Runs {@code use} with the current searcher; {@link IndexException.Reason#NO_INDEX} when there is
   * no index yet.
   */
  public <T> T with(Function<ArticleSearcher, T> use) {
    Ref ref = acquire();
    try {
      return use.apply(ref.searcher);
    } finally {
      ref.release();
    }
  }

  private synchronized Ref acquire() {
    if (closed) throw new IllegalStateException("closed");
    long now = System.nanoTime();
    if (current == null || now - checkedAt >= checkIntervalNanos) {
      checkedAt = now;
      Optional<Path> gen = layout.current();
      boolean moved = gen.isPresent() && !gen.get().getFileName().equals(current == null ? null
          : current.searcher.generation().getFileName());
      if (current == null || moved) {
        try {
          Ref fresh = new Ref(ArticleSearcher.open(dir));
          if (current != null) current.release();
          current = fresh;
        } catch (IndexException e) {
          if (current == null) throw e; // no index yet; otherwise keep answering from the one open
        }
      }
    }
    current.refs.incrementAndGet();
    return current;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (current != null) current.release();
    current = null;
  }

  /** A searcher and its users; the holder's own reference is released when a newer generation replaces it. */
  private static final class Ref {
    final ArticleSearcher searcher;
    final AtomicInteger refs = new AtomicInteger(1);

    Ref(ArticleSearcher searcher) {
      this.searcher = searcher;
    }

    void release() {
      if (refs.decrementAndGet() == 0) {
        try {
          searcher.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
