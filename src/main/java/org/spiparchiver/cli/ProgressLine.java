package org.spiparchiver.cli;

import java.net.URI;
import java.time.Duration;

/**
 * The progress line of a crawl on a terminal, fitted to its width: a bar, URLs done / known with
 * the pending count (the ETA grows as pages reveal links), labelled elapsed and remaining times
 * (the politeness floor for what is pending), then the current URL shortened from the left so its
 * path stays; articles and bytes when the terminal is wide enough.
 */
final class ProgressLine {
  /** The URL keeps at least this many characters (enough for {@code …/spip.php?article839}). */
  static final int MIN_URL = 24;
  /** Bar width bounds: visible at 80 columns, not a wall of # on a wide terminal. */
  static final int MIN_BAR = 5;
  static final int MAX_BAR = 30;

  private ProgressLine() {}

  static String render(long done, long known, long pending, int articles, String bytes, Duration elapsed, Duration left,
      URI url, int width) {
    int bar = Math.max(MIN_BAR, Math.min(MAX_BAR, (width - 60) / 2));
    double fraction = known <= 0 ? 0 : Math.min(1.0, (double) done / known);
    int filled = (int) Math.round(fraction * bar);
    StringBuilder line = new StringBuilder()
        .append('[').append("#".repeat(filled)).append("-".repeat(bar - filled)).append("] ")
        .append(done).append('/').append(known).append(' ')
        .append(pending).append(" pending ")
        .append("elapsed ").append(clock(elapsed)).append(' ')
        .append("left ").append(clock(left)).append(' ');
    String extra = articles + " art. " + bytes + " ";
    if (width - line.length() - extra.length() >= MIN_URL + 16) line.append(extra);
    String where = url == null ? "" : pathOf(url);
    int room = Math.max(MIN_URL, width - line.length() - 1);
    line.append(shortenLeft(where, room));
    return line.length() <= width ? line.toString() : line.substring(0, Math.max(0, width));
  }

  /** {@code line} padded with spaces to {@code width}: a shorter line must wipe the end of the previous one. */
  static String padded(String line, int width) {
    return line.length() >= width ? line : line + " ".repeat(width - line.length());
  }

  /** {@code 1:05}, {@code 12:40}, {@code 2:03:00}. */
  static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
  }

  /** The path and query of {@code url} (the site is known), cut from the left to {@code max} characters. */
  static String shortenLeft(String s, int max) {
    if (s.length() <= max) return s;
    return "…" + s.substring(s.length() - (max - 1));
  }

  private static String pathOf(URI url) {
    String p = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return p + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
  }
}
