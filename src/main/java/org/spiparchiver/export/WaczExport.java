package org.spiparchiver.export;

import java.io.BufferedReader;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.spiparchiver.config.Version;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

/**
 * A WACZ 1.1.1 package of the mirror's WARC files, for ReplayWeb.page and other replay tools:
 * {@code archive/*.warc.gz} (stored, as they are), {@code indexes/index.cdxj} (the per-file CDXJ
 * merged in sorted order), {@code pages/pages.jsonl} (every article page, its title and text, for
 * full-text search), {@code datapackage.json} (SHA-256 and size of every file) and
 * {@code datapackage-digest.json}. Streams everything: memory does not grow with the archive.
 */
public final class WaczExport {
  static final String VERSION = "1.1.1";
  private static final int BUFFER = 1 << 16;

  private final ExportPaths paths;

  public WaczExport(ExportPaths paths) {
    this.paths = paths;
  }

  /** One file of the package, as listed in datapackage.json. */
  record Resource(String name, String path, String hash, long bytes) {}

  /** Writes the package to {@code target}; {@code articles} gives the pages. Returns the page count. */
  public int write(ArticleStream articles, String title, Path target, Progress progress) throws IOException {
    List<Path> warcs = paths.warcFiles();
    if (warcs.isEmpty()) throw new ExportException("no WARC files in " + paths.warcDir() + ": run `spip-archiver crawl` first");
    List<Resource> resources = new ArrayList<>();
    int pages;
    try (OutputFile file = OutputFile.create(target); ZipOutputStream zip = new ZipOutputStream(file.stream())) {
      progress.start(warcs.size() + articles.size(), "wacz");
      for (Path warc : warcs) {
        resources.add(storeWarc(zip, warc));
        progress.step();
      }
      resources.add(entry(zip, "indexes/index.cdxj", out -> mergeCdxj(warcs, out)));
      int[] count = {0};
      resources.add(entry(zip, "pages/pages.jsonl", out -> count[0] = pages(articles, out, progress)));
      pages = count[0];
      Map<String, Object> pkg = new LinkedHashMap<>();
      pkg.put("profile", "data-package");
      pkg.put("wacz_version", VERSION);
      pkg.put("title", title);
      pkg.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      pkg.put("software", "spip-archiver " + Version.get());
      List<Map<String, Object>> list = new ArrayList<>();
      for (Resource r : resources) {
        list.add(Map.of("name", r.name(), "path", r.path(), "hash", r.hash(), "bytes", r.bytes()));
      }
      pkg.put("resources", list);
      byte[] datapackage = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(pkg);
      Resource dp = entry(zip, "datapackage.json", out -> out.write(datapackage));
      Map<String, Object> digest = new LinkedHashMap<>();
      digest.put("path", dp.path());
      digest.put("hash", dp.hash());
      byte[] digestJson = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(digest);
      entry(zip, "datapackage-digest.json", out -> out.write(digestJson));
      zip.finish();
      file.commit();
    }
    return pages;
  }

  /** A WARC file stored without compression (it is gzip already; replay tools seek into it). */
  private static Resource storeWarc(ZipOutputStream zip, Path warc) throws IOException {
    CRC32 crc = new CRC32();
    MessageDigest sha = sha256();
    byte[] buf = new byte[BUFFER];
    long size = 0;
    try (InputStream in = Files.newInputStream(warc)) {
      for (int n; (n = in.read(buf)) > 0; size += n) {
        crc.update(buf, 0, n);
        sha.update(buf, 0, n);
      }
    }
    String name = warc.getFileName().toString();
    ZipEntry e = new ZipEntry("archive/" + name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(size);
    e.setCompressedSize(size);
    e.setCrc(crc.getValue());
    zip.putNextEntry(e);
    Files.copy(warc, zip);
    zip.closeEntry();
    return new Resource(name, "archive/" + name, "sha256:" + HexFormat.of().formatHex(sha.digest()), size);
  }

  interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** A compressed entry; its SHA-256 and size are taken from the bytes as they are written. */
  private static Resource entry(ZipOutputStream zip, String path, Body body) throws IOException {
    zip.putNextEntry(new ZipEntry(path));
    MessageDigest sha = sha256();
    long[] size = {0};
    OutputStream counting = new FilterOutputStream(zip) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        size[0] += len;
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        size[0]++;
      }

      @Override
      public void close() {}
    };
    try (DigestOutputStream out = new DigestOutputStream(counting, sha)) {
      body.write(out);
    }
    zip.closeEntry();
    String name = path.substring(path.lastIndexOf('/') + 1);
    return new Resource(name, path, "sha256:" + HexFormat.of().formatHex(sha.digest()), size[0]);
  }

  /** The per-file CDXJ indexes (each sorted) merged into one sorted index, a line per reader in memory. */
  static void mergeCdxj(List<Path> warcs, OutputStream out) throws IOException {
    record Head(String line, BufferedReader reader) {}
    PriorityQueue<Head> queue = new PriorityQueue<>((a, b) -> a.line().compareTo(b.line()));
    List<BufferedReader> readers = new ArrayList<>();
    try {
      for (Path warc : warcs) {
        Path cdxj = ExportPaths.cdxjOf(warc);
        if (!Files.isRegularFile(cdxj)) continue;
        BufferedReader r = Files.newBufferedReader(cdxj, StandardCharsets.UTF_8);
        readers.add(r);
        String first = r.readLine();
        if (first != null) queue.add(new Head(first, r));
      }
      while (!queue.isEmpty()) {
        Head h = queue.poll();
        if (!h.line().isBlank()) out.write((h.line() + "\n").getBytes(StandardCharsets.UTF_8));
        String next = h.reader().readLine();
        if (next != null) queue.add(new Head(next, h.reader()));
      }
    } finally {
      for (BufferedReader r : readers) r.close();
    }
  }

  /** {@code pages.jsonl}: a header line, then one line per archived article page. */
  private static int pages(ArticleStream articles, OutputStream out, Progress progress) throws IOException {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("format", "json-pages-1.0");
    header.put("id", "pages");
    header.put("title", "Articles");
    header.put("hasText", true);
    out.write((Json.mapper().writeValueAsString(header) + "\n").getBytes(StandardCharsets.UTF_8));
    int[] n = {0};
    try {
      articles.forEach(a -> {
        if (a.capturedAt() == null) return; // not from an archived capture: nothing to replay
        try {
          out.write((Json.mapper().writeValueAsString(page(a)) + "\n").getBytes(StandardCharsets.UTF_8));
          n[0]++;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, progress::step);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return n[0];
  }

  static Map<String, Object> page(Article a) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", "article" + a.id());
    p.put("url", a.url());
    p.put("ts", Instant.parse(a.capturedAt()).truncatedTo(ChronoUnit.SECONDS).toString());
    p.put("title", a.title());
    StringBuilder text = new StringBuilder();
    for (String s : new String[] {a.surtitle(), a.title(), a.subtitle(), a.chapo(), a.text(), a.ps()}) {
      if (s != null && !s.isBlank()) text.append(text.length() > 0 ? "\n\n" : "").append(s);
    }
    for (String note : a.notes()) text.append("\n\n").append(note);
    p.put("text", text.toString());
    return p;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
