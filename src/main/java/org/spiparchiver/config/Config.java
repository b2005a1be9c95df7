package org.spiparchiver.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The whole configuration, as read from {@code config.yaml} (keys in snake_case). Every section and
 * key is optional; the defaults are those documented here and in the shipped {@code config.yaml}.
 */
public record Config(
    Site site,
    String userAgent,
    Paths paths,
    Crawl crawl,
    Revisit revisit,
    Extraction extraction,
    List<SiteEntry> sites) {

  public static final String DEFAULT_USER_AGENT =
      "spip-archiver/" + Version.get() + " (+https://github.com/spip-archiver/spip-archiver)";

  public Config {
    site = site == null ? new Site(null, null) : site;
    userAgent = userAgent == null || userAgent.isBlank() ? DEFAULT_USER_AGENT : userAgent.trim();
    paths = paths == null ? new Paths(null, null) : paths;
    crawl = crawl == null ? Crawl.defaults() : crawl;
    revisit = revisit == null ? Revisit.defaults() : revisit;
    extraction = extraction == null ? new Extraction(null, null) : extraction;
    sites = sites == null ? List.of() : List.copyOf(sites);
    if (site.url() != null && !sites.isEmpty()) {
      throw new BadKey("sites", "site", "give either site (one site) or sites (a list), not both");
    }
    for (int i = 0; i < sites.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (sites.get(i).url().equals(sites.get(j).url())) {
          throw new BadKey("sites[" + i + "].url", "sites[" + j + "].url", sites.get(i).url() + " is listed twice");
        }
        String name = sites.get(i).name();
        if (name != null && name.equals(sites.get(j).name())) {
          throw new BadKey("sites[" + i + "].name", "sites[" + j + "].name", "the name " + name + " is given twice");
        }
      }
    }
  }

  /** The one site of {@code site:}, or the first of {@code sites:} (for what is about one site, such as probe). */
  @Override
  public Site site() {
    return site.url() == null && !sites.isEmpty() ? new Site(sites.get(0).url(), sites.get(0).extraHosts()) : site;
  }

  /** A configuration of one site or none ({@code site:}), as before {@code sites:} existed. */
  public Config(Site site, String userAgent, Paths paths, Crawl crawl, Revisit revisit, Extraction extraction) {
    this(site, userAgent, paths, crawl, revisit, extraction, null);
  }

  public static Config defaults() {
    return new Config(null, null, null, null, null, null);
  }

  public Config withSite(URI url) {
    return new Config(new Site(url, site.extraHosts()), userAgent, paths, crawl, revisit, extraction, null);
  }

  /**
   * The sites {@code --site} gives (one or more), in place of the configuration's: an entry of
   * {@code sites:} with the same URL keeps its name and overrides; one URL alone works as
   * {@link #withSite}.
   */
  public Config withSites(List<URI> urls) {
    if (urls.size() == 1 && crawlSites().stream().noneMatch(e -> e.url().equals(normalised(urls.get(0))))) {
      return withSite(urls.get(0));
    }
    List<SiteEntry> entries = new java.util.ArrayList<>();
    for (URI u : urls) {
      URI n = normalised(u);
      entries.add(crawlSites().stream().filter(e -> e.url().equals(n)).findFirst()
          .orElseGet(() -> new SiteEntry(n, site.extraHosts(), null, null, null)));
    }
    return new Config(new Site(null, null), userAgent, paths, crawl, revisit, extraction, entries);
  }

  private static URI normalised(URI url) {
    return new Site(url, null).url();
  }

  /** The sites to crawl: the {@code sites:} list, or the one {@code site:}, or none. */
  public List<SiteEntry> crawlSites() {
    if (!sites.isEmpty()) return sites;
    return site.url() == null ? List.of() : List.of(new SiteEntry(site.url(), site.extraHosts(), null, null, null));
  }

  /**
   * The configuration one site's crawl runs with: that site, its extraction and delay overrides,
   * and {@code mirror} (the site's own mirror directory in the archive).
   */
  public Config forSite(SiteEntry e, Path mirror) {
    Crawl c = e.crawl() == null || e.crawl().delay() == null ? crawl : crawl.withDelay(e.crawl().delay());
    return new Config(new Site(e.url(), e.extraHosts()), userAgent, new Paths(mirror, paths.index()), c, revisit,
        e.extraction() == null ? extraction : e.extraction(), null);
  }

  public Config withMirror(Path mirror) {
    return new Config(site, userAgent, new Paths(mirror, paths.index()), crawl, revisit, extraction, sites);
  }

  public Config withIndex(Path index) {
    return new Config(site, userAgent, new Paths(paths.mirror(), index), crawl, revisit, extraction, sites);
  }

  /**
   * One site of {@code sites:}: the keys of {@code site:} plus a name and overrides.
   *
   * @param name the site's key in the archive ({@code divergences2}); null to take it from the host
   * @param extraction this site's extraction settings, in place of the top-level section
   * @param crawl this site's crawl overrides (its delay)
   */
  public record SiteEntry(URI url, List<String> extraHosts, String name, Extraction extraction, SiteCrawl crawl) {
    /** A site key, as {@code model.ArticleKey.SITE_KEY} has it. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    public SiteEntry {
      if (url == null) throw new IllegalArgumentException("url is required for each site of sites");
      Site checked;
      try {
        checked = new Site(url, extraHosts);
      } catch (IllegalArgumentException e) { // "url ..." so that the loader names the url's own line
        throw new IllegalArgumentException("url " + e.getMessage()); // not chained: the loader reads the innermost cause
      }
      url = checked.url();
      extraHosts = checked.extraHosts();
      if (name != null && !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("name '" + name + "' must be lower-case letters, digits, '.', '_' or '-'");
      }
    }
  }

  /** A site's own crawl settings. */
  public record SiteCrawl(Duration delay) {
    public SiteCrawl {
      if (delay != null && (delay.isNegative() || delay.isZero())) throw new IllegalArgumentException("delay must be positive");
    }
  }

  /**
   * @param url the site's root, e.g. {@code https://divergences.be/}
   * @param extraHosts other hosts whose files may be archived (e.g. a CDN serving {@code IMG/})
   */
  public record Site(URI url, List<String> extraHosts) {
    public Site {
      if (url != null) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
          throw new IllegalArgumentException("'" + url + "' is not an http(s) URL");
        }
        if (url.getPort() > MAX_PORT) {
          throw new IllegalArgumentException("'" + url + "': port " + url.getPort() + " is out of range (1-" + MAX_PORT + ")");
        }
        if (url.getPath() == null || url.getPath().isEmpty()) url = url.resolve("/");
        String system = systemDirectory(url.getPath());
        if (system != null) {
          throw new IllegalArgumentException("'" + url + "' is inside SPIP's " + system + "/ directory, not the site's root: "
              + "give the address of the site's home page, e.g. " + url.resolve(url.getPath().substring(0,
                  url.getPath().indexOf("/" + system + "/") + 1)));
        }
        // A page (spip.php?article1, ?page=plan): the crawl would start from its folder, but the archive would
        // record the page as its site, and the same site given by its root would then be "another site".
        if (url.getRawQuery() != null) {
          throw new IllegalArgumentException("'" + url + "' is a page of the site, not its root: "
              + "give the address of the site's home page, e.g. " + url.resolve("./"));
        }
      }
      extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    }
  }

  /** Highest TCP port. */
  static final int MAX_PORT = 65535;

  /**
   * SPIP's own directories: a site URL inside one (say {@code …/ecrire/}, the private area) is a
   * mistake, since the crawl is confined below the site URL and would archive nothing public.
   */
  static final List<String> SPIP_DIRECTORIES =
      List.of("ecrire", "prive", "IMG", "local", "squelettes", "squelettes-dist", "plugins", "plugins-dist", "config", "tmp");

  static String systemDirectory(String path) {
    for (String segment : path.split("/")) {
      if (SPIP_DIRECTORIES.contains(segment)) return segment;
    }
    return null;
  }

  /** Where the archive and the index live; relative paths are resolved against the working directory. */
  public record Paths(Path mirror, Path index) {
    public Paths {
      mirror = mirror == null ? Path.of("mirror") : mirror;
      index = index == null ? Path.of("index") : index;
    }
  }

  /**
   * @param delay pause between the end of one response and the next request to the same host
   *     (robots.txt Crawl-delay wins when larger)
   * @param maxTries tries per URL per run before it is recorded as failed until the next run
   * @param maxConsecutiveFailures failures in a row after which the run stops: the site is down
   * @param retryAfterCap longest Retry-After honoured; a longer one stops the run (exit 1)
   * @param maxBodySize larger bodies are abandoned and recorded, never loaded into memory
   * @param warcMaxSize WARC files are rotated past this size
   * @param requestDeadline longest time one request may take from connection to last body byte,
   *     whatever the read timeout (a server dripping a byte at a time is cut off)
   */
  public record Crawl(
      Duration delay,
      Integer maxTries,
      Integer maxConsecutiveFailures,
      Duration retryAfterCap,
      Duration connectTimeout,
      Duration readTimeout,
      Long maxBodySize,
      Integer maxRedirects,
      Long warcMaxSize,
      Duration requestDeadline,
      Integer parallelHosts) {

    public Crawl {
      delay = positiveOrDefault(delay, Duration.ofSeconds(1), "delay", true);
      maxTries = atLeastOne(maxTries, 3, "max_tries");
      maxConsecutiveFailures = atLeastOne(maxConsecutiveFailures, 10, "max_consecutive_failures");
      retryAfterCap = positiveOrDefault(retryAfterCap, Duration.ofMinutes(10), "retry_after_cap", false);
      connectTimeout = positiveOrDefault(connectTimeout, Duration.ofSeconds(10), "connect_timeout", false);
      readTimeout = positiveOrDefault(readTimeout, Duration.ofSeconds(30), "read_timeout", false);
      maxBodySize = positiveOrDefault(maxBodySize, 20L << 20, "max_body_size");
      maxRedirects = maxRedirects == null ? 5 : maxRedirects;
      if (maxRedirects < 0) throw new IllegalArgumentException("max_redirects must be 0 or more");
      warcMaxSize = positiveOrDefault(warcMaxSize, 1L << 30, "warc_max_size");
      requestDeadline = positiveOrDefault(requestDeadline, Duration.ofMinutes(2), "request_deadline", false);
      parallelHosts = atLeastOne(parallelHosts, DEFAULT_PARALLEL_HOSTS, "parallel_hosts");
    }

    /** Sites crawled at once by default: a small fixed pool (each site has its own hosts, one request in flight each). */
    static final int DEFAULT_PARALLEL_HOSTS = 4;

    /** Without parallel_hosts (its default applies). */
    public Crawl(Duration delay, Integer maxTries, Integer maxConsecutiveFailures, Duration retryAfterCap,
        Duration connectTimeout, Duration readTimeout, Long maxBodySize, Integer maxRedirects, Long warcMaxSize,
        Duration requestDeadline) {
      this(delay, maxTries, maxConsecutiveFailures, retryAfterCap, connectTimeout, readTimeout, maxBodySize, maxRedirects,
          warcMaxSize, requestDeadline, null);
    }

    Crawl withDelay(Duration d) {
      return new Crawl(d, maxTries, maxConsecutiveFailures, retryAfterCap, connectTimeout, readTimeout, maxBodySize,
          maxRedirects, warcMaxSize, requestDeadline, parallelHosts);
    }

    /** Without request_deadline (its default applies): the form used before that key existed. */
    public Crawl(Duration delay, Integer maxTries, Integer maxConsecutiveFailures, Duration retryAfterCap,
        Duration connectTimeout, Duration readTimeout, Long maxBodySize, Integer maxRedirects, Long warcMaxSize) {
      this(delay, maxTries, maxConsecutiveFailures, retryAfterCap, connectTimeout, readTimeout, maxBodySize, maxRedirects,
          warcMaxSize, null, null);
    }

    static Crawl defaults() {
      return new Crawl(null, null, null, null, null, null, null, null, null, null, null);
    }
  }

  /**
   * The re-crawl policy of a cron run.
   *
   * @param maxAge every archived article is re-verified at least this often
   * @param budget at most this many re-verification requests per run
   * @param recentAge articles published within this age count as recent
   * @param recentMaxAge recent articles are re-verified at least this often
   * @param recentListings listings of the most recent issues and rubriques fetched every run
   */
  public record Revisit(Duration maxAge, Integer budget, Duration recentAge, Duration recentMaxAge, Integer recentListings) {
    public Revisit {
      maxAge = positiveOrDefault(maxAge, Duration.ofDays(30), "max_age", false);
      budget = budget == null ? 200 : budget;
      if (budget < 0) throw new IllegalArgumentException("budget must be 0 or more");
      recentAge = positiveOrDefault(recentAge, Duration.ofDays(60), "recent_age", false);
      recentMaxAge = positiveOrDefault(recentMaxAge, Duration.ofDays(7), "recent_max_age", false);
      recentListings = atLeastOne(recentListings, 5, "recent_listings");
    }

    static Revisit defaults() {
      return new Revisit(null, null, null, null, null);
    }
  }

  /** Whether a person-like surtitle becomes the author. */
  public enum SurtitleAuthors { AUTO, ALWAYS, NEVER }

  /**
   * @param issuePattern regex matched against rubrique titles; named groups {@code number} and
   *     optionally {@code year}; months are read from the whole title
   * @param surtitleAsAuthor {@code auto}: when the surtitle looks like personal names
   */
  public record Extraction(Pattern issuePattern, SurtitleAuthors surtitleAsAuthor) {
    public static final String DEFAULT_ISSUE_PATTERN =
        "^\\s*N\\s*[°º o]\\s*(?<number>\\d+)\\b.*?(?<year>(?:19|20)\\d\\d)?\\s*$";

    public Extraction {
      issuePattern = issuePattern == null ? Pattern.compile(DEFAULT_ISSUE_PATTERN, Pattern.CASE_INSENSITIVE) : issuePattern;
      if (!issuePattern.pattern().contains("?<number>")) {
        throw new IllegalArgumentException("issue_pattern needs a named group (?<number>…)");
      }
      surtitleAsAuthor = surtitleAsAuthor == null ? SurtitleAuthors.AUTO : surtitleAsAuthor;
    }

    static Pattern compile(String regex) {
      try {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription());
      }
    }
  }

  private static Duration positiveOrDefault(Duration d, Duration dflt, String key, boolean zeroAllowed) {
    if (d == null) return dflt;
    if (d.isNegative() || (!zeroAllowed && d.isZero())) {
      throw new IllegalArgumentException(key + " must be " + (zeroAllowed ? "0 or more" : "positive"));
    }
    return d;
  }

  private static Long positiveOrDefault(Long v, long dflt, String key) {
    if (v == null) return dflt;
    if (v <= 0) throw new IllegalArgumentException(key + " must be positive");
    return v;
  }

  private static Integer atLeastOne(Integer v, int dflt, String key) {
    if (v == null) return dflt;
    if (v < 1) throw new IllegalArgumentException(key + " must be at least 1");
    return v;
  }
}
