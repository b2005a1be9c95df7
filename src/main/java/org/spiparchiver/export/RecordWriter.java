package org.spiparchiver.export;

import java.io.IOException;
import java.io.Writer;
import org.spiparchiver.model.Article;

/** A text format written one record at a time, never holding more than the current record. */
public interface RecordWriter extends AutoCloseable {
  void write(Article a) throws IOException;

  /** Ends the document (closing bracket, …); does not close the underlying writer. */
  @Override
  void close() throws IOException;

  /** The writer of a text format of records. */
  static RecordWriter open(Format format, Writer out, Citations citations, ExportPaths paths) throws IOException {
    return switch (format) {
      case JSONL -> new JsonlWriter(out);
      case CSV -> new CsvWriter(out, paths);
      case CSL_JSON -> new CslJsonWriter(out, citations);
      case BIBTEX -> new BibtexWriter(out, citations);
      default -> throw new IllegalArgumentException(format.label + " is not a record format");
    };
  }
}
