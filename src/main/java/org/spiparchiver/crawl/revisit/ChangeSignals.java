package org.spiparchiver.crawl.revisit;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.spiparchiver.extract.SpipUrls;

/**
 * What listing pages and the RSS backend say about when articles last changed, so a re-crawl
 * re-fetches an article when its signal moves instead of re-fetching every page (SPIP pages
 * ignore conditional requests). A signal is the displayed text, compared as is: no date parsing
 * is needed to notice that it moved.
 */
public final class ChangeSignals {
  private ChangeSignals() {}

  /**
   * Escal rubrique listings show, per article, "Article mis en ligne le …" and "dernière
   * modification le …". Returns article id → those texts; articles listed without dates are absent.
   */
  public static Map<Integer, String> fromListing(String html, URI pageUrl) {
    Document doc = Jsoup.parse(html, pageUrl.toString());
    Map<Integer, String> signals = new LinkedHashMap<>();
    for (Element entry : doc.select(".cadre-articles-rubrique")) {
      Element link = entry.selectFirst("a[href]");
      String dates = (entry.select(".date-article").text() + " " + entry.select(".date-modif-article").text()).strip();
      if (link == null || dates.isEmpty()) continue;
      articleId(link.absUrl("href")).ifPresent(id -> signals.putIfAbsent(id, dates));
    }
    return signals;
  }

  /** The RSS backend's items: article id → {@code dc:date} (SPIP puts the publication or update date there). */
  public static Map<Integer, String> fromRss(String xml, URI feedUrl) {
    Document doc = Jsoup.parse(xml, feedUrl.toString(), Parser.xmlParser());
    Map<Integer, String> signals = new LinkedHashMap<>();
    for (Element item : doc.select("item")) {
      Element link = item.selectFirst("link");
      Element date = item.selectFirst("dc|date");
      if (link == null || date == null || date.text().isBlank()) continue;
      articleId(feedUrl.resolve(link.text().strip()).toString()).ifPresent(id -> signals.putIfAbsent(id, date.text().strip()));
    }
    return signals;
  }

  private static OptionalInt articleId(String url) {
    try {
      return SpipUrls.articleId(URI.create(url));
    } catch (IllegalArgumentException e) {
      return OptionalInt.empty();
    }
  }
}
