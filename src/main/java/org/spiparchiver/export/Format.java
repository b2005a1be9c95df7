package org.spiparchiver.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The export formats: text ones can go to stdout; binary and multi-file ones need {@code --output}. */
public enum Format {
  JSONL("jsonl", true),
  CSV("csv", true),
  CSL_JSON("csl-json", true),
  BIBTEX("bibtex", true),
  PDF("pdf", false),
  EPUB("epub", false),
  WACZ("wacz", false),
  WARC_LIST("warc-list", true);

  public final String label;
  /** Whether the output is text that can be printed (and may go to stdout). */
  public final boolean text;

  Format(String label, boolean text) {
    this.label = label;
    this.text = text;
  }

  public static String labels() {
    return Arrays.stream(values()).map(f -> f.label).collect(Collectors.joining(", "));
  }

  public static Format parse(String s) {
    String want = s.strip().toLowerCase(Locale.ROOT);
    for (Format f : values()) if (f.label.equals(want)) return f;
    throw new IllegalArgumentException("--format must be one of " + labels() + ", not '" + s + "'");
  }
}
