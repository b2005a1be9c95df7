package org.spiparchiver.extract;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/** The page's identity and its links: article id, site root, URLs resolved against the page. */
final class PageUrls {
  private PageUrls() {}

  private static final Pattern BODY_ARTICLE_CLASS = Pattern.compile("article(\\d{1,9})");
  private static final Pattern CRAYON_CLASS = Pattern.compile("article-[a-z_]+-(\\d{1,9})");
  static final Evaluator CRAYON_ARTICLE = QueryParser.parse("[class~=\\barticle-(titre|texte)-\\d+\\b]");
  static final Evaluator CANONICAL = QueryParser.parse("link[rel=canonical][href]");
  static final Evaluator LINKS = QueryParser.parse("a[href]");

  /** The id from the page: body classes, canonical link, crayon classes; then the page's own URL. */
  static OptionalInt articleId(Document doc, URI base, Set<String> bodyClasses, URI pageUrl) {
    for (String c : bodyClasses) {
      Matcher m = BODY_ARTICLE_CLASS.matcher(c);
      if (m.matches()) return OptionalInt.of(Integer.parseInt(m.group(1)));
    }
    Element canonical = doc.head().selectFirst(CANONICAL);
    if (canonical != null) {
      OptionalInt fromCanonical = SpipUrls.articleId(link(base, canonical, "href"));
      if (fromCanonical.isPresent()) return fromCanonical;
    }
    Element crayon = doc.selectFirst(CRAYON_ARTICLE);
    if (crayon != null) {
      for (String c : crayon.classNames()) {
        Matcher m = CRAYON_CLASS.matcher(c);
        if (m.matches()) return OptionalInt.of(Integer.parseInt(m.group(1)));
      }
    }
    OptionalInt fromUrl = SpipUrls.articleId(pageUrl);
    if (fromUrl.isPresent()) return fromUrl;
    // A saved page without canonical link: its Open Graph / Dublin Core URL metas.
    Element meta = doc.head().selectFirst(URL_METAS);
    return meta == null ? OptionalInt.empty() : SpipUrls.articleId(uri(meta.absUrl("content")));
  }

  private static final Evaluator URL_METAS = QueryParser.parse("meta[property=og:url][content], meta[name=DC.identifier][content]");

  /**
   * The directory that holds {@code spip.php}, on the host the page was fetched from: from the
   * canonical link, else from the page's links to {@code spip.php}, else the page URL's directory.
   * (A site installed in a subdirectory, {@code https://example.org/revue/}, keeps its directory.)
   */
  static URI siteRoot(Document doc, URI base, URI pageUrl) {
    Element canonical = doc.head().selectFirst(CANONICAL);
    if (canonical != null) {
      URI c = spipScript(link(base, canonical, "href"), pageUrl);
      if (c != null) return SpipUrls.directoryOf(c);
    }
    for (Element a : doc.select(LINKS)) {
      if (!a.attr("href").contains("spip.php")) continue;
      URI u = spipScript(link(base, a, "href"), pageUrl);
      if (u != null) return SpipUrls.directoryOf(u);
    }
    return SpipUrls.directoryOf(pageUrl);
  }

  /** The URL when it calls {@code spip.php} on the page's own host, else null. */
  private static URI spipScript(URI u, URI pageUrl) {
    if (u == null || !isHttp(u) || u.getRawPath() == null || !u.getRawPath().endsWith("/spip.php")) return null;
    return Objects.equals(u.getHost(), pageUrl.getHost()) && u.getPort() == pageUrl.getPort() ? u : null;
  }

  static boolean isHttp(URI u) {
    return "http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme());
  }

  /**
   * An element's URL attribute resolved against the page's base, null when absent or invalid.
   * java.net.URI does the common cases faster than jsoup's absUrl; jsoup takes the odd ones.
   */
  static URI link(URI base, Element e, String attribute) {
    String value = e.attr(attribute).trim();
    if (value.isEmpty()) return null;
    if (base != null && base.isAbsolute() && base.getRawPath() != null && !base.getRawPath().isEmpty()
        && value.charAt(0) != '?' && value.charAt(0) != '#') {
      try {
        return base.resolve(new URI(value));
      } catch (java.net.URISyntaxException | IllegalArgumentException ex) {
        // not a strict URI (spaces, accents): let jsoup clean it
      }
    }
    return uri(e.absUrl(attribute));
  }

  static URI uri(String s) {
    if (s == null || s.isEmpty()) return null;
    try {
      return new URI(s);
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  static String extension(String url) {
    URI u = uri(url);
    String path = u == null || u.getPath() == null ? url : u.getPath();
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    return dot > slash && dot < path.length() - 1 ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : null;
  }

  static Integer intAttr(Element e, String name) {
    String v = e.attr(name).trim();
    if (v.isEmpty() || v.length() > 6 || !v.chars().allMatch(Character::isDigit)) return null;
    return Integer.valueOf(v);
  }
}
