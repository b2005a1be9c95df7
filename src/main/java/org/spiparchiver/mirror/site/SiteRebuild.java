package org.spiparchiver.mirror.site;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
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
import org.spiparchiver.mirror.BodyLimit;
import org.spiparchiver.mirror.WarcPayloads;
import org.spiparchiver.mirror.MirrorLayout;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.mirror.SiteMove;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.mirror.WarcScan;
import org.spiparchiver.model.Article;

/**
 * {@code mirror --rebuild}: the offline copy regenerated from the WARC files alone, of every site of
 * the archive into the one shared {@code site/}. A first pass
 * reads the record headers to learn what is archived (the latest 200 content of each URL), a second
 * writes each URL's latest content into {@code site.new/}, which then replaces {@code site/} (a
 * reader never sees a half-built copy). Removed articles get their banner from their records.
 */
public final class SiteRebuild {
  private static final Logger log = LoggerFactory.getLogger(SiteRebuild.class);

  /**
   * What a rebuild did; {@code skipped}: the files not written because their body decodes beyond
   * crawl.max_body_size, one line each naming the URL (counted in {@code failed}).
   */
  public record Result(int records, int files, int pages, int failed, List<String> skipped) {}

  /** Told after each file written: {@code done} of {@code total}. */
  @FunctionalInterface
  public interface Progress {
    void step(int done, int total);
  }

  /**
   * One site to rebuild: its own mirror (the archive's root, or {@code sites/<key>/}), home page and URL
   * rules, and its moves from earlier addresses to the home page's (see {@link Captures}).
   */
  public record Source(Path root, URI home, Canonicalizer canonicalizer, List<SiteMove> moves) {
    public Source(Path root, URI home, Canonicalizer canonicalizer) {
      this(root, home, canonicalizer, List.of());
    }
  }

  private final Path mirror;
  private final List<Source> sources;
  private final long maxBody;

  /** The copy of the archive at {@code mirror}, from the WARC files of each of its sites; {@code maxBody}: crawl.max_body_size. */
  public SiteRebuild(Path mirror, List<Source> sources, long maxBody) {
    this.mirror = mirror;
    this.sources = List.copyOf(sources);
    this.maxBody = maxBody;
  }

  /** Takes the mirror lock; {@link MirrorLock.Held} while a crawl runs. */
  @SuppressWarnings("try") // the lock is held for the block, not used in it
  public Result run(Progress progress) throws IOException, MirrorLock.Held {
    try (MirrorLock lock = MirrorLock.acquire(mirror)) {
      List<Captures> views = new ArrayList<>();
      List<String> skipped = new ArrayList<>(); // a damaged WARC file first, named once by the scan
      int records = 0;
      int total = 0;
      for (Source source : sources) {
        Captures captures = new Captures(source.moves());
        records += scan(source, captures, skipped);
        total += captures.entries().size();
        views.add(captures);
      }
      Path fresh = mirror.resolve(SiteLayout.DIR + ".new");
      delete(fresh);
      Files.createDirectories(fresh);
      int[] done = {0, 0, skipped.size()}; // files, pages, failed
      for (int i = 0; i < sources.size(); i++) {
        Source source = sources.get(i);
        SiteWriter writer = new SiteWriter(source.root(), fresh, source.home(), source.canonicalizer(), views.get(i), maxBody);
        if (sources.size() > 1) writer.leaveIndexToArchive();
        write(source, views.get(i), writer, done, skipped, total, progress);
        markRemoved(source.root(), writer);
        writer.writeIndex();
      }
      SiteIndex.write(mirror, fresh);
      swap(fresh);
      // Everything is current: an interrupted crawl's pages need no redoing any more.
      for (Source source : sources) Files.deleteIfExists(source.root().resolve(SiteLayout.RUN_MARKER));
      return new Result(records, done[0], done[1], done[2], List.copyOf(skipped));
    }
  }

  /** First pass: what the site's WARC files hold, the latest 200 content of each URL. */
  private static int scan(Source source, Captures captures, List<String> damaged) throws IOException {
    int records = 0;
    for (Path file : WarcArchive.files(new MirrorLayout(source.root()).warcDir())) {
      try (WarcReader reader = new WarcReader(file)) {
        try {
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
        } catch (IOException | java.io.UncheckedIOException e) {
          if (!WarcScan.isDamage(e)) throw e;
          damaged.add(WarcScan.damagedLine(file, reader.position(), e, "the captures after it were left out of the copy"));
        }
      }
    }
    return records;
  }

  /** Second pass: each URL's latest content written; {@code done} counts files, pages and failures. */
  private void write(Source source, Captures captures, SiteWriter writer, int[] done, List<String> skipped, int total,
      Progress progress) throws IOException {
    for (Path file : WarcArchive.files(new MirrorLayout(source.root()).warcDir())) {
      try (WarcReader reader = new WarcReader(file)) {
        write(file, reader, captures, writer, done, skipped, total, progress);
      } catch (IOException | java.io.UncheckedIOException e) {
        if (!WarcScan.isDamage(e)) throw e; // else named by the scan: the captures after the damage are not shown
      }
    }
  }

  private void write(Path file, WarcReader reader, Captures captures, SiteWriter writer, int[] done, List<String> skipped,
      int total, Progress progress) throws IOException {
    String name = file.getFileName().toString();
    for (WarcRecord rec : reader) {
      if (!(rec instanceof WarcResponse resp)) continue;
      long offset = reader.position();
      Optional<Captures.Entry> e = captures.get(resp.targetURI());
      if (e.isEmpty() || !name.equals(e.get().warcFile()) || e.get().offset() != offset) continue;
      try {
        writer.write(e.get(), WarcPayloads.of(resp, maxBody));
        done[0]++;
        if (SiteWriter.isHtml(e.get().mediaType())) done[1]++;
      } catch (BodyLimit.Exceeded ex) {
        done[2]++;
        skipped.add(BodyLimit.skippedLine(resp.targetURI(), ex));
      } catch (IOException | RuntimeException ex) {
        done[2]++;
        if (WarcScan.isDamage(ex)) {
          skipped.add(WarcScan.damagedLine(file, offset, ex, resp.targetURI() + " was left out of the copy"));
        } else {
          log.warn("offline copy of {} not written: {}", resp.targetURI(), ex.toString());
        }
      }
      progress.step(done[0] + done[2], total);
    }
  }

  private static void markRemoved(Path root, SiteWriter writer) throws IOException {
    ArticleRecords recs = new ArticleRecords(root);
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
