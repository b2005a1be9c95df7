package org.spiparchiver.crawl;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spiparchiver.config.Config;
import org.spiparchiver.config.Version;
import org.spiparchiver.mirror.ArchiveOrigin;
import org.spiparchiver.mirror.ArchiveSite;
import org.spiparchiver.mirror.ArchiveSites;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.ArticleSource;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.mirror.SiteCopy;
import org.spiparchiver.mirror.SiteMove;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.mirror.MirrorLayout;

/**
 * One crawl of a site into its mirror, wired from the configuration: lock, WARC archive (repaired
 * if a crash cut it), crawl state, robots, politeness, HTTP client, crawl loop.
 */
public final class CrawlService {

  /**
   * @param delay the delay between requests for this run (config or --delay); robots Crawl-delay wins when larger
   * @param clock and {@code sleeper}: the system's, or fakes in tests
   * @param full re-verify every archived URL in this pass, whatever the revisit budget ({@code crawl --full})
   * @param rebuildState set crawl.db aside and rebuild it from the archive first ({@code crawl --rebuild-state})
   * @param movedFrom the site's old address when it moved ({@code crawl --site-moved}): the archive's URLs are
   *     re-based to the new one first; null when it did not
   */
  public record Options(Duration delay, Crawler.Limits limits, Clock clock, Politeness.Sleeper sleeper, CrawlListener listener,
      boolean full, boolean retryFailed, boolean rebuildState, URI movedFrom) {
    public Options(Duration delay, Crawler.Limits limits, Clock clock, Politeness.Sleeper sleeper, CrawlListener listener,
        boolean full, boolean retryFailed, boolean rebuildState) {
      this(delay, limits, clock, sleeper, listener, full, retryFailed, rebuildState, null);
    }

    public Options(Duration delay, Crawler.Limits limits, Clock clock, Politeness.Sleeper sleeper, CrawlListener listener,
        boolean full) {
      this(delay, limits, clock, sleeper, listener, full, false, false);
    }

    public Options(Duration delay, Crawler.Limits limits, Clock clock, Politeness.Sleeper sleeper, CrawlListener listener,
        boolean full, boolean retryFailed) {
      this(delay, limits, clock, sleeper, listener, full, retryFailed, false);
    }

    public static Options defaults(Config config) {
      return new Options(config.crawl().delay(), new Crawler.Limits(0, null), Clock.systemUTC(), Politeness.Sleeper.SYSTEM,
          CrawlListener.NONE, false);
    }
  }

  private final Config config;
  private final URI site;
  private final ArticleSource articles;
  private final Options options;
  private volatile Crawler crawler;
  private volatile boolean stopped;

  public CrawlService(Config config, URI site, ArticleSource articles, Options options) {
    this.config = config;
    this.site = site;
    this.articles = articles;
    this.options = options;
  }

  /** Stops the running crawl after the URL in flight. */
  public void stop() {
    stopped = true;
    Crawler c = crawler;
    if (c != null) c.stop();
  }

  /** The crawl of a one-site mirror ({@code paths.mirror}), under its lock. */
  @SuppressWarnings("try") // the lock is held for the block, not used in it
  public CrawlRun run() throws IOException, MirrorLock.Held {
    Path mirror = config.paths().mirror();
    try (MirrorLock lock = MirrorLock.acquire(mirror)) {
      RunReport.markRunning(mirror, options.clock().instant());
      return crawl(mirror);
    }
  }

  /**
   * The crawl of one site of the archive at {@code archive}, whose lock the caller holds; the site's
   * own mirror is {@code paths.mirror} (the archive's root, or {@code sites/<key>/} under its own lock
   * too, against a crawl pointed at it directly). The run's start marker and report are the
   * caller's, the archive's (one for a run over several sites).
   */
  @SuppressWarnings("try") // the lock is held for the block, not used in it
  public CrawlRun runInArchive(Path archive) throws IOException, MirrorLock.Held {
    Path mirror = config.paths().mirror();
    if (mirror.toAbsolutePath().normalize().equals(archive.toAbsolutePath().normalize())) return crawl(archive);
    try (MirrorLock lock = MirrorLock.acquire(mirror)) {
      return crawl(archive);
    }
  }

