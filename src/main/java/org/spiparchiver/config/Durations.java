package org.spiparchiver.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human durations as written in config and flags: {@code 250ms}, {@code 1s}, {@code 5m}, {@code 2h}, {@code 30d}. */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

  private Durations() {}

  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 250ms, 1s, 5m, 2h, 30d)");
    }
    double value = Double.parseDouble(m.group(1));
    long unitMillis = switch (m.group(2)) {
      case "ms" -> 1;
      case "s" -> 1_000;
      case "m" -> 60_000;
      case "h" -> 3_600_000;
      default -> 86_400_000;
    };
    return Duration.ofMillis(Math.round(value * unitMillis));
  }

  /** The shortest exact form, e.g. {@code 1500ms}, {@code 2h}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0 && ms > 0) return ms / 86_400_000 + "d";
    if (ms % 3_600_000 == 0 && ms > 0) return ms / 3_600_000 + "h";
    if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + "m";
    if (ms % 1_000 == 0) return ms / 1_000 + "s";
    return ms + "ms";
  }
}
