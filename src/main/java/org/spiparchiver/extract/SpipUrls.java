package org.spiparchiver.extract;

import java.net.URI;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URL forms under which SPIP serves its objects. Pure functions on URIs.
 *
 * <p>Recognised for articles (and the same for rubriques): {@code spip.php?article839} (with or
 * without further parameters such as {@code &lang=fr}), {@code spip.php?page=article&id_article=839},
 * {@code spip.php?id_article=839}, and the "propres" form {@code article839.html}.
 */
public final class SpipUrls {
  private SpipUrls() {}

  public static OptionalInt articleId(URI url) {
    return objectId(url, "article");
  }

  public static OptionalInt rubriqueId(URI url) {
    return objectId(url, "rubrique");
  }

  /** {@code <root>spip.php?article839}; {@code siteRoot} is the directory that holds {@code spip.php}. */
  public static URI canonicalArticleUrl(URI siteRoot, int id) {
    if (id <= 0) throw new IllegalArgumentException("article id must be positive: " + id);
    return directoryOf(siteRoot).resolve("spip.php?article" + id);
  }

  /** The directory of a URL: the URL itself when its path ends with '/', else its parent; no query. */
  static URI directoryOf(URI url) {
    String path = url.getRawPath();
    if (path == null || path.isEmpty()) path = "/";
    String dir = path.substring(0, path.lastIndexOf('/') + 1);
    if (dir.isEmpty()) dir = "/";
    return URI.create(url.getScheme() + ":" + (url.getRawAuthority() == null ? "" : "//" + url.getRawAuthority()) + dir);
  }

  private static OptionalInt objectId(URI url, String type) {
    if (url == null) return OptionalInt.empty();
    String query = url.getRawQuery();
    if (query != null) {
      String page = null;
      String idParam = null;
      for (String param : PARAM_SEPARATOR.split(query)) {
        int eq = param.indexOf('=');
        String name = eq < 0 ? param : param.substring(0, eq);
        String value = eq < 0 ? null : param.substring(eq + 1);
        if (value == null) {
          // spip.php?article839: the object is the first bare parameter.
          Matcher m = BARE.get(type).matcher(name);
          if (m.matches()) return positive(m.group(1));
        } else if (name.equals("id_" + type)) {
          idParam = value;
        } else if (name.equals("page")) {
          page = value;
        }
      }
      if (idParam != null && (page == null || page.equals(type))) return positive(idParam);
    }
    String path = url.getRawPath();
    if (path != null) {
      Matcher m = PROPRE.get(type).matcher(path);
      if (m.find()) return positive(m.group(1));
    }
    return OptionalInt.empty();
  }

  static final Pattern PARAM_SEPARATOR = Pattern.compile("[&;]");
  private static final Map<String, Pattern> BARE = Map.of(
      "article", Pattern.compile("article(\\d{1,9})"),
      "rubrique", Pattern.compile("rubrique(\\d{1,9})"));
  private static final Map<String, Pattern> PROPRE = Map.of(
      "article", Pattern.compile("(?:^|/)article(\\d{1,9})\\.html$"),
      "rubrique", Pattern.compile("(?:^|/)rubrique(\\d{1,9})\\.html$"));

  private static OptionalInt positive(String digits) {
    if (digits == null || digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
      return OptionalInt.empty();
    }
    int id = Integer.parseInt(digits);
    return id > 0 ? OptionalInt.of(id) : OptionalInt.empty();
  }
}
