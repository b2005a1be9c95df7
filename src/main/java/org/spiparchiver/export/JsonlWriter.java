package org.spiparchiver.export;

import java.io.IOException;
import java.io.Writer;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

/** JSON Lines: each record as archived (the same fields as {@code articles/<id>.json}), one per line. */
final class JsonlWriter implements RecordWriter {
  private final Writer out;

  JsonlWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void write(Article a) throws IOException {
    out.write(Json.mapper().writeValueAsString(a));
    out.write('\n');
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
