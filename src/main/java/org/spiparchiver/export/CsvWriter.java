package org.spiparchiver.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.spiparchiver.model.Article;

/**
 * One row per article, RFC 4180 (quotes where needed, CRLF line ends) by Jackson CSV. Lists
 * (authors, keywords) are joined with "; ".
 */
final class CsvWriter implements RecordWriter {
  static final List<String> COLUMNS = List.of("id", "url", "published", "modified", "issue_number", "issue_title",
      "section", "title", "surtitle", "authors", "lang", "keywords", "image_count", "page_path");
  private static final CsvMapper MAPPER = CsvMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

  private final SequenceWriter rows;
  private final ExportPaths paths;

  CsvWriter(Writer out, ExportPaths paths) throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder().setLineSeparator("\r\n").setUseHeader(true);
    for (String c : COLUMNS) schema.addColumn(c);
    this.rows = MAPPER.writer(schema.build()).writeValues(out);
    this.paths = paths;
  }

  @Override
  public void write(Article a) throws IOException {
    Object[] row = {a.id(), a.url(), a.published(), a.modified(),
        a.issue() == null ? null : a.issue().number(), a.issue() == null ? null : a.issue().title(), a.section(),
        a.title(), a.surtitle(), String.join("; ", a.authors()), a.lang(), String.join("; ", a.keywords()),
        a.images().size(), paths.pagePath(a.url())};
    // An absent value is an empty field (Jackson would drop a null array element and shift the columns).
    for (int i = 0; i < row.length; i++) if (row[i] == null) row[i] = "";
    rows.write(row);
  }

  @Override
  public void close() throws IOException {
    rows.flush();
    rows.close();
  }
}
