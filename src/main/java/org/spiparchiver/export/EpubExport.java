package org.spiparchiver.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Image;
import org.spiparchiver.model.Issue;

/**
 * One EPUB 3 per issue: the issue's logo as cover when archived, a table of contents by section, one
 * XHTML chapter per article (laid out as in the PDF, with its archived images), and the magazine,
 * issue number and date and the articles' languages as metadata.
 */
public final class EpubExport {
  static final String MIMETYPE = "application/epub+zip";
  static final String CSS = """
      body { font-family: serif; line-height: 1.4; }
      .url, .path, .date, .copyright { font-size: 0.8em; }
      .surtitle { font-weight: bold; margin-bottom: 0; }
      .subtitle { font-style: italic; }
      .figure { text-align: center; margin: 1em 0; }
      .figure img { max-width: 100%; height: auto; }
      .caption { font-size: 0.85em; font-style: italic; }
      .chapo { font-weight: bold; }
      """;
  private static final Map<String, String> IMAGE_TYPES = Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg",
      "png", "image/png", "gif", "image/gif", "svg", "image/svg+xml", "webp", "image/webp");

  private final ExportPaths paths;
  private final Citations citations;

  public EpubExport(ExportPaths paths, Citations citations) {
    this.paths = paths;
    this.citations = citations;
  }

  /** The file name of an issue's EPUB: {@code issue-14.epub}. */
  public static String fileName(Issue issue) {
    String key = issue.number() != null ? String.valueOf(issue.number())
        : issue.title().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
    return "issue-" + key + ".epub";
  }

  /** A manifest item: its path under OEBPS/, media type, properties (or null). */
  private record Item(String id, String href, String type, String properties) {}

  /** Writes the issue's EPUB into {@code dir}; {@code articles} in reading order. */
  public Path write(Issue issue, List<Article> inOrder, Path dir) throws IOException {
    // Reading order follows the table of contents: sections in the order of their first article.
    Map<String, List<Article>> bySection = new LinkedHashMap<>();
    for (Article a : inOrder) bySection.computeIfAbsent(String.valueOf(a.section()), k -> new ArrayList<>()).add(a);
    List<Article> articles = bySection.values().stream().flatMap(List::stream).toList();
    Path target = dir.resolve(fileName(issue));
    String magazine = citations.magazineOf(articles.get(0));
    List<Item> items = new ArrayList<>();
    List<String> spine = new ArrayList<>();
    try (OutputFile file = OutputFile.create(target); ZipOutputStream zip = new ZipOutputStream(file.stream())) {
      stored(zip, "mimetype", MIMETYPE.getBytes(StandardCharsets.US_ASCII));
      deflated(zip, "META-INF/container.xml", """
          <?xml version="1.0" encoding="UTF-8"?>
          <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
            <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
          </container>
          """);
      deflated(zip, "OEBPS/style.css", CSS);
      items.add(new Item("css", "style.css", "text/css", null));
      Path cover = cover(issue, articles);
      if (cover != null) {
        String ext = extension(cover);
        zip.putNextEntry(new ZipEntry("OEBPS/images/cover." + ext));
        Files.copy(cover, zip);
        items.add(new Item("cover-image", "images/cover." + ext, IMAGE_TYPES.get(ext), "cover-image"));
        deflated(zip, "OEBPS/cover.xhtml", xhtml(page(issue.title(), "<div class=\"figure\"><img src=\"images/cover."
            + ext + "\" alt=\"" + x(issue.title()) + "\"/></div>")));
        items.add(new Item("cover", "cover.xhtml", "application/xhtml+xml", null));
        spine.add("cover");
      }
      spine.add("nav");
      Set<String> written = new LinkedHashSet<>();
      for (Article a : articles) {
        Map<Image, String> srcs = new LinkedHashMap<>();
        for (Image i : ArticleHtml.printedImages(a)) {
          Path f = paths.localFile(i.localPath());
          String ext = f == null ? null : extension(f);
          if (ext == null || !IMAGE_TYPES.containsKey(ext)) continue;
          String href = "images/" + (i.digest() == null ? "a" + a.id() + "-" + srcs.size() : i.digest().replaceAll("[^A-Za-z0-9]", "")) + "." + ext;
          srcs.put(i, href);
          if (written.add(href)) {
            zip.putNextEntry(new ZipEntry("OEBPS/" + href));
            Files.copy(f, zip);
            items.add(new Item("img" + written.size(), href, IMAGE_TYPES.get(ext), null));
          }
        }
        Document doc = ArticleHtml.document(a, magazine, srcs::get, null);
        doc.head().select("style").remove();
        doc.head().select("meta[charset]").remove();
        doc.head().appendElement("link").attr("rel", "stylesheet").attr("href", "style.css").attr("type", "text/css");
        deflated(zip, "OEBPS/" + chapter(a), xhtml(doc.selectFirst("html").outerHtml()));
        items.add(new Item("a" + a.id(), chapter(a), "application/xhtml+xml", null));
        spine.add("a" + a.id());
      }
      deflated(zip, "OEBPS/nav.xhtml", xhtml(nav(issue, articles)));
      items.add(new Item("nav", "nav.xhtml", "application/xhtml+xml", "nav"));
      deflated(zip, "OEBPS/content.opf", opf(issue, articles, magazine, items, spine));
      zip.finish();
      file.commit();
    }
    return target;
  }

  static String chapter(Article a) {
    return "article" + a.id() + ".xhtml";
  }

  /** The issue's logo: the rubrique logo the articles show (SPIP's IMG/logo/ file), when archived. */
  private Path cover(Issue issue, List<Article> articles) {
    for (Article a : articles) {
      for (Image i : a.images()) {
        if (Image.LOGO.equals(i.role()) && i.originalUrl() != null && i.originalUrl().contains("/IMG/logo/")) {
          Path f = paths.localFile(i.localPath());
          if (f != null && IMAGE_TYPES.containsKey(extension(f))) return f;
        }
      }
    }
    Path f = issue.rubriqueId() == null ? null : paths.rubriqueLogo(articles.get(0).url(), issue.rubriqueId());
    return f != null && IMAGE_TYPES.containsKey(extension(f)) ? f : null;
  }

  private static String extension(Path f) {
    String n = f.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** The table of contents: sections in the order of their first article, articles under them. */
  private static String nav(Issue issue, List<Article> articles) {
    Map<String, List<Article>> bySection = new LinkedHashMap<>();
    for (Article a : articles) bySection.computeIfAbsent(a.section() == null ? issue.title() : a.section(), k -> new ArrayList<>()).add(a);
    Element nav = new Element("nav").attr("epub:type", "toc").attr("id", "toc");
    nav.appendElement("h1").text(issue.title());
    Element sections = nav.appendElement("ol");
    for (Map.Entry<String, List<Article>> s : bySection.entrySet()) {
      Element li = sections.appendElement("li");
      li.appendElement("span").text(s.getKey());
      Element list = li.appendElement("ol");
      for (Article a : s.getValue()) {
        list.appendElement("li").appendElement("a").attr("href", chapter(a)).text(a.title() == null ? "Article " + a.id() : a.title());
      }
    }
    Document.OutputSettings xml = new Document.OutputSettings().syntax(Document.OutputSettings.Syntax.xml)
        .escapeMode(Entities.EscapeMode.xhtml).prettyPrint(false);
    Document holder = Document.createShell("");
    holder.outputSettings(xml);
    holder.body().appendChild(nav);
    return page(issue.title(), nav.outerHtml());
  }

  private static String page(String title, String body) {
    return "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\"><head><title>"
        + x(title) + "</title><link rel=\"stylesheet\" href=\"style.css\" type=\"text/css\"/></head><body>"
        + body + "</body></html>";
  }

  /** Text for XML: only the five predefined entities (an EPUB reader knows no HTML entities). */
  static String x(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String xhtml(String html) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n" + html + "\n";
  }

  private String opf(Issue issue, List<Article> articles, String magazine, List<Item> items, List<String> spine) {
    String id = "urn:uuid:" + UUID.nameUUIDFromBytes((articles.get(0).url().replaceFirst("spip\\.php.*$", "") + "|"
        + issue.title()).getBytes(StandardCharsets.UTF_8));
    Set<String> langs = new LinkedHashSet<>();
    for (Article a : articles) if (a.lang() != null) langs.add(a.lang());
    if (langs.isEmpty()) langs.add("und");
    String date = articles.stream().map(Article::published).filter(p -> p != null && p.length() >= 10)
        .map(p -> p.substring(0, 10)).sorted().findFirst().orElse(null);
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\">\n")
        .append("<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
        .append("<dc:identifier id=\"uid\">").append(id).append("</dc:identifier>\n")
        .append("<dc:title>").append(x(magazine + " — " + issue.title())).append("</dc:title>\n")
        .append("<dc:publisher>").append(x(magazine)).append("</dc:publisher>\n");
    for (String l : langs) b.append("<dc:language>").append(x(l)).append("</dc:language>\n");
    if (date != null) b.append("<dc:date>").append(date).append("</dc:date>\n");
    b.append("<meta property=\"dcterms:modified\">").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("</meta>\n")
        .append("<meta property=\"belongs-to-collection\" id=\"magazine\">").append(x(magazine)).append("</meta>\n")
        .append("<meta refines=\"#magazine\" property=\"collection-type\">series</meta>\n");
    if (issue.number() != null) {
      b.append("<meta refines=\"#magazine\" property=\"group-position\">").append(issue.number()).append("</meta>\n");
    }
    b.append("</metadata>\n<manifest>\n");
    for (Item i : items) {
      b.append("<item id=\"").append(i.id()).append("\" href=\"").append(i.href()).append("\" media-type=\"")
          .append(i.type()).append('"').append(i.properties() == null ? "" : " properties=\"" + i.properties() + "\"")
          .append("/>\n");
    }
    b.append("</manifest>\n<spine>\n");
    for (String s : spine) b.append("<itemref idref=\"").append(s).append("\"/>\n");
    return b.append("</spine>\n</package>\n").toString();
  }

  private static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(content.length);
    e.setCompressedSize(content.length);
    CRC32 crc = new CRC32();
    crc.update(content);
    e.setCrc(crc.getValue());
    zip.putNextEntry(e);
    zip.write(content);
    zip.closeEntry();
  }

  private static void deflated(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
