package org.spiparchiver.export;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Image;

/**
 * An article as an XHTML document laid out like the site's own print ({@code article_pdf}): the
 * article's URL, surtitle, title, the rubrique path, "Date de mise en ligne : …", the copyright line,
 * the images with their captions, the text, the notes and "Post-scriptum :". Used for PDF and EPUB.
 */
public final class ArticleHtml {
  private static final DateTimeFormatter PRINT_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

  private ArticleHtml() {}

  /** "Tuesday 13 May 2008", as the site's print shows the publication day; null without a date. */
  static String printDate(String iso) {
    if (iso == null || iso.length() < 10) return null;
    return LocalDate.parse(iso.substring(0, 10)).format(PRINT_DATE);
  }

  /** "Archives - … - N°13. Mai/may/ 2008 - Livres/Books -": the rubriques from the top, as printed. */
  static String path(Article a) {
    List<String> path = a.rubriquePath().isEmpty() && a.section() != null ? List.of(a.section()) : a.rubriquePath();
    return path.isEmpty() ? null : String.join(" - ", path) + " -";
  }

  /** The images shown in the print: inline and portfolio ones (the logo is decoration). */
  static List<Image> printedImages(Article a) {
    List<Image> out = new ArrayList<>();
    for (Image i : a.images()) if (!Image.LOGO.equals(i.role())) out.add(i);
    return out;
  }

  static String caption(Image i) {
    List<String> parts = new ArrayList<>();
    for (String s : new String[] {i.title(), i.caption(), i.credits()}) if (s != null && !s.isBlank()) parts.add(s.strip());
    return String.join(" — ", parts);
  }

  /**
   * The document.
   *
   * @param imageSrc the {@code src} of an image, or null to leave it out (not archived)
   * @param css the style sheet
   */
  public static Document document(Article a, String magazine, Function<Image, String> imageSrc, String css) {
    Document doc = Document.createShell("");
    doc.outputSettings().syntax(Document.OutputSettings.Syntax.xml).escapeMode(Entities.EscapeMode.xhtml).prettyPrint(false);
    Element html = doc.selectFirst("html").attr("xmlns", "http://www.w3.org/1999/xhtml");
    if (a.lang() != null) html.attr("lang", a.lang()).attr("xml:lang", a.lang());
    Element head = doc.head();
    head.appendElement("meta").attr("charset", "utf-8");
    head.appendElement("title").text(a.title() == null ? "Article " + a.id() : a.title());
    if (!a.authors().isEmpty()) head.appendElement("meta").attr("name", "author").attr("content", String.join(", ", a.authors()));
    head.appendElement("meta").attr("name", "subject").attr("content", subject(a, magazine));
    if (!a.keywords().isEmpty()) head.appendElement("meta").attr("name", "keywords").attr("content", String.join(", ", a.keywords()));
    if (css != null) head.appendElement("style").appendChild(new org.jsoup.nodes.DataNode(css));
    Element body = doc.body();
    body.appendElement("p").addClass("url").text(a.url());
    if (a.surtitle() != null) body.appendElement("p").addClass("surtitle").text(a.surtitle());
    body.appendElement("h1").text(a.title() == null ? "(untitled)" : a.title());
    if (a.subtitle() != null) body.appendElement("p").addClass("subtitle").text(a.subtitle());
    if (!a.authors().isEmpty() && !String.join(", ", a.authors()).equals(a.surtitle())) {
      body.appendElement("p").addClass("authors").text(String.join(", ", a.authors()));
    }
    String path = path(a);
    if (path != null) body.appendElement("p").addClass("path").text(path);
    String date = printDate(a.published());
    if (date != null) body.appendElement("p").addClass("date").text("Date de mise en ligne : " + date);
    body.appendElement("p").addClass("copyright").text("Copyright © " + magazine + " - All rights reserved");
    for (Image i : printedImages(a)) {
      String src = imageSrc.apply(i);
      if (src == null) continue;
      Element fig = body.appendElement("div").addClass("figure");
      Element img = fig.appendElement("img").attr("src", src).attr("alt", caption(i));
      if (i.width() != null && i.height() != null && i.width() > 0) {
        // At most the text width (about 450 CSS px on A4 with the margins), proportions kept.
        int w = Math.min(i.width(), 450);
        img.attr("width", String.valueOf(w)).attr("height", String.valueOf(Math.round((double) i.height() * w / i.width())));
      }
      String caption = caption(i);
      if (!caption.isEmpty()) fig.appendElement("p").addClass("caption").text(caption);
    }
    if (a.chapo() != null) paragraphs(body.appendElement("div").addClass("chapo"), a.chapo());
    if (a.text() != null) paragraphs(body.appendElement("div").addClass("text"), a.text());
    if (!a.notes().isEmpty()) {
      Element notes = body.appendElement("div").addClass("notes");
      notes.appendElement("h2").text("Notes");
      for (int n = 0; n < a.notes().size(); n++) notes.appendElement("p").text("[" + (n + 1) + "] " + a.notes().get(n));
    }
    if (a.ps() != null) {
      Element ps = body.appendElement("div").addClass("ps");
      ps.appendElement("h2").text("Post-scriptum :");
      paragraphs(ps, a.ps());
    }
    return doc;
  }

  /** The magazine, issue, publication day and URL: the PDF's subject. */
  static String subject(Article a, String magazine) {
    StringBuilder s = new StringBuilder(magazine);
    if (a.issue() != null) s.append(", ").append(a.issue().title());
    if (a.published() != null) s.append(", published ").append(a.published(), 0, Math.min(10, a.published().length()));
    return s.append(", ").append(a.url()).toString();
  }

  /** Plain text into paragraphs (blank lines) and line breaks. */
  static void paragraphs(Element parent, String text) {
    for (String para : text.strip().split("\\n\\s*\\n")) {
      Element p = parent.appendElement("p");
      String[] lines = para.split("\\n");
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) p.appendElement("br");
        p.appendText(lines[i]);
      }
    }
  }
}
