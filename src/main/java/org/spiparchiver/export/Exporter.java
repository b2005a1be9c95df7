package org.spiparchiver.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.spiparchiver.model.Article;

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

  private static void write(RecordWriter w, Article a) {
    try {
      w.write(a);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
