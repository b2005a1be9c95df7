package org.spiparchiver.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.spiparchiver.model.Article;

/**
 * BibTeX (biblatex fields, UTF-8): {@code @article} with {@code entrysubtype = magazine}, one entry
 * per article. Values are braced; TeX's special characters are escaped, titles keep their case.
 */
final class BibtexWriter implements RecordWriter {
  private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
      "nov", "dec"};
  private final Writer out;
  private final Citations citations;

  BibtexWriter(Writer out, Citations citations) {
    this.out = out;
    this.citations = citations;
  }

  @Override
  public void write(Article a) throws IOException {
    StringBuilder b = new StringBuilder("@article{").append(Citations.key(a)).append(",\n");
    field(b, "entrysubtype", "magazine");
    if (a.title() != null) b.append("  title = {{").append(escape(a.title())).append("}},\n");
    if (!a.authors().isEmpty()) {
      // Each name braced whole: BibTeX must not reorder "Ramón García Oliva" into first and last names.
      b.append("  author = {").append(String.join(" and ",
          a.authors().stream().map(n -> "{" + escape(n) + "}").toList())).append("},\n");
    }
    field(b, "journal", citations.magazineOf(a));
    if (a.issue() != null && a.issue().number() != null) field(b, "number", String.valueOf(a.issue().number()));
    List<Integer> issued = Citations.dateParts(a.published());
    if (!issued.isEmpty()) {
      field(b, "year", String.valueOf(issued.get(0)));
      if (issued.size() > 1) b.append("  month = ").append(MONTHS[issued.get(1) - 1]).append(",\n");
      if (a.published().length() >= 10) field(b, "date", a.published().substring(0, 10));
    }
    b.append("  url = {").append(url(a.url())).append("},\n");
    if (a.capturedAt() != null && a.capturedAt().length() >= 10) field(b, "urldate", a.capturedAt().substring(0, 10));
    if (a.lang() != null) field(b, "langid", a.lang());
    if (!a.keywords().isEmpty()) field(b, "keywords", String.join(", ", a.keywords()));
    String location = citations.archiveLocation(a);
    if (location != null) field(b, "howpublished", Citations.ARCHIVE + ", " + location);
    b.setLength(b.length() - 2);
    b.append("\n}\n\n");
    out.write(b.toString());
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append("  ").append(name).append(" = {").append(escape(value)).append("},\n");
  }

  /** TeX's special characters made literal; braces spelled as commands so that braces stay balanced. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\textbackslash{}");
        case '{' -> b.append("\\textbraceleft{}");
        case '}' -> b.append("\\textbraceright{}");
        case '%', '&', '$', '#', '_' -> b.append('\\').append(c);
        case '~' -> b.append("\\textasciitilde{}");
        case '^' -> b.append("\\textasciicircum{}");
        case '\n', '\r', '\t' -> b.append(' ');
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** URLs go verbatim (biblatex reads them raw), but braces would unbalance the entry. */
  private static String url(String u) {
    return u.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C");
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
