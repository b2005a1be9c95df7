package org.spiparchiver.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.spiparchiver.index.SearchResult;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.Ansi.Style;

/**
 * Width and colour of the terminal output of {@code search}, {@code show} and {@code issues}: colour
 * as picocli decides it ({@link Ansi#AUTO}: only on a terminal, never with {@code NO_COLOR} set,
 * forced with {@code CLICOLOR_FORCE}), the width from {@code COLUMNS} or the terminal.
 */
record Terminal(int width, boolean colour) {
  /** Below this, a table line cannot hold its columns; wider terminals are used in full. */
  static final int MIN_WIDTH = 60;
  static final int DEFAULT_WIDTH = 100;
  /** Matched words: bold yellow in one SGR sequence (picocli's {@code Style.on} would emit two). */
  private static final String MATCH = "\u001b[1;33m";

  static Terminal detect() {
    boolean tty = System.console() != null;
    String columns = System.getenv("COLUMNS");
    // Shells do not export COLUMNS: on a terminal, ask it (a few milliseconds).
    if (columns == null && tty) columns = sttyColumns();
    int width = columns != null && columns.matches("\\d{1,4}")
        ? Math.max(MIN_WIDTH, Integer.parseInt(columns))
        : DEFAULT_WIDTH;
    return new Terminal(width, Ansi.AUTO.enabled());
  }

  /** The terminal's width from {@code stty size} ("rows columns"), or null. */
  private static String sttyColumns() {
    try {
      Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      return p.waitFor() == 0 && out.matches("\\d+ \\d+") ? out.substring(out.indexOf(' ') + 1) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  String bold(String s) {
    return colour ? Style.on(Style.bold) + s + Style.reset.on() : s;
  }

  /** The snippet cut to {@code max} visible characters, matches in colour (or between asterisks). */
  String snippet(String marked, int max) {
    String start = colour ? MATCH : "*";
    String end = colour ? Style.reset.on() : "*";
    StringBuilder out = new StringBuilder();
    int visible = 0;
    boolean open = false;
    for (int i = 0; i < marked.length(); ) {
      int cp = marked.codePointAt(i);
      i += Character.charCount(cp);
      boolean mark = cp == SearchResult.MARK_START || cp == SearchResult.MARK_END;
      int cost = mark ? (colour ? 0 : 1) : 1;
      // Keep room for the ellipsis and, inside a match, for its closing mark.
      int reserve = i < marked.length() ? 1 + (open && !colour ? 1 : 0) : 0;
      if (visible + cost + reserve > max) {
        if (open) out.append(end);
        return out.toString().stripTrailing() + "…";
      }
      visible += cost;
      if (cp == SearchResult.MARK_START) {
        out.append(start);
        open = true;
      } else if (cp == SearchResult.MARK_END) {
        out.append(end);
        open = false;
      } else {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /** At most {@code max} characters, an ellipsis marking a cut. */
  static String fit(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) return s;
    return s.substring(0, s.offsetByCodePoints(0, Math.max(0, max - 1))).stripTrailing() + "…";
  }

  static String pad(String s, int width) {
    int n = s.codePointCount(0, s.length());
    return n >= width ? s : s + " ".repeat(width - n);
  }

  /** Paragraph wrapped to the width, lines indented. */
  String wrap(String text, int indent) {
    int max = Math.min(width, DEFAULT_WIDTH) - indent;
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > max) {
        out.append(" ".repeat(indent)).append(line).append('\n');
        line.setLength(0);
      }
      if (line.length() > 0) line.append(' ');
      line.append(word);
    }
    if (line.length() > 0) out.append(" ".repeat(indent)).append(line).append('\n');
    return out.toString();
  }
}
