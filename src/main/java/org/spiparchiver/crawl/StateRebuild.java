package org.spiparchiver.crawl;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcCaptureRecord;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.MirrorLayout;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.model.Article;

/**
 * Rebuilds {@code crawl.db} from the archive ({@code crawl --rebuild-state}, or a deleted
 * {@code crawl.db}): per URL its latest capture in the WARC files (status, payload digest,
 * ETag / Last-Modified, fetch time, WARC file and offset), its kind and SPIP id by the URL rules,
 * and the articles' publication dates from their records. What the WARC files cannot tell (failed
 * URLs, listing digests, signals) is learnt again by the next passes; nothing archived is fetched
 * again as new.
 */
final class StateRebuild {
  /** What a rebuild found. */
  record Result(int urls, int warcFiles, Path setAside) {
    String describe() {
      return "crawl.db " + (setAside == null ? "missing" : "set aside as " + setAside.getFileName())
          + ": rebuilt from the archive (" + urls + " URLs from " + warcFiles + " WARC files)";
    }
  }

  private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private StateRebuild() {}

  /** True when a run must rebuild the state by itself: no crawl.db, but WARC files to rebuild it from. */
  static boolean needed(MirrorLayout layout) throws IOException {
    return !Files.exists(layout.crawlDb()) && !WarcArchive.files(layout.warcDir()).isEmpty();
  }

  /**
   * {@code crawl --rebuild-state}: moves the crawl.db (and its WAL files) aside as
   * {@code crawl.db.damaged-<time>}, never deleting it; the file set aside, or null when there was none.
   */
  static Path setAside(MirrorLayout layout, Clock clock) throws IOException {
    Path db = layout.crawlDb();
    if (!Files.exists(db)) return null;
    Path aside = db.resolveSibling(db.getFileName() + ".damaged-" + ASIDE_STAMP.format(clock.instant()));
    Files.move(db, aside, StandardCopyOption.ATOMIC_MOVE);
    for (String suffix : new String[] {"-wal", "-shm"}) {
      Path side = db.resolveSibling(db.getFileName() + suffix);
      if (Files.exists(side)) Files.move(side, aside.resolveSibling(aside.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
    }
    return aside;
  }

  private record Capture(URI url, Instant date, int status, String digest, String etag, String lastModified, String file,
      long offset, URI responseId) {}

  /** Fills the (empty) {@code state} from the WARC files and article records of {@code layout}. */
  static Result rebuild(MirrorLayout layout, CrawlState state, UrlRules rules, Path setAside) throws IOException {
    List<Capture> captures = new ArrayList<>();
    List<Path> files = WarcArchive.files(layout.warcDir());
    for (Path f : files) scan(f, captures);
    captures.sort(Comparator.comparing(Capture::date)); // stable: file order for equal times
    Map<URI, CrawlTarget> seeds = new HashMap<>();
    seeds.put(rules.robots().url(), rules.robots());
    for (CrawlTarget t : rules.seeds()) seeds.put(t.url(), t);
    Set<URI> urls = new HashSet<>();
    state.transaction(() -> {
      // Each capture in time order, as the crawl recorded it: the state ends at each URL's latest one,
      // a 304 keeping the capture that holds the content, two 404s in a row counting as such.
      for (Capture l : captures) {
        if (state.discover(target(l.url(), seeds, rules), l.date(), null, 0)) urls.add(l.url());
        boolean notModified = l.status() == 304;
        state.recordFetch(l.url(), new CrawlState.FetchRecord(l.status(), l.status() == 200 ? l.digest() : null, l.etag(),
            l.lastModified(), l.date(), notModified ? null : l.file(), notModified ? 0 : l.offset(), null, false, l.responseId()));
      }
    });
    ArticleRecords records = new ArticleRecords(layout.root());
    for (int id : records.ids()) {
      Optional<Article> a = records.read(id);
      if (a.isPresent() && a.get().published() != null && a.get().url() != null) {
        state.setPublished(rules.article(id).url(), ArticlePages.publishedInstant(a.get().published()));
      }
    }
    return new Result(urls.size(), files.size(), setAside);
  }

  /** The URL's kind by the URL rules; a URL they no longer accept (a requisite, a redirect's target) stays a requisite. */
  private static CrawlTarget target(URI url, Map<URI, CrawlTarget> seeds, UrlRules rules) {
    CrawlTarget seed = seeds.get(url);
    if (seed != null) return seed;
    UrlRules.Decision d = rules.decide(url, UrlRules.Role.EMBED);
    return d.accepted() && d.target().url().equals(url) ? d.target() : new CrawlTarget(url, UrlKind.REQUISITE, null);
  }

  private static void scan(Path file, List<Capture> captures) throws IOException {
    String name = file.getFileName().toString();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); WarcReader reader = new WarcReader(ch)) {
      reader.onWarning(w -> { }); // damage is verify's business: the records before it still count
      while (true) {
        Optional<WarcRecord> next;
        try {
          next = reader.next();
        } catch (IOException | RuntimeException e) {
          return; // a torn or damaged end: what was read stands
        }
        if (next.isEmpty()) return;
        WarcRecord r = next.get();
        if (!(r instanceof WarcResponse || r instanceof WarcRevisit)) continue;
        long offset = reader.position();
        WarcCaptureRecord c = (WarcCaptureRecord) r;
        HttpResponse http = r instanceof WarcResponse resp ? resp.http() : ((WarcRevisit) r).http();
        URI url = c.targetURI();
        captures.add(new Capture(url, c.date(), http.status(), c.payloadDigest().map(d -> d.algorithm() + ":" + d.base32()).orElse(null),
            http.headers().first("ETag").orElse(null), http.headers().first("Last-Modified").orElse(null), name, offset,
            r instanceof WarcResponse && http.status() == 200 ? r.id() : null));
      }
    }
  }
}
