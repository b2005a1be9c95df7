package org.spiparchiver.mirror.site;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.spiparchiver.mirror.SiteMove;
import org.spiparchiver.model.Json;

/**
 * What the offline copy can show: every URL that has been answered 200 at least once, with where
 * its latest 200 content is in the WARC files, its media type, and the date of its latest 200
 * capture (a revisit record counts: the content was seen again that day). A URL that later
 * answered 404 stays: the copy keeps what the archive holds. After the site moved, the captures
 * made at its old address count as the new address's ({@link SiteMove}): the copy is the site's.
 */
public final class Captures {
  /** The latest content of a URL: the response record holding it, and when it was last seen (seconds). */
  public record Entry(URI url, String mediaType, String warcFile, long offset, Instant date) {}

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private final Map<String, Entry> byUrl = new HashMap<>();
  private final List<SiteMove> moves;

  /** Captures of a site that never moved. */
  public Captures() {
    this(List.of());
  }

  /** {@code moves}: from each earlier address of the site to its current one. */
  public Captures(List<SiteMove> moves) {
    this.moves = List.copyOf(moves);
  }

  public Optional<Entry> get(URI url) {
    return Optional.ofNullable(byUrl.get(current(url).toString()));
  }

  /** {@code url} at the site's current address. */
  private URI current(URI url) {
    String u = url.toString();
    for (SiteMove m : moves) u = m.rebase(u);
    return u.equals(url.toString()) ? url : URI.create(u);
  }

  public Collection<Entry> entries() {
    return byUrl.values();
  }

  /** A 200 response record: new content for {@code url}. */
  public void response(URI captured, String mediaType, String warcFile, long offset, Instant date) {
    URI url = current(captured);
    byUrl.put(url.toString(), new Entry(url, baseType(mediaType), warcFile, offset, date.truncatedTo(ChronoUnit.SECONDS)));
  }

  /** A 200 revisit record: the same content, seen again. */
  public void revisit(URI captured, Instant date) {
    URI url = current(captured);
    Entry e = byUrl.get(url.toString());
    if (e != null) byUrl.put(url.toString(), new Entry(url, e.mediaType(), e.warcFile(), e.offset(), date.truncatedTo(ChronoUnit.SECONDS)));
  }

  /** {@code text/css} from {@code text/css;;charset=UTF-8}, lower case; null stays null. */
  public static String baseType(String contentType) {
    if (contentType == null) return null;
    String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return base.isEmpty() ? null : base;
  }

  /**
   * From the CDXJ indexes beside the WARC files (written with each record, rebuilt after a repair):
   * fast enough to read at the start of every crawl. Lines are applied in capture order.
   */
  public static Captures fromCdxj(Path warcDir, List<SiteMove> moves) throws IOException {
    Captures c = new Captures(moves);
    if (!Files.isDirectory(warcDir)) return c;
    List<String[]> lines = new ArrayList<>();
    try (var files = Files.list(warcDir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".cdxj")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          String[] parts = line.split(" ", 3);
          if (parts.length == 3) lines.add(parts);
        }
      }
    }
    // Capture order: time, then file and offset (two captures in one second keep their order).
    List<Object[]> parsed = new ArrayList<>();
    for (String[] p : lines) {
      try {
        JsonNode j = Json.mapper().readTree(p[2]);
        parsed.add(new Object[] {p[1], j.path("filename").asText(), j.path("offset").asLong(), j});
      } catch (IOException e) {
        // a damaged index line: that capture is simply not shown until a rebuild
      }
    }
    parsed.sort(Comparator.<Object[], String>comparing(o -> (String) o[0])
        .thenComparing(o -> (String) o[1]).thenComparingLong(o -> (Long) o[2]));
    for (Object[] o : parsed) {
      JsonNode j = (JsonNode) o[3];
      if (!"200".equals(j.path("status").asText())) continue;
      URI url;
      try {
        url = URI.create(j.path("url").asText());
      } catch (IllegalArgumentException e) {
        continue;
      }
      Instant date = LocalDateTime.parse((String) o[0], STAMP).toInstant(ZoneOffset.UTC);
      String mime = j.path("mime").asText();
      if (mime.equals("warc/revisit")) c.revisit(url, date);
      else c.response(url, mime, (String) o[1], (Long) o[2], date);
    }
    return c;
  }
}