  /** The key of the site whose mirror is {@code mirror} in the archive (see {@link ArchiveSites}). */
  private String siteKey(Path archiveRoot, Path mirror) throws IOException {
    Path own = mirror.toAbsolutePath().normalize();
    return ArchiveSites.of(archiveRoot).stream().filter(s -> s.root().toAbsolutePath().normalize().equals(own))
        .map(ArchiveSite::key).findFirst().orElseGet(() -> ArchiveSites.keyOf(site));
  }

  /**
   * {@code crawl --site-moved}: the crawl state re-based in one transaction, then the article
   * records (each replaced atomically), and the new address recorded last, so that a run killed
   * midway leaves the move to do again by the next one (each step is idempotent). The WARC files
   * are the record: they keep every capture at the address it was made at. The offline copy's pages
   * are all redone at the end of the run, at the new address (the run marker says so to SiteCopy).
   */
  private String moveSite(Path mirror, CrawlState state, UrlRules rules) throws IOException {
    SiteMove move = SiteLinks.move(options.movedFrom(), rules);
    java.nio.file.Files.write(mirror.resolve(SiteCopy.RUN_MARKER), new byte[0]);
    int urls = state.rebase(move);
    int records = new ArticleRecords(mirror).rebase(move);
    ArchiveOrigin.record(mirror, site);
    return "site moved from " + move.from() + " to " + move.to() + ": " + urls + " URLs of crawl.db and " + records
        + " article records re-based (the WARC files keep the old addresses)";
  }

  private CrawlRun crawl(Path archiveRoot) throws IOException {
    Path mirror = config.paths().mirror();
    MirrorLayout layout = new MirrorLayout(mirror);
    Map<String, String> info = new LinkedHashMap<>();
    info.put("software", "spip-archiver/" + Version.get());
    info.put("isPartOf", site.toString());
    info.put("site", siteKey(archiveRoot, mirror));
    info.put("http-header-user-agent", config.userAgent());
    info.put("robots", "obey");
    info.put("description", "Capture of the SPIP site " + site);
    Path setAside = options.rebuildState() ? StateRebuild.setAside(layout, options.clock()) : null;
    boolean rebuild = options.rebuildState() || StateRebuild.needed(layout);
    try (WarcArchive archive = WarcArchive.open(layout.warcDir(), config.crawl().warcMaxSize(), options.clock(), info);
        CrawlState state = CrawlState.open(layout.crawlDb())) {
      if (archive.repairedBytes() > 0) {
        options.listener().info("WARC repair: cut an incomplete last record (" + archive.repairedBytes() + " bytes) left by an interrupted run");
      }
      for (WarcArchive.Damage d : archive.damaged()) options.listener().info(d.describe());
      UrlRules rules = new UrlRules(site, config.site().extraHosts());
      if (rebuild) {
        options.listener().info(StateRebuild.rebuild(layout, state, rules, setAside).describe());
        // The WARC files keep the addresses the site had when captured: the state names the current one.
        for (SiteMove move : SiteLinks.moves(mirror, rules)) state.rebase(move);
      }
      if (options.movedFrom() != null) options.listener().info(moveSite(mirror, state, rules));
      RobotsGate robots = new RobotsGate(config.userAgent());
      Politeness politeness = new Politeness(options.clock(), options.sleeper(), options.delay(),
          config.crawl().retryAfterCap(), state.hostTimes());
      try (HttpFetcher fetcher = new HttpFetcher(config, robots, politeness, archive, options.clock(),
          options.sleeper())) {
        Crawler c = new Crawler(new CrawlContext(rules, state, fetcher, robots, politeness, articles,
            new ArticleRecords(mirror), SiteCopy.open(archiveRoot, mirror, rules.root(), SiteLinks.of(rules),
            SiteLinks.moves(mirror, rules), config.crawl().maxBodySize()), options.clock(), options.listener(),
            config.crawl().maxConsecutiveFailures(), config.crawl().maxRedirects(),
            new Crawler.Recrawl(config.revisit(), options.full(), options.retryFailed())));
        crawler = c;
        if (stopped) c.stop();
        CrawlRun run = c.run(options.limits());
        run.warcRepairedBytes = archive.repairedBytes();
        // A damaged file set aside makes the run partial (exit 1): the operator must look at it.
        for (WarcArchive.Damage d : archive.damaged()) run.failures.add(new CrawlRun.Failure(d.file().toUri(), d.describe()));
        return run;
      }
    }
  }
}
