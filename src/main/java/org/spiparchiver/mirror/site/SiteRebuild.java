package org.spiparchiver.mirror.site;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.model.Article;

/**
 * {@code mirror --rebuild}: the offline copy regenerated from the WARC files alone. A first pass
 * reads the record headers to learn what is archived (the latest 200 content of each URL), a second
 * writes each URL's latest content into {@code site.new/}, which then replaces {@code site/} (a
 * reader never sees a half-built copy). Removed articles get their banner from their records.
 */
public final class SiteRebuild {
  private static final Logger log = LoggerFactory.getLogger(SiteRebuild.class);

  /** What a rebuild did. */
  public record Result(int records, int files, int pages, int failed) {}

  /** Told after each file written: {@code done} of {@code total}. */
  @FunctionalInterface
  public interface Progress {
    void step(int done, int total);
  }

  private final Path mirror;
  private final URI home;
  private final Canonicalizer canonicalizer;

  public SiteRebuild(Path mirror, URI home, Canonicalizer canonicalizer) {
    this.mirror = mirror;
    this.home = home;
    this.canonicalizer = canonicalizer;
  }

  /** Takes the mirror lock; {@link MirrorLock.Held} while a crawl runs. */
  @SuppressWarnings("try") // the lock is held for the block, not used in it
  public Result run(Progress progress) throws IOException, MirrorLock.Held {
    try (MirrorLock lock = MirrorLock.acquire(mirror)) {
      List<Path> warcs = WarcArchive.files(new org.spiparchiver.mirror.MirrorLayout(mirror).warcDir());
      Captures captures = new Captures();
      int records = 0;
      for (Path file : warcs) {
        try (WarcReader reader = new WarcReader(file)) {
          for (WarcRecord rec : reader) {
            if (rec instanceof WarcResponse resp && resp.http().status() == 200) {
              records++;
              captures.response(resp.targetURI(), resp.http().contentType().base().toString(), file.getFileName().toString(),
                  reader.position(), resp.date());
            } else if (rec instanceof WarcRevisit rev && rev.http().status() == 200) {
              records++;
              captures.revisit(rev.targetURI(), rev.date());
            }
          }
        }
      }
      Path fresh = mirror.resolve(SiteLayout.DIR + ".new");
      delete(fresh);
      Files.createDirectories(fresh);
      SiteWriter writer = new SiteWriter(mirror, fresh, home, canonicalizer, captures);
      int total = captures.entries().size();
      int files = 0;
      int pages = 0;
      int failed = 0;
      for (Path file : warcs) {
        String name = file.getFileName().toString();
        try (WarcReader reader = new WarcReader(file)) {
          for (WarcRecord rec : reader) {
            if (!(rec instanceof WarcResponse resp)) continue;
            long offset = reader.position();
            Optional<Captures.Entry> e = captures.get(resp.targetURI());
            if (e.isEmpty() || !name.equals(e.get().warcFile()) || e.get().offset() != offset) continue;
            try {
              writer.write(e.get(), WarcPayloads.of(resp));
              files++;
              if (SiteWriter.isHtml(e.get().mediaType())) pages++;
            } catch (IOException | RuntimeException ex) {
              failed++;
              log.warn("offline copy of {} not written: {}", resp.targetURI(), ex.toString());
            }
            progress.step(files + failed, total);
          }
        }
      }
      markRemoved(writer);
      writer.writeIndex();
      swap(fresh);
      // Everything is current: an interrupted crawl's pages need no redoing any more.
      Files.deleteIfExists(mirror.resolve(SiteLayout.RUN_MARKER));
      return new Result(records, files, pages, failed);
    }
  }

  private void markRemoved(SiteWriter writer) throws IOException {
    ArticleRecords recs = new ArticleRecords(mirror);
    for (int id : recs.ids()) {
      Optional<Article> a;
      try {
        a = recs.read(id);
      } catch (IOException e) {
        continue; // an unreadable record: its page simply has no banner
      }
      if (a.isPresent() && a.get().removedAt() != null && a.get().url() != null) {
        writer.markRemoved(URI.create(a.get().url()), a.get().removedAt());
      }
    }
  }

  /** {@code site.new} becomes {@code site}; the previous copy is deleted after the switch. */
  private void swap(Path fresh) throws IOException {
    Path site = mirror.resolve(SiteLayout.DIR);
    Path old = mirror.resolve(SiteLayout.DIR + ".old");
    delete(old);
    if (Files.exists(site)) Files.move(site, old, StandardCopyOption.ATOMIC_MOVE);
    Files.move(fresh, site, StandardCopyOption.ATOMIC_MOVE);
    delete(old);
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
