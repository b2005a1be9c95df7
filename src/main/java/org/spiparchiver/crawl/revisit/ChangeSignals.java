package org.spiparchiver.crawl.revisit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.spiparchiver.extract.DisplayedDates;
import org.spiparchiver.extract.SpipUrls;

/**
 * What listing pages and the RSS backend say about when articles last changed, so a re-crawl
 * re-fetches an article when its signal moves instead of re-fetching every page (SPIP pages
 * ignore conditional requests). Displayed dates are reduced to ISO dates, so one article listed
 * in two languages ("7 octobre 2010", "7 de octubre de 2010") has one signal.
 */
public final class ChangeSignals {
  private ChangeSignals() {}

  /**
   * Escal rubrique listings show, per article, "Article mis en ligne le …" and "dernière
   * modification le …". Returns article id → {@code published/modified}; articles listed without dates are absent.
   */
  public static Map<Integer, String> fromListing(Document doc) {
    Map<Integer, String> signals = new LinkedHashMap<>();
    for (Element entry : doc.select(".cadre-articles-rubrique")) {
      Element link = entry.selectFirst("a[href]");
      String published = date(entry.select(".date-article").text());
      String modified = date(entry.select(".date-modif-article").text());
      if (link == null || published.isEmpty() && modified.isEmpty()) continue;
      articleId(link.absUrl("href")).ifPresent(id -> signals.putIfAbsent(id, published + "/" + modified));
    }
    return signals;
  }

  /** The RSS backend's items: article id → {@code dc:date} (SPIP puts the publication or update date there). */
  public static Map<Integer, String> fromRss(byte[] xml, URI feedUrl) {
    Document doc;
    try {
      doc = Jsoup.parse(new ByteArrayInputStream(xml), null, feedUrl.toString(), Parser.xmlParser());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen on an in-memory stream
    }
    Map<Integer, String> signals = new LinkedHashMap<>();
    for (Element item : doc.select("item")) {
      Element link = item.selectFirst("link");
      Element date = item.selectFirst("dc|date");
      if (link == null || date == null || date.text().isBlank()) continue;
      articleId(feedUrl.resolve(link.text().strip()).toString()).ifPresent(id -> signals.putIfAbsent(id, date.text().strip()));
    }
    return signals;
  }

  /** The date shown in {@code text} as ISO, else the text itself (still comparable run to run). */
  private static String date(String text) {
    return DisplayedDates.parse(text).map(LocalDate::toString).orElse(text.strip());
  }

  private static OptionalInt articleId(String url) {
    try {
      return SpipUrls.articleId(URI.create(url));
    } catch (IllegalArgumentException e) {
      return OptionalInt.empty();
    }
  }
}
