package org.spiparchiver.extract;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Fixture pages as an unknown theme would serve them, built from the captured pages (never stored
 * twice). <b>Stripped</b>: every {@code id} and every class that SPIP's core does not emit are
 * removed; page text, tags, links, {@code <title>}, {@code <meta>}, {@code <html lang>},
 * {@code spip_*} and crayon classes are kept. <b>Shuffled</b>: the theme's classes renamed, each
 * block wrapped in an extra {@code div}, and the publication date moved below the text.
 */
final class ThemeVariants {
  private ThemeVariants() {}

  /** Classes of SPIP's core markup: documents, logos, notes, links (spip_*), and the crayons of front-end editing. */
  private static final Pattern CORE_CLASS = Pattern.compile("spip_.*|crayon|[a-z]+-[a-z_]+-\\d+");
  /** Where the two fixture themes show the publication date and the text (for the "moved date" variant). */
  private static final String DATE = ".date-article, .info-publi";
  private static final String TEXT = "#texte-article, .texte-article, .surlignable > .texte, .main .texte";

  static byte[] stripped(byte[] page, URI url) {
    Document doc = ArticleExtractor.parse(page, url);
    for (Element e : doc.getAllElements()) {
      e.removeAttr("id");
      if (!e.hasAttr("class")) continue;
      List<String> kept = new ArrayList<>();
      for (String c : e.classNames()) {
        if (CORE_CLASS.matcher(c).matches()) kept.add(c);
      }
      if (kept.isEmpty()) e.removeAttr("class");
      else e.attr("class", String.join(" ", kept));
    }
    return bytes(doc);
  }

  static byte[] shuffled(byte[] page, URI url) {
    Document doc = ArticleExtractor.parse(page, url);
    Element date = doc.selectFirst(DATE);
    Element text = doc.selectFirst(TEXT);
    if (date != null && text != null && !date.parents().contains(text) && !text.parents().contains(date)) {
      date.remove();
      text.after(date);
    }
    for (Element e : doc.body().getAllElements()) {
      if (e == doc.body()) continue;
      if (e.hasAttr("id")) e.attr("id", "t" + Integer.toHexString(e.id().hashCode()));
      if (e.hasAttr("class")) {
        List<String> renamed = new ArrayList<>();
        for (String c : e.classNames()) {
          renamed.add(CORE_CLASS.matcher(c).matches() ? c : "c" + Integer.toHexString(c.toLowerCase(Locale.ROOT).hashCode()));
        }
        e.attr("class", String.join(" ", renamed));
      }
    }
    doc.body().classNames(java.util.Set.of());
    for (Element e : new ArrayList<>(doc.body().select("div, section, article, aside, header, footer, nav, main"))) {
      e.wrap("<div class=\"wrap\"></div>");
    }
    return bytes(doc);
  }

  private static byte[] bytes(Document doc) {
    doc.outputSettings().charset(StandardCharsets.UTF_8).prettyPrint(false);
    return doc.outerHtml().getBytes(StandardCharsets.UTF_8);
  }
}
