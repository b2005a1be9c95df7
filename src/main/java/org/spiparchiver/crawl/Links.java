package org.spiparchiver.crawl;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.spiparchiver.mirror.HtmlPages;

/** Links found in a response: HTML, CSS, sitemaps, RSS. Parsers only; nothing here fetches. */
public final class Links {
  /** A link and how it was found (navigation or embedded resource). */
  public record Link(String href, UrlRules.Role role) {}

  private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]+?)['\"]?\\s*\\)");
  private static final Pattern CSS_IMPORT = Pattern.compile("@import\\s+['\"]([^'\"]+)['\"]");

  private Links() {}

  /** The page as {@link HtmlPages} decodes it; a page beyond its parse limits yields no links (an empty document). */
  public static Document parseHtml(byte[] body, URI base) {
    return parseHtml(body, null, base);
  }

  /** As {@link #parseHtml(byte[], URI)}, with the response's {@code Content-Type} (its charset wins over {@code <meta>}). */
  public static Document parseHtml(byte[] body, String contentType, URI base) {
    return HtmlPages.parse(body, contentType, base) instanceof HtmlPages.Parsed p ? p.document() : Document.createShell(base.toString());
  }

  public static List<Link> html(Document doc) {
    List<Link> out = new ArrayList<>();
    for (Element a : doc.select("a[href], area[href]")) add(out, a.absUrl("href"), UrlRules.Role.NAVIGATION);
    for (Element e : doc.select("img[src], script[src], input[type=image][src], source[src], video[poster]")) {
      add(out, e.absUrl(e.hasAttr("src") ? "src" : "poster"), UrlRules.Role.EMBED);
    }
    for (Element e : doc.select("img[srcset], source[srcset]")) {
      for (String candidate : e.attr("srcset").split(",")) {
        String u = candidate.trim().split("\\s+")[0];
        if (!u.isEmpty()) add(out, resolve(doc.location(), e.baseUri(), u), UrlRules.Role.EMBED);
      }
    }
    for (Element l : doc.select("link[href]")) {
      String rel = l.attr("rel").toLowerCase(java.util.Locale.ROOT);
      if (rel.contains("stylesheet") || rel.contains("icon")) add(out, l.absUrl("href"), UrlRules.Role.EMBED);
      else if (rel.contains("alternate") || rel.contains("canonical")) add(out, l.absUrl("href"), UrlRules.Role.NAVIGATION);
    }
    for (Element s : doc.select("style")) css(s.data(), URI.create(s.baseUri().isEmpty() ? doc.location() : s.baseUri()), out);
    for (Element s : doc.select("[style]")) css(s.attr("style"), URI.create(doc.location()), out);
    return out;
  }

  /** {@code url(…)} and {@code @import} of a stylesheet, resolved against the stylesheet. */
  public static List<Link> css(byte[] body, URI base) {
    List<Link> out = new ArrayList<>();
    css(new String(body, StandardCharsets.UTF_8), base, out);
    return out;
  }

  private static void css(String text, URI base, List<Link> out) {
    for (Pattern p : List.of(CSS_URL, CSS_IMPORT)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        String u = m.group(1).trim();
        if (u.startsWith("data:") || u.startsWith("#")) continue;
        add(out, resolve(base.toString(), null, u), UrlRules.Role.EMBED);
      }
    }
  }

  /** Page URLs and nested sitemaps of a sitemap (crawler-commons, lenient about the URL's folder). */
  public static List<Link> sitemap(byte[] body, String contentType, URI url) {
    List<Link> out = new ArrayList<>();
    try {
      AbstractSiteMap sm = new SiteMapParser(false).parseSiteMap(contentType == null ? "text/xml" : contentType, body, url.toURL());
      if (sm instanceof SiteMapIndex index) {
        for (AbstractSiteMap child : index.getSitemaps()) out.add(new Link(child.getUrl().toString(), UrlRules.Role.NAVIGATION));
      } else if (sm instanceof SiteMap map) {
        for (SiteMapURL u : map.getSiteMapUrls()) out.add(new Link(u.getUrl().toString(), UrlRules.Role.NAVIGATION));
      }
    } catch (UnknownFormatException | IOException e) {
      // An unreadable sitemap only loses a discovery source; the pages are also linked from listings.
    }
    return out;
  }

  /** Item links, guids and enclosures of an RSS (or Atom) feed, read with jsoup's XML parser. */
  public static List<Link> feed(byte[] body, URI url) {
    Document doc = Jsoup.parse(new String(body, StandardCharsets.UTF_8), url.toString(), Parser.xmlParser());
    List<Link> out = new ArrayList<>();
    for (Element e : doc.select("item > link, item > guid, channel > link")) add(out, resolve(url.toString(), null, e.text()), UrlRules.Role.NAVIGATION);
    for (Element e : doc.select("entry > link[href]")) add(out, resolve(url.toString(), null, e.attr("href")), UrlRules.Role.NAVIGATION);
    for (Element e : doc.select("enclosure[url]")) add(out, resolve(url.toString(), null, e.attr("url")), UrlRules.Role.NAVIGATION);
    return out;
  }

  private static String resolve(String location, String baseUri, String href) {
    String base = baseUri == null || baseUri.isEmpty() ? location : baseUri;
    try {
      return URI.create(base).resolve(href.trim().replace(" ", "%20")).toString();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static void add(List<Link> out, String href, UrlRules.Role role) {
    if (href != null && !href.isBlank()) out.add(new Link(href, role));
  }
}
