package org.spiparchiver.crawl;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.spiparchiver.config.Config;
import org.spiparchiver.extract.ArticleExtractor;
import org.spiparchiver.mirror.HtmlPages;
import org.spiparchiver.extract.PageResult;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.model.Article;

/**
 * {@code probe}: before archiving a site (or to notice that it changed its theme), fetches
 * robots.txt, the home page and a few article pages with the crawl's own HTTP client, robots
 * rules and delay, and says what the extractor finds on each. Writes nothing to the mirror: the
 * HTTP client's WARC records go to a temporary directory removed at the end.
 */
public final class SiteProbe {
  /** Listing pages (rubriques) read to find articles when the home page links to fewer than the sample. */
  static final int MAX_LISTINGS = 3;
  /** The fields reported per article; the first three must be found for the probe to pass. */
  public static final List<String> FIELDS = List.of(
      "title", "published", "text", "lang", "surtitle", "subtitle", "authors", "issue", "rubrique_path", "images");
  public static final List<String> REQUIRED = List.of("title", "published", "text");

  /** What the probe found on one sampled article page. */
  public record ArticleProbe(String url, Integer id, String template, List<String> found, List<String> missing,
      List<String> warnings, String note) {
    public boolean complete() {
      return missing.stream().noneMatch(REQUIRED::contains) && note == null;
    }
  }

  public enum Outcome { OK, INCOMPLETE, UNREACHABLE }

  /** The probe's result: per article, and why it stopped when it did. */
  public record Result(Outcome outcome, String reason, String site, long delayMillis, List<ArticleProbe> articles) {}

  private final Config config;
  private final URI site;
  private final Duration delay;
  private final Clock clock;
  private final Politeness.Sleeper sleeper;
  private final ArticleExtractor extractor;

  public SiteProbe(Config config, URI site, Duration delay, Clock clock, Politeness.Sleeper sleeper) {
    this.config = config;
    this.site = site;
    this.delay = delay;
    this.clock = clock;
    this.sleeper = sleeper;
    this.extractor = new ArticleExtractor(config.extraction());
  }

  public Result run(int sample) throws IOException {
    if (sample < 1) throw new IllegalArgumentException("sample must be at least 1");
    UrlRules rules = new UrlRules(site, config.site().extraHosts());
    RobotsGate robots = new RobotsGate(config.userAgent());
    Politeness politeness = new Politeness(clock, sleeper, delay, config.crawl().retryAfterCap(), new Politeness.HostTimes() {
      private final Map<String, Instant> times = new LinkedHashMap<>();

      @Override
      public Optional<Instant> load(String host) {
        return Optional.ofNullable(times.get(host));
      }

      @Override
      public void save(String host, Instant next) {
        times.put(host, next);
      }
    });
    Path scratch = Files.createTempDirectory("spip-archiver-probe-");
    try (WarcArchive archive = WarcArchive.open(scratch, config.crawl().warcMaxSize(), clock, Map.of());
        HttpFetcher fetcher = new HttpFetcher(config, robots, politeness, archive, clock, sleeper)) {
      return probe(rules, robots, politeness, fetcher, sample);
    } finally {
      deleteTree(scratch);
    }
  }

  private Result probe(UrlRules rules, RobotsGate robots, Politeness politeness, HttpFetcher fetcher, int sample) {
    String host = rules.root().getRawAuthority();
    URI robotsUrl = rules.robots().url();
    long delayMs = delay.toMillis();
    try {
      HttpFetcher.Result r = fetcher.fetch(robotsUrl, null, null, null);
      robots.load(host, robotsUrl, r.status(), r.decoded(), r.header("Content-Type").orElse(null));
      Optional<Duration> crawlDelay = robots.crawlDelay(host);
      if (crawlDelay.isPresent()) {
        politeness.setCrawlDelay(host, crawlDelay.get());
        politeness.pause(host, crawlDelay.get());
      }
      delayMs = politeness.delay(host).toMillis();
      if (r.status() >= 500) {
        return new Result(Outcome.UNREACHABLE, "robots.txt answered HTTP " + r.status() + " (RFC 9309: nothing may be fetched)",
            site.toString(), delayMs, List.of());
      }
      if (robots.allowsNothing(host) || !robots.allowed(rules.root())) {
        return new Result(Outcome.UNREACHABLE, "robots.txt of " + host + " disallows the site for this user agent",
            site.toString(), delayMs, List.of());
      }
      List<URI> articles = articleUrls(rules, robots, fetcher, sample);
      if (articles.isEmpty()) {
        return new Result(Outcome.INCOMPLETE, "no article link found on the home page or its first rubriques", site.toString(), delayMs, List.of());
      }
      List<ArticleProbe> probes = new ArrayList<>();
      for (URI u : articles) probes.add(article(fetcher, u));
      boolean complete = probes.stream().allMatch(ArticleProbe::complete);
      return new Result(complete ? Outcome.OK : Outcome.INCOMPLETE, complete ? null : "some articles lack a title, date or text",
          site.toString(), delayMs, probes);
    } catch (Politeness.PauseTooLong e) {
      return new Result(Outcome.INCOMPLETE, e.getMessage(), site.toString(), delayMs, List.of());
    } catch (IOException e) {
      return new Result(Outcome.UNREACHABLE, "site unreachable: " + Crawler.describe(e), site.toString(), delayMs, List.of());
    } catch (HttpFetcher.UndecodableBody e) {
      // robots.txt or a listing that its Content-Encoding does not decode: as the crawl, nothing is read from it.
      return new Result(Outcome.UNREACHABLE, "site unreachable: " + e.getMessage(), site.toString(), delayMs, List.of());
    }
  }

