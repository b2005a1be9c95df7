package org.spiparchiver.crawl;

import crawlercommons.filters.basic.BasicURLNormalizer;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spiparchiver.extract.SpipUrls;

/**
 * Scope and canonical form of SPIP URLs, so that each object is fetched once and no trap is entered.
 *
 * <p>Articles and rubriques have many spellings ({@code spip.php?article839&lang=fr},
 * {@code article839.html}, {@code spip.php?page=article&id_article=839}, with the sidebar's
 * {@code debut_meme_rubrique=5}…); they all become {@code ROOT/spip.php?article839}. Listings keep
 * their {@code debut_xxx=N} pagination. Navigation links ({@code <a href>}, sitemap, RSS) are followed
 * only to the home page, articles, rubriques, the site plan, and files under {@code IMG/}; embedded
 * resources ({@code <img>}, stylesheets, scripts, CSS {@code url()}) are fetched whatever their form.
 * Either way, action/login/password/search/calendar/forum URLs are never fetched.
 */
public final class UrlRules {

  /** How a link was found: it decides what is in scope. */
  public enum Role { NAVIGATION, EMBED }

  /** The outcome for one link: a target, or the reason it is not fetched. */
  public record Decision(CrawlTarget target, String rejected) {
    public static Decision reject(String why) {
      return new Decision(null, why);
    }

    static Decision of(CrawlTarget target) {
      return new Decision(target, null);
    }

