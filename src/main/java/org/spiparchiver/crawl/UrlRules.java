package org.spiparchiver.crawl;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern ARTICLE_KEY = Pattern.compile("article(\\d+)");
  private static final Pattern RUBRIQUE_KEY = Pattern.compile("rubrique(\\d+)");
  private static final Pattern ARTICLE_HTML = Pattern.compile("article(\\d+)\\.html");
  private static final Pattern RUBRIQUE_HTML = Pattern.compile("rubrique(\\d+)\\.html");
  private static final Pattern IMAGE_FILE = Pattern.compile(".*\\.(jpe?g|png|gif|webp|svg|avif|bmp|ico)$", Pattern.CASE_INSENSITIVE);
  /** SPIP pages that are forms, personal or infinite: never fetched. */
  private static final Set<String> TRAP_PAGES = Set.of(
      "login", "spip_pass", "recherche", "forum", "calendrier", "agenda", "calendar", "evenements",
      "identifiants", "inscription", "spip_image", "ical", "oubli");
  /** Query keys that make a URL an action, a search or a forum reply. */
  private static final Set<String> TRAP_KEYS = Set.of(
      "action", "recherche", "formulaire_action", "id_forum", "var_login", "url_retour", "retour",
      "archives_date", "date_agenda", "mois", "annee");
  private static final String PAGINATION_PREFIX = "debut_";

  private final URI root;
  private final String rootPath;
  private final Set<String> extraHosts;

  /**
   * @param siteRoot e.g. {@code https://divergences.be/}
   * @param extraHosts other hosts (host or host:port) whose embedded files and documents are in scope
   */
  public UrlRules(URI siteRoot, List<String> extraHosts) {
    this.root = normaliseAuthority(siteRoot);
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
    URI url;
    try {
      String cleaned = link.strip().replace(" ", "%20");
      url = base == null ? new URI(cleaned) : base.resolve(new URI(cleaned));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Decision.reject("malformed");
    }
    return decide(url, role);
  }

  public Decision decide(URI url, Role role) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) return Decision.reject("not http");
    if (url.getRawAuthority() == null || url.getHost() == null) return Decision.reject("no host");
    url = normaliseAuthority(url);
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

    List<String[]> params = new ArrayList<>();
    if (query != null && !query.isEmpty()) {
      for (String part : query.split("[&;]")) {
        if (part.isEmpty()) continue;
        int eq = part.indexOf('=');
        String key = (eq < 0 ? part : part.substring(0, eq)).toLowerCase(Locale.ROOT);
        String value = eq < 0 ? null : part.substring(eq + 1);
        params.add(new String[] {key, value});
      }
    }
    String trap = trap(local, params);
    if (trap != null) return Decision.reject(trap);
    // Presentation-only parameters: the same object in another language or debug mode.
    params.removeIf(p -> p[0].equals("lang") || p[0].startsWith("var_"));

    boolean script = local.isEmpty() || local.equals("spip.php") || local.equals("index.php");
    if (script) return spipPage(params, role);
    Matcher m;
    if ((m = ARTICLE_HTML.matcher(local)).matches()) return Decision.of(article(Integer.parseInt(m.group(1))));
    if ((m = RUBRIQUE_HTML.matcher(local)).matches()) return Decision.of(rubrique(Integer.parseInt(m.group(1)), List.of()));
    if (local.equals("robots.txt")) return Decision.of(robots());
    if (local.equals("sitemap.xml")) return Decision.of(new CrawlTarget(root.resolve(path), UrlKind.SITEMAP, null));
    UrlKind kind = staticKind(local, role);
    if (kind == null) return Decision.reject("not an article, rubrique or file link");
    return accept(url, path, joinQuery(params), kind);
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

  private Decision spipPage(List<String[]> params, Role role) {
    String page = null;
    Integer articleId = null;
    Integer rubriqueId = null;
    List<String[]> pagination = new ArrayList<>();
    List<String[]> others = new ArrayList<>();
    for (String[] p : params) {
      Matcher m;
      if (p[1] == null && (m = ARTICLE_KEY.matcher(p[0])).matches()) articleId = Integer.valueOf(m.group(1));
      else if (p[1] == null && (m = RUBRIQUE_KEY.matcher(p[0])).matches()) rubriqueId = Integer.valueOf(m.group(1));
      else if (p[0].equals("page")) page = p[1] == null ? "" : p[1].toLowerCase(Locale.ROOT);
      else if (p[0].equals("id_article") && isNumber(p[1])) articleId = Integer.valueOf(p[1]);
      else if (p[0].equals("id_rubrique") && isNumber(p[1])) rubriqueId = Integer.valueOf(p[1]);
      else if (p[0].startsWith(PAGINATION_PREFIX) && isNumber(p[1])) pagination.add(p);
      else others.add(p);
    }
    if (page != null && !page.equals("article") && !page.equals("rubrique") && !page.equals("sommaire")) {
      if (articleId != null || rubriqueId != null) {
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
    if (articleId != null) return Decision.of(article(articleId));
    if (rubriqueId != null) return Decision.of(rubrique(rubriqueId, pagination));
    if (!others.isEmpty()) {
      // spip.php?mot3, ?auteur4, ?breve2, ?site5: other objects, outside the archive's scope.
      return Decision.reject("not an article, rubrique or file link");
    }
    String q = joinQuery(pagination);
    return Decision.of(new CrawlTarget(root.resolve(rootPath + (q == null ? "" : "?" + q)), UrlKind.HOME, null));
  }

  private CrawlTarget requisite(List<String[]> params) {
    return new CrawlTarget(root.resolve(rootPath + "spip.php?" + joinQuery(params)), UrlKind.REQUISITE, null);
  }

  private CrawlTarget rubrique(int id, List<String[]> pagination) {
    String q = joinQuery(pagination);
    return new CrawlTarget(
        root.resolve(rootPath + "spip.php?rubrique" + id + (q == null ? "" : "&" + q)), UrlKind.RUBRIQUE, id);
  }

  private static String trap(String local, List<String[]> params) {
    String lower = local.toLowerCase(Locale.ROOT);
    if (lower.startsWith("ecrire/") || lower.startsWith("prive/")) return "private area";
    boolean file = lower.startsWith("img/") || lower.startsWith("local/");
    if (!file && (lower.contains("spip_pass") || lower.contains("login"))) return "login";
    if (!file && (lower.contains("calendrier") || lower.contains("agenda"))) return "calendar";
    for (String[] p : params) {
      String key = p[0];
      String value = p[1] == null ? "" : p[1].toLowerCase(Locale.ROOT);
      if (TRAP_KEYS.contains(key)) return key + "= URL";
      if (key.equals("page") && TRAP_PAGES.contains(value.replaceAll("\\.[a-z]+$", ""))) return "page=" + value;
      if (key.startsWith(PAGINATION_PREFIX) && (value.startsWith("@") || value.startsWith("%40"))) {
        return "anchored pagination (" + key + "=@id)";
      }
    }
    return null;
  }

  private static boolean isNumber(String s) {
    return s != null && !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
  }

  /** Parameters sorted by key, so that the order of parameters in a link does not matter. */
  private static String joinQuery(List<String[]> params) {
    if (params.isEmpty()) return null;
    return params.stream()
        .sorted((a, b) -> a[0].compareTo(b[0]))
        .map(p -> p[1] == null ? p[0] : p[0] + "=" + p[1])
        .reduce((a, b) -> a + "&" + b)
        .orElseThrow();
  }

  /** Lower-case scheme and host, default port dropped, fragment dropped. */
  private static URI normaliseAuthority(URI u) {
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    int port = u.getPort();
    if (scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443) port = -1;
    String authority = u.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port);
    String s = scheme + "://" + authority + (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    return URI.create(s);
  }
}
