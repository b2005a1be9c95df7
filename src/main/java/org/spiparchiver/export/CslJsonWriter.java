package org.spiparchiver.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

/** CSL-JSON: one array of items (citeproc-js, Pandoc, Zotero), written item by item. */
final class CslJsonWriter implements RecordWriter {
  private final JsonGenerator json;
  private final Citations citations;

  CslJsonWriter(Writer out, Citations citations) throws IOException {
    this.json = Json.mapper().getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    this.json.useDefaultPrettyPrinter();
    this.citations = citations;
    json.writeStartArray();
  }

  @Override
  public void write(Article a) throws IOException {
    // The shared mapper names record fields in snake_case; maps keep CSL's own names.
    json.writeObject(citations.csl(a));
  }

  @Override
  public void close() throws IOException {
    json.writeEndArray();
    json.writeRaw('\n');
    json.close();
  }
}
