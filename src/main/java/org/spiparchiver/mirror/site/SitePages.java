package org.spiparchiver.mirror.site;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.spiparchiver.mirror.HtmlPages;

/** The files of the copy made from archived bodies: pages and stylesheets rewritten, banners, the host index. */
final class SitePages {
  static final String ARCHIVED_FROM = "archived-from";
  static final String ARCHIVED_DATE = "archived-date";
  static final String BANNER_CLASS = "spip-archiver-removed";
  private static final Pattern CSS_CHARSET = Pattern.compile("^\\uFEFF?@charset\\s+\"([A-Za-z0-9_.:-]{1,40})\"");

  private SitePages() {}

  /** A page rewritten for the copy, written as {@code self}, saying where and when it was captured. */
  static byte[] page(byte[] body, String contentType, URI url, Instant date, String self, Linker linker) {
    // The one decoding rule, with its parse limits: a hostile page cannot exhaust the copy's memory.
    HtmlPages.Page parsed = HtmlPages.parse(body, contentType, url);
    if (parsed instanceof HtmlPages.TooComplex tc) return tooComplex(url, date, tc.reason());
    Document doc = ((HtmlPages.Parsed) parsed).document();
    doc.select("base").remove();
    new HtmlRewriter(linker, url, self).rewrite(doc);
    Element head = doc.head();
    doc.select("meta[http-equiv~=(?i)content-type], meta[name=" + ARCHIVED_FROM + "], meta[name=" + ARCHIVED_DATE + "]").remove();
    Element charset = head.selectFirst("meta[charset]");
    if (charset == null) charset = new Element("meta");
    charset.attr("charset", "utf-8");
    head.prependChild(charset);
    Element from = new Element("meta").attr("name", ARCHIVED_FROM).attr("content", url.toString());
    Element when = new Element("meta").attr("name", ARCHIVED_DATE).attr("content", date.toString());
    charset.after(when);
    charset.after(from);
    doc.outputSettings().charset(StandardCharsets.UTF_8).prettyPrint(false).escapeMode(Entities.EscapeMode.base);
    return doc.outerHtml().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The copy's page for a capture beyond the parse limits: a notice with the live link, nothing
   * embedded (the capture itself is in the WARC files, as received).
   */
  static byte[] tooComplex(URI url, Instant date, String reason) {
    String u = Entities.escape(url.toString());
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"" + ARCHIVED_FROM + "\" content=\"" + u
        + "\"><meta name=\"" + ARCHIVED_DATE + "\" content=\"" + date + "\"><title>Not in the offline copy</title></head>"
        + "<body><p>This page is archived in the WARC files but not in the offline copy: " + Entities.escape(reason)
        + ".</p><p><a href=\"" + u + "\">" + u + "</a></p></body></html>\n").getBytes(StandardCharsets.UTF_8);
  }

  /** A stylesheet with its references rewritten, in its own charset; untouched when it has none. */
  static byte[] css(byte[] body, URI url, String self, Linker linker) {
    Charset cs = cssCharset(body);
    String css = decode(body, cs);
    if (css == null) {
      cs = StandardCharsets.ISO_8859_1; // not valid in its charset: bytes kept one for one
      css = new String(body, cs);
    }
    String out = CssRewriter.rewrite(css, url, self, url, linker);
    return out.equals(css) ? body : out.getBytes(cs);
  }

  private static Charset cssCharset(byte[] body) {
    String head = new String(body, 0, Math.min(body.length, 80), StandardCharsets.ISO_8859_1);
    Matcher m = CSS_CHARSET.matcher(head.replace("\u00EF\u00BB\u00BF", "\uFEFF"));
    if (m.find()) {
      try {
        return Charset.forName(m.group(1));
      } catch (IllegalArgumentException e) {
        return StandardCharsets.UTF_8;
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static String decode(byte[] body, Charset cs) {
    try {
      return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The page with the "removed from the site" banner after its {@code <body>} tag (not part of the record). */
  static byte[] withBanner(byte[] page, String date) {
    String html = new String(page, StandardCharsets.UTF_8);
    if (html.contains("class=\"" + BANNER_CLASS + "\"")) return page;
    Matcher body = Pattern.compile("<body\\b[^>]*>", Pattern.CASE_INSENSITIVE).matcher(html);
    int at = body.find() ? body.end() : 0;
    String banner = "<div class=\"" + BANNER_CLASS + "\" style=\"background:#fff3cd;color:#533f03;border:1px solid #e0c36a;"
        + "padding:.6em 1em;margin:0;font:15px/1.4 sans-serif\">This page was removed from the site on "
        + Entities.escape(date.length() >= 10 ? date.substring(0, 10) : date) + ". This is the copy the archive kept.</div>";
    return (html.substring(0, at) + banner + html.substring(at)).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * One entry of the copy's index page: {@code title} and {@code url} shown, {@code href} the link
   * to the home page (null: shown unlinked, the copy lacks it), {@code articles} null when not counted.
   */
  record Home(String title, String url, String href, Integer articles) {}

  /** {@code site/index.html} when the copy holds several home pages (sites, or hosts of one site): one entry each. */
  static byte[] index(List<Home> homes) {
    StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Offline copy</title></head>"
        + "<body><h1>Offline copy</h1><ul>\n");
    for (Home h : homes) {
      String name = Entities.escape(h.title());
      b.append("<li>").append(h.href() == null ? name : "<a href=\"" + Entities.escape(h.href()) + "\">" + name + "</a>");
      if (h.url() != null && !h.url().equals(h.title())) b.append(" <span class=\"url\">").append(Entities.escape(h.url())).append("</span>");
      if (h.articles() != null) b.append(" — <span class=\"articles\">").append(h.articles()).append(h.articles() == 1 ? " article" : " articles").append("</span>");
      if (h.href() == null) b.append(" (home page not in the copy)");
      b.append("</li>\n");
    }
    return b.append("</ul></body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
  }
}
