package org.spiparchiver.export;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spiparchiver.model.Article;

/**
 * The citation of an article, once for CSL-JSON and BibTeX: an article in a magazine (the site),
 * its issue, publication date, URL, the capture date as the access date and the WARC record as its
 * place in the archive.
 *
 * @param magazine the container title; null to use the host name of each article's URL
 */
public record Citations(String magazine, ExportPaths paths) {
  /** The name of the archive in citations. */
  static final String ARCHIVE = "spip-archiver WARC archive";

  /** The citation key / CSL id: stable across exports ({@code article839}). */
  static String key(Article a) {
    return "article" + a.id();
  }

  String magazineOf(Article a) {
    if (magazine != null && !magazine.isBlank()) return magazine.strip();
    String host = URI.create(a.url()).getHost();
    return host == null ? a.url() : host.replaceFirst("^www\\.", "");
  }

  /** Where the capture lies: {@code warc/FILE#offset=N}, else the offline page, else null. */
  String archiveLocation(Article a) {
    String warc = paths.warcPath(a);
    if (warc != null) return warc + (a.warcOffset() == null ? "" : "#offset=" + a.warcOffset());
    return paths.pagePath(a.url());
  }

  /** Year, month, day of an ISO date or date-time; shorter when the date is partial. */
  static List<Integer> dateParts(String iso) {
    if (iso == null || iso.length() < 4) return List.of();
    List<Integer> parts = new ArrayList<>();
    parts.add(Integer.parseInt(iso.substring(0, 4)));
    if (iso.length() >= 7) parts.add(Integer.parseInt(iso.substring(5, 7)));
    if (iso.length() >= 10) parts.add(Integer.parseInt(iso.substring(8, 10)));
    return parts;
  }

  /** The CSL-JSON item (names as in the CSL data schema). */
  Map<String, Object> csl(Article a) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", key(a));
    item.put("type", "article-magazine");
    if (a.title() != null) item.put("title", a.title());
    // Names are kept whole: "Ramón García Oliva" cannot be split into given and family names safely.
    if (!a.authors().isEmpty()) item.put("author", a.authors().stream().map(n -> Map.of("literal", n)).toList());
    item.put("container-title", magazineOf(a));
    if (a.issue() != null && a.issue().number() != null) item.put("issue", String.valueOf(a.issue().number()));
    if (a.section() != null) item.put("section", a.section());
    date(item, "issued", a.published());
    item.put("URL", a.url());
    date(item, "accessed", a.capturedAt());
    String location = archiveLocation(a);
    if (location != null) {
      item.put("archive", ARCHIVE);
      item.put("archive_location", location);
    }
    if (a.lang() != null) item.put("language", a.lang());
    if (!a.keywords().isEmpty()) item.put("keyword", String.join(", ", a.keywords()));
    return item;
  }

  private static void date(Map<String, Object> item, String name, String iso) {
    List<Integer> parts = dateParts(iso);
    if (!parts.isEmpty()) item.put(name, Map.of("date-parts", List.of(parts)));
  }
}
