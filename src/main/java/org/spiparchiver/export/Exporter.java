package org.spiparchiver.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
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

  private static void write(RecordWriter w, Article a) {
    try {
      w.write(a);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