    public boolean accepted() {
      return target != null;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(UrlRules.class);
  /** Shared: the normaliser is thread-safe once built. */
  private static final BasicURLNormalizer NORMALIZER = BasicURLNormalizer.newBuilder().build();
  /** A bare object key ({@code article839}): which object and whether its id is readable is {@link SpipUrls}' call. */
  private static final Pattern OBJECT_KEY = Pattern.compile("(article|rubrique)\\d+");
  /** The "propres" file names of objects right under the site root. */
  private static final Pattern PROPRE_LOCAL = Pattern.compile("(article|rubrique)\\d+\\.html");
  private static final Pattern IMAGE_FILE = Pattern.compile(".*\\.(jpe?g|png|gif|webp|svg|avif|bmp|ico)$", Pattern.CASE_INSENSITIVE);
  /** SPIP pages that are forms, personal or infinite: never fetched. */
  private static final Set<String> TRAP_PAGES = Set.of(
      "login", "spip_pass", "recherche", "forum", "calendrier", "agenda", "calendar", "evenements",
      "identifiants", "inscription", "spip_image", "ical", "oubli");
  /** Query keys that make a URL an action, a search or a forum reply. */
  private static final Set<String> TRAP_KEYS = Set.of(
      "action", "recherche", "formulaire_action", "id_forum", "var_login", "url_retour", "retour",
      "archives_date", "date_agenda", "mois", "annee");
  private static final String PAGINATION_PREFIX = SpipUrls.PAGINATION_PREFIX;

  private final URI root;
  private final String rootPath;
  private final Set<String> extraHosts;

  /**
   * @param siteRoot e.g. {@code https://divergences.be/}
   * @param extraHosts other hosts (host or host:port) whose embedded files and documents are in scope
   */
  public UrlRules(URI siteRoot, List<String> extraHosts) {
    URI normalised = normalise(siteRoot);
    if (normalised == null) throw new IllegalArgumentException("not an http(s) site URL: " + siteRoot);
    this.root = normalised;
    String p = root.getRawPath() == null || root.getRawPath().isEmpty() ? "/" : root.getRawPath();
    this.rootPath = p.endsWith("/") ? p : p.substring(0, p.lastIndexOf('/') + 1);
    this.extraHosts = Set.copyOf(extraHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
  }

  public URI root() {
    return root.resolve(rootPath);
  }

  public CrawlTarget robots() {
    return new CrawlTarget(root.resolve("/robots.txt"), UrlKind.ROBOTS, null);
  }

  /** The discovery seeds: home page, sitemap, RSS backend, site plan. */
  public List<CrawlTarget> seeds() {
    return List.of(
        new CrawlTarget(root.resolve(rootPath), UrlKind.HOME, null),
        new CrawlTarget(root.resolve(rootPath + "sitemap.xml"), UrlKind.SITEMAP, null),
        new CrawlTarget(root.resolve(rootPath + "spip.php?page=backend"), UrlKind.FEED, null),
        new CrawlTarget(root.resolve(rootPath + "spip.php?page=plan"), UrlKind.LISTING, null));
  }

  public CrawlTarget article(int id) {
    return new CrawlTarget(root.resolve(rootPath + "spip.php?article" + id), UrlKind.ARTICLE, id);
  }

  /** Decides whether {@code link} (absolute, or relative to {@code base}) is fetched, and under which URL. */
  public Decision decide(URI base, String link, Role role) {
    String absolute = resolve(base == null ? null : base.toString(), link);
    if (absolute.isEmpty()) return Decision.reject("malformed");
    try {
      return decide(new URI(absolute), role);
    } catch (URISyntaxException e) {
      log.debug("unreadable link {} rejected: {}", link, e.getMessage());
      return Decision.reject("malformed");
    }
  }

  /**
   * {@code href} resolved against {@code base} (RFC 3986) and normalised by crawler-commons: scheme
   * and host lower-cased, default port, dot segments, percent-encoding, fragment dropped, parameters
   * sorted. Empty when unreadable or not http(s).
   */
  public static String resolve(String base, String href) {
    if (href == null) return "";
    try {
      URL url = base == null || base.isEmpty() ? new URL(href.strip()) : new URL(new URL(base), href.strip());
      String n = NORMALIZER.filter(url.toString());
      return n == null ? "" : n;
    } catch (MalformedURLException | RuntimeException e) {
      return "";
    }
  }

  /** Total: a URL that cannot be read is rejected (logged at debug), never an exception. */
  public Decision decide(URI url, Role role) {
    try {
      return decideUnchecked(url, role);
    } catch (RuntimeException e) {
      log.debug("unreadable URL {} rejected: {}", url, e.toString());
      return Decision.reject("unreadable URL");
    }
  }

  private Decision decideUnchecked(URI url, Role role) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) return Decision.reject("not http");
    if (url.getRawAuthority() == null || url.getHost() == null) return Decision.reject("no host");
    url = normalise(url);
    if (url == null) return Decision.reject("malformed");
    String authority = url.getRawAuthority();
    boolean onSite = authority.equals(root.getRawAuthority());
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery();

    if (!onSite) {
      boolean extra = extraHosts.contains(authority) || extraHosts.contains(url.getHost().toLowerCase(Locale.ROOT));
      if (!extra) return Decision.reject("other host");
      if (role == Role.NAVIGATION && !path.contains("/IMG/")) return Decision.reject("other host");
      return accept(url, path, query, staticKind(path, role));
    }
    if (!path.startsWith(rootPath)) return Decision.reject("outside the site root");
    String local = path.substring(rootPath.length());

    List<SpipUrls.Param> params = new ArrayList<>(SpipUrls.params(query));
    String trap = trap(local, params);
    if (trap != null) return Decision.reject(trap);
    // Presentation-only parameters: the same object in another language or debug mode.
    params.removeIf(p -> p.key().equals("lang") || p.key().startsWith("var_"));

    boolean script = local.isEmpty() || local.equals("spip.php") || local.equals("index.php");
    if (script) return spipPage(url, params, role);
    if (PROPRE_LOCAL.matcher(local).matches()) {
      // article839.html, rubrique12.html: only right under the site root.
      Optional<SpipUrls.SpipRef> ref = SpipUrls.parse(URI.create(path));
      if (ref.isEmpty()) return unreadable(url);
      return Decision.of(object(ref.get().kind(), ref.get().id(), List.of()));
    }
    if (local.equals("robots.txt")) return Decision.of(robots());
    if (local.equals("sitemap.xml")) return Decision.of(new CrawlTarget(root.resolve(path), UrlKind.SITEMAP, null));
    UrlKind kind = staticKind(local, role);
    if (kind == null) return Decision.reject("not an article, rubrique or file link");
    return accept(url, path, joinQuery(params), kind);
  }

  private static Decision unreadable(URI url) {
    log.debug("SPIP object URL with an unreadable id rejected: {}", url);
    return Decision.reject("unreadable object id");
  }

  private UrlKind staticKind(String path, Role role) {
    boolean image = IMAGE_FILE.matcher(path).matches();
    if (path.startsWith("IMG/") || path.contains("/IMG/")) return image ? UrlKind.IMAGE : UrlKind.DOCUMENT;
    if (path.startsWith("local/cache-vignettes/") || path.startsWith("local/cache-gd2/")) return UrlKind.IMAGE;
    if (role == Role.EMBED) return image ? UrlKind.IMAGE : UrlKind.REQUISITE;
    return null;
  }

  private Decision accept(URI url, String path, String query, UrlKind kind) {
    if (kind == null) return Decision.reject("not an article, rubrique or file link");
    String s = url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority() + path
        + (query == null || query.isEmpty() ? "" : "?" + query);
    return Decision.of(new CrawlTarget(URI.create(s), kind, null));
  }

