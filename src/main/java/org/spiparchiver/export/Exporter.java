package org.spiparchiver.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.ArticleKey;
import org.spiparchiver.model.Issue;

/** Writes the selected records in a text format, one record at a time. */
public final class Exporter {
  private Exporter() {}

  /** Writes every record of {@code articles} to {@code out}; returns how many were written. */
  public static int records(Format format, ArticleStream articles, Writer out, Citations citations,
      ExportPaths paths, Progress progress) throws IOException {
    int[] written = {0};
    progress.start(articles.size(), format.label);
    try (RecordWriter w = RecordWriter.open(format, out, citations, paths)) {
      articles.forEach(a -> {
        write(w, a);
        written[0]++;
      }, progress::step);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.flush();
    return written[0];
  }

  /**
   * One PDF per article into {@code dir}; an article that cannot be rendered is reported in
   * {@code problems} and the others are still written. Returns how many were written.
   */
  public static int pdfs(ArticleStream articles, Path dir, Citations citations, ExportPaths paths, Progress progress,
      List<String> problems) throws IOException {
    Files.createDirectories(dir);
    PdfExport pdf = new PdfExport(paths, citations);
    int[] written = {0};
    progress.start(articles.size(), "pdf");
    articles.forEach(a -> {
      try {
        pdf.write(a, dir);
        written[0]++;
      } catch (IOException | RuntimeException e) {
        problems.add("article " + a.id() + ": no PDF: " + e.getMessage());
      }
    }, progress::step);
    return written[0];
  }

  /**
   * One EPUB per issue into {@code dir}. The records are read twice: once to group the ids by issue,
   * then one issue at a time (an issue's records are held while its book is written). Articles
   * without an issue (the magazine's own pages) are counted in {@code notes}, failures in {@code problems}.
   */
  public static int epubs(ArticleStream articles, Path dir, Citations citations, ExportPaths paths, Progress progress,
      List<String> problems, List<String> notes) throws IOException {
    Files.createDirectories(dir);
    Map<String, Issue> issues = new LinkedHashMap<>();
    Map<String, List<ArticleKey>> ids = new LinkedHashMap<>();
    int[] orphans = {0};
    articles.forEach(a -> {
      if (a.issue() == null) {
        orphans[0]++;
        return;
      }
      issues.putIfAbsent(a.issue().title(), a.issue());
      ids.computeIfAbsent(a.issue().title(), k -> new ArrayList<>()).add(a.key());
    }, () -> {});
    EpubExport epub = new EpubExport(paths, citations);
    progress.start(issues.size(), "epub");
    int written = 0;
    for (var e : ids.entrySet()) {
      List<Article> records = new ArrayList<>();
      for (ArticleKey key : e.getValue()) {
        Article a = articles.read(key);
        if (a != null) records.add(a);
      }
      try {
        epub.write(issues.get(e.getKey()), records, dir);
        written++;
      } catch (IOException | RuntimeException ex) {
        problems.add(e.getKey() + ": no EPUB: " + ex.getMessage());
      }
      progress.step();
    }
    if (orphans[0] > 0) notes.add(orphans[0] + " articles belong to no issue and are in no EPUB");
    return written;
  }

  /**
   * The WARC files and their CDXJ indexes, one line each: {@code WARC<TAB>CDXJ} (absolute paths; the
   * CDXJ column is empty when the index is missing), for pywb's {@code wb-manager add} or
   * SolrWayback's warc-indexer. Returns the number of WARC files.
   */
  public static int warcList(ExportPaths paths, Writer out) throws IOException {
    List<Path> warcs = paths.warcFiles();
    if (warcs.isEmpty()) throw new ExportException("no WARC files in " + paths.warcDir() + ": run `spip-archiver crawl` first");
    for (Path w : warcs) {
      Path cdxj = ExportPaths.cdxjOf(w);
      out.write(w.toAbsolutePath() + "\t" + (Files.isRegularFile(cdxj) ? cdxj.toAbsolutePath() : "") + "\n");
    }
    out.flush();
    return warcs.size();
  }

  private static void write(RecordWriter w, Article a) {
    try {
      w.write(a);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