  /** Article URLs linked from the home page, then from its first rubriques, in link order, at most {@code sample}. */
  private List<URI> articleUrls(UrlRules rules, RobotsGate robots, HttpFetcher fetcher, int sample) throws IOException {
    Set<URI> articles = new LinkedHashSet<>();
    List<URI> listings = new ArrayList<>();
    Page home = page(rules, fetcher, rules.root());
    if (home == null) throw new IOException("the home page " + rules.root() + " did not answer 200");
    collect(rules, robots, home, articles, listings);
    for (int i = 0; i < listings.size() && i < MAX_LISTINGS && articles.size() < sample; i++) {
      Page listing = page(rules, fetcher, listings.get(i));
      if (listing != null) collect(rules, robots, listing, articles, new ArrayList<>());
    }
    return articles.stream().limit(sample).toList();
  }

  private record Page(URI url, byte[] body, String contentType) {}

  /** A page fetched with the crawl's client, following redirects within the site; null unless it ends in 200. */
  private Page page(UrlRules rules, HttpFetcher fetcher, URI url) throws IOException {
    URI current = url;
    for (int hop = 0; hop <= config.crawl().maxRedirects(); hop++) {
      HttpFetcher.Result r = fetcher.fetch(current, null, null, null);
      if (r.status() == 200) return new Page(current, r.decoded(), r.header("Content-Type").orElse(null));
      Optional<String> location = r.header("Location");
      if (r.status() / 100 != 3 || location.isEmpty()) return null;
      UrlRules.Decision d = rules.decide(current, location.get(), UrlRules.Role.NAVIGATION);
      if (!d.accepted()) return null;
      current = d.target().url();
    }
    return null;
  }

  private static void collect(UrlRules rules, RobotsGate robots, Page page, Set<URI> articles, List<URI> listings) {
    Document doc = Links.parseHtml(page.body(), page.contentType(), page.url());
    for (Links.Link l : Links.html(doc)) {
      if (l.role() != UrlRules.Role.NAVIGATION) continue;
      UrlRules.Decision d = rules.decide(null, l.href(), UrlRules.Role.NAVIGATION);
      if (!d.accepted() || !robots.allowed(d.target().url())) continue;
      if (d.target().kind() == UrlKind.ARTICLE) articles.add(d.target().url());
      else if (d.target().kind() == UrlKind.RUBRIQUE && !listings.contains(d.target().url())) listings.add(d.target().url());
    }
  }

  private ArticleProbe article(HttpFetcher fetcher, URI url) {
    HttpFetcher.Result r;
    try {
      r = fetcher.fetch(url, null, null, null);
    } catch (IOException e) {
      return new ArticleProbe(url.toString(), null, null, List.of(), FIELDS, List.of(), "not fetched: " + Crawler.describe(e));
    }
    if (r.status() != 200) return new ArticleProbe(url.toString(), null, null, List.of(), FIELDS, List.of(), "HTTP " + r.status());
    byte[] body;
    try {
      body = r.decoded();
    } catch (HttpFetcher.UndecodableBody e) {
      return new ArticleProbe(url.toString(), null, null, List.of(), FIELDS, List.of(), e.getMessage());
    }
    HtmlPages.Page page = HtmlPages.parse(body, r.header("Content-Type").orElse(null), url);
    if (page instanceof HtmlPages.TooComplex tc) {
      return new ArticleProbe(url.toString(), null, null, List.of(), FIELDS, List.of(), tc.reason());
    }
    PageResult result = extractor.extract((HtmlPages.Parsed) page, url);
    if (!(result instanceof PageResult.ArticlePage ap)) {
      return new ArticleProbe(url.toString(), null, null, List.of(), FIELDS, List.of(),
          "not an article: " + ((PageResult.OtherPage) result).description());
    }
    Article a = ap.article();
    Map<String, Boolean> has = new LinkedHashMap<>();
    has.put("title", a.title() != null);
    has.put("published", a.published() != null);
    has.put("text", a.text() != null || a.chapo() != null);
    has.put("lang", a.lang() != null);
    has.put("surtitle", a.surtitle() != null);
    has.put("subtitle", a.subtitle() != null);
    has.put("authors", !a.authors().isEmpty());
    has.put("issue", a.issue() != null);
    has.put("rubrique_path", !a.rubriquePath().isEmpty());
    has.put("images", !a.images().isEmpty());
    List<String> found = FIELDS.stream().filter(has::get).toList();
    List<String> missing = FIELDS.stream().filter(f -> !has.get(f)).toList();
    return new ArticleProbe(url.toString(), a.id(), a.extraction().template(), found, missing, a.extraction().warnings(), null);
  }


  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind holds only the probe's own captures.
    }
  }
}
