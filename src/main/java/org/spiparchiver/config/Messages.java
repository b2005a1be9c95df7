package org.spiparchiver.config;

/** User input quoted in a one-line message: control characters shown escaped, long input cut. */
public final class Messages {
  /** Longest quoted input: a message stays one readable line whatever was typed or read. */
  public static final int MAX_QUOTED = 80;

  private Messages() {}

  public static String shorten(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(MAX_QUOTED + 1L).forEach(cp -> {
      if (cp == '\n') b.append("\\n");
      else if (cp == '\t') b.append("\\t");
      else if (Character.isISOControl(cp) || cp == 0x7f) b.append(String.format("\\u%04x", cp));
      else b.appendCodePoint(cp);
    });
    if (s.codePointCount(0, s.length()) > MAX_QUOTED) {
      return b.substring(0, b.offsetByCodePoints(0, Math.min(MAX_QUOTED, b.codePointCount(0, b.length())))) + "…";
    }
    return b.toString();
  }
}
