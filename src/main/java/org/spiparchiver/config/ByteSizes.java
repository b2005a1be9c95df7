package org.spiparchiver.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as written in config: {@code 20MB}, {@code 1GB}, {@code 512KB}, {@code 1000} (bytes); binary units. */
public final class ByteSizes {
  private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(B|KB|KIB|MB|MIB|GB|GIB)?");

  private ByteSizes() {}

  public static long parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size (e.g. 20MB, 1GB, 512KB)");
    }
    long value = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    return switch (unit.charAt(0)) {
      case 'K' -> value << 10;
      case 'M' -> value << 20;
      case 'G' -> value << 30;
      default -> value;
    };
  }
}