  private Decision spipPage(URI url, List<SpipUrls.Param> params, Role role) {
    String page = null;
    boolean objectParam = false;
    List<SpipUrls.Param> pagination = new ArrayList<>();
    List<SpipUrls.Param> others = new ArrayList<>();
    for (SpipUrls.Param p : params) {
      if (p.key().equals("page")) page = p.value() == null ? "" : p.value().toLowerCase(Locale.ROOT);
      else if (p.key().equals("id_article") || p.key().equals("id_rubrique")
          || p.value() == null && OBJECT_KEY.matcher(p.key()).matches()) objectParam = true;
      else if (SpipUrls.isPagination(p)) pagination.add(p);
      else others.add(p);
    }
    if (page != null && !page.equals("article") && !page.equals("rubrique") && !page.equals("sommaire")) {
      if (objectParam) {
        // e.g. page=backend&id_rubrique=3: a per-object feed; the object's own page is enough.
        if (role == Role.EMBED && page.endsWith(".css")) return Decision.of(requisite(params));
        return Decision.reject("page=" + page + " of an object");
      }
      if (page.equals("backend") && others.isEmpty()) {
        return Decision.of(new CrawlTarget(root.resolve(rootPath + "spip.php?page=backend"), UrlKind.FEED, null));
      }
      if (page.equals("plan") && others.isEmpty()) {
        return Decision.of(new CrawlTarget(root.resolve(rootPath + "spip.php?page=plan"), UrlKind.LISTING, null));
      }
      if (page.equals("sitemap.xml")) {
        return Decision.of(new CrawlTarget(root.resolve(rootPath + "spip.php?page=sitemap.xml"), UrlKind.SITEMAP, null));
      }
      // Stylesheets and scripts produced by spip.php (Escal's page=config.css).
      if (role == Role.EMBED) return Decision.of(requisite(params));
      return Decision.reject("page=" + page);
    }
    Optional<SpipUrls.SpipRef> ref = SpipUrls.parse(url);
    if (ref.isPresent()) return Decision.of(object(ref.get().kind(), ref.get().id(), ref.get().pagination()));
    if (objectParam) return unreadable(url);
    if (!others.isEmpty()) {
      // spip.php?mot3, ?auteur4, ?breve2, ?site5: other objects, outside the archive's scope.
      return Decision.reject("not an article, rubrique or file link");
    }
    String q = joinQuery(pagination);
    return Decision.of(new CrawlTarget(root.resolve(rootPath + (q == null ? "" : "?" + q)), UrlKind.HOME, null));
  }

  private CrawlTarget object(SpipUrls.Kind kind, int id, List<SpipUrls.Param> pagination) {
    return kind == SpipUrls.Kind.ARTICLE ? article(id) : rubrique(id, pagination);
  }

  private CrawlTarget requisite(List<SpipUrls.Param> params) {
    return new CrawlTarget(root.resolve(rootPath + "spip.php?" + joinQuery(params)), UrlKind.REQUISITE, null);
  }

  private CrawlTarget rubrique(int id, List<SpipUrls.Param> pagination) {
    String q = joinQuery(pagination);
    return new CrawlTarget(
        root.resolve(rootPath + "spip.php?rubrique" + id + (q == null ? "" : "&" + q)), UrlKind.RUBRIQUE, id);
  }

  private static String trap(String local, List<SpipUrls.Param> params) {
    String lower = local.toLowerCase(Locale.ROOT);
    if (lower.startsWith("ecrire/") || lower.startsWith("prive/")) return "private area";
    boolean file = lower.startsWith("img/") || lower.startsWith("local/");
    if (!file && (lower.contains("spip_pass") || lower.contains("login"))) return "login";
    if (!file && (lower.contains("calendrier") || lower.contains("agenda"))) return "calendar";
    for (SpipUrls.Param p : params) {
      String key = p.key();
      String value = p.value() == null ? "" : p.value().toLowerCase(Locale.ROOT);
      if (TRAP_KEYS.contains(key)) return key + "= URL";
      if (key.equals("page") && TRAP_PAGES.contains(value.replaceAll("\\.[a-z]+$", ""))) return "page=" + value;
      if (key.startsWith(PAGINATION_PREFIX) && (value.startsWith("@") || value.startsWith("%40"))) {
        return "anchored pagination (" + key + "=@id)";
      }
    }
    return null;
  }

  /** Parameters sorted by key, so that the order of parameters in a link does not matter. */
  private static String joinQuery(List<SpipUrls.Param> params) {
    if (params.isEmpty()) return null;
    return params.stream()
        .sorted(java.util.Comparator.comparing(SpipUrls.Param::key))
        .map(SpipUrls.Param::toString)
        .reduce((a, b) -> a + "&" + b)
        .orElseThrow();
  }

  /** crawler-commons' normal form of an http(s) URL; null when it cannot read it. */
  private static URI normalise(URI u) {
    String n = NORMALIZER.filter(u.toString());
    if (n == null) return null;
    try {
      URI out = new URI(n);
      return out.getRawAuthority() == null || out.getHost() == null ? null : out;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
