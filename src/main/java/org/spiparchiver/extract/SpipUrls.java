package org.spiparchiver.extract;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URL forms under which SPIP serves its objects: the one home of that rule, used by the crawl
 * (canonical URLs), extraction and the offline copy. Pure, total functions on URIs: a URL that
 * cannot be read (an id out of range, a malformed query) is no SPIP object, never an exception.
 *
 * <p>Recognised for articles (and the same for rubriques): {@code spip.php?article839} (with or
 * without further parameters such as {@code &lang=fr}), {@code spip.php?page=article&id_article=839},
 * {@code spip.php?id_article=839}, and the "propres" form {@code article839.html}. Pagination of a
 * listing is its {@code debut_xxx=N} parameters.
 */
public final class SpipUrls {
  private SpipUrls() {}

  /** SPIP ids are positive SQL integers; anything above fits no record (ids are Java ints). */
  public static final long MAX_ID = Integer.MAX_VALUE;
  /** Pagination offsets beyond this are not SPIP listings but traps or typos (Escal pages by 5 to 50). */
  static final long MAX_PAGINATION = 1_000_000_000L;
  public static final String PAGINATION_PREFIX = "debut_";

  /** The kinds of SPIP objects the archive keeps. */
  public enum Kind {
    ARTICLE, RUBRIQUE;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A SPIP object named by a URL.
   *
   * @param pagination the listing's {@code debut_xxx=N} parameters, sorted by key (empty for articles)
   */
  public record SpipRef(Kind kind, int id, List<Param> pagination) {
    public SpipRef {
      pagination = List.copyOf(pagination);
    }
  }

  /** One query parameter; {@code value} null for a bare key ({@code article839}). Keys are lower-cased. */
  public record Param(String key, String value) {
    @Override
    public String toString() {
      return value == null ? key : key + "=" + value;
    }
  }

  static final Pattern PARAM_SEPARATOR = Pattern.compile("[&;]");
  private static final Pattern BARE = Pattern.compile("(article|rubrique)(\\d+)");
  private static final Pattern PROPRE = Pattern.compile("(?:^|/)(article|rubrique)(\\d+)\\.html$");

  /** The SPIP object a URL names, if any. */
  public static Optional<SpipRef> parse(URI url) {
    if (url == null) return Optional.empty();
    List<Param> params = params(url.getRawQuery());
    String page = null;
    Kind bare = null;
    String bareId = null;
    String idArticle = null;
    String idRubrique = null;
    List<Param> pagination = new ArrayList<>();
    for (Param p : params) {
      Matcher m;
      if (p.value() == null && bare == null && (m = BARE.matcher(p.key())).matches()) {
        bare = Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        bareId = m.group(2);
      } else if (p.key().equals("page")) {
        page = p.value() == null ? "" : p.value().toLowerCase(Locale.ROOT);
      } else if (p.key().equals("id_article")) {
        idArticle = p.value();
      } else if (p.key().equals("id_rubrique")) {
        idRubrique = p.value();
      } else if (isPagination(p)) {
        pagination.add(p);
      }
    }
    pagination.sort(Comparator.comparing(Param::key));
    if (bare != null) return ref(bare, bareId, pagination);
    if (idArticle != null && (page == null || page.equals("article"))) return ref(Kind.ARTICLE, idArticle, pagination);
    if (idRubrique != null && (page == null || page.equals("rubrique"))) return ref(Kind.RUBRIQUE, idRubrique, pagination);
    String path = url.getRawPath();
    Matcher m;
    if (page == null && path != null && (m = PROPRE.matcher(path)).find()) {
      return ref(Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT)), m.group(2), pagination);
    }
    return Optional.empty();
  }

  /** True when a URL looks like a SPIP object URL ({@code article…}, {@code id_rubrique=…}) but names none: e.g. an id out of range. */
  public static boolean unreadableObject(URI url) {
    if (url == null || parse(url).isPresent()) return false;
    for (Param p : params(url.getRawQuery())) {
      if (p.value() == null && BARE.matcher(p.key()).matches()) return true;
      if ((p.key().equals("id_article") || p.key().equals("id_rubrique")) && p.value() != null
          && !p.value().isEmpty() && p.value().chars().allMatch(Character::isDigit)) {
        return true;
      }
    }
    return url.getRawPath() != null && PROPRE.matcher(url.getRawPath()).find();
  }

  public static OptionalInt articleId(URI url) {
    return id(url, Kind.ARTICLE);
  }

  public static OptionalInt rubriqueId(URI url) {
    return id(url, Kind.RUBRIQUE);
  }

  private static OptionalInt id(URI url, Kind kind) {
    return parse(url).filter(r -> r.kind() == kind).map(r -> OptionalInt.of(r.id())).orElse(OptionalInt.empty());
  }

  /** The query parameters of a raw query, in order ({@code &} and {@code ;} both separate, as SPIP's own links use). */
  public static List<Param> params(String rawQuery) {
    List<Param> out = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) return out;
    for (String part : PARAM_SEPARATOR.split(rawQuery)) {
      if (part.isEmpty()) continue;
      int eq = part.indexOf('=');
      String key = (eq < 0 ? part : part.substring(0, eq)).toLowerCase(Locale.ROOT);
      out.add(new Param(key, eq < 0 ? null : part.substring(eq + 1)));
    }
    return out;
  }

  /** The raw value of the first query parameter {@code name} of {@code url}, or null. */
  public static String queryParam(URI url, String name) {
    if (url == null) return null;
    for (Param p : params(url.getRawQuery())) {
      if (p.key().equals(name) && p.value() != null) return p.value();
    }
    return null;
  }

  /** A listing's pagination parameter: {@code debut_xxx=N}, N a bounded number. */
  public static boolean isPagination(Param p) {
    return p.key().startsWith(PAGINATION_PREFIX) && boundedNumber(p.value(), MAX_PAGINATION) != null;
  }

  /** {@code <root>spip.php?article839}; {@code siteRoot} is the directory that holds {@code spip.php}. */
  public static URI canonicalArticleUrl(URI siteRoot, int id) {
    if (id <= 0) throw new IllegalArgumentException("article id must be positive: " + id);
    return directoryOf(siteRoot).resolve("spip.php?article" + id);
  }

  /** The directory of a URL: the URL itself when its path ends with '/', else its parent; no query. */
  public static URI directoryOf(URI url) {
    String path = url.getRawPath();
    if (path == null || path.isEmpty()) path = "/";
    String dir = path.substring(0, path.lastIndexOf('/') + 1);
    if (dir.isEmpty()) dir = "/";
    return URI.create(url.getScheme() + ":" + (url.getRawAuthority() == null ? "" : "//" + url.getRawAuthority()) + dir);
  }

  private static Optional<SpipRef> ref(Kind kind, String digits, List<Param> pagination) {
    Long id = boundedNumber(digits, MAX_ID);
    if (id == null || id < 1) return Optional.empty();
    return Optional.of(new SpipRef(kind, id.intValue(), kind == Kind.ARTICLE ? List.of() : pagination));
  }

  /** The number written by {@code digits} when it is at most {@code max}; null otherwise (never an exception). */
  private static Long boundedNumber(String digits, long max) {
    if (digits == null || digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    long v = Long.parseLong(digits);
    return v <= max ? v : null;
  }
}
