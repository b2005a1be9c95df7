package org.spiparchiver.mirror.site;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the references of a stylesheet ({@code url(…)} and {@code @import}), of a
 * {@code <style>} block or of a {@code style} attribute: archived ones to relative paths; others,
 * which a browser would fetch by itself, neutralised ({@code url("about:invalid")}, the
 * {@code @import} commented out) with the original URL kept in a comment.
 */
final class CssRewriter {
  /** {@code @import url("x") media;}, {@code @import "x" media;}, or {@code url(x)}. */
  private static final Pattern REFERENCE = Pattern.compile(
      "@import\\s+(?:url\\(\\s*(['\"]?)([^'\")]*?)\\1\\s*\\)|(['\"])([^'\"]*?)\\3)([^;{}]*);?"
          + "|url\\(\\s*(['\"]?)((?:(?!\\6\\s*\\)).){0,4000}?)\\6\\s*\\)",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final String INVALID = "url(\"about:invalid\")";

  private CssRewriter() {}

  static String rewrite(String css, URI base, String selfPath, URI source, Linker linker) {
    if (css.isEmpty() || css.toLowerCase(Locale.ROOT).indexOf("url(") < 0 && css.toLowerCase(Locale.ROOT).indexOf("@import") < 0) {
      return css;
    }
    Matcher m = REFERENCE.matcher(css);
    StringBuilder out = new StringBuilder(css.length() + 64);
    while (m.find()) {
      boolean isImport = m.group(2) != null || m.group(4) != null;
      String value = isImport ? (m.group(2) != null ? m.group(2) : m.group(4)) : m.group(7);
      String replacement;
      String abs = absolute(base, value.strip());
      if (abs == null) {
        replacement = m.group(); // data:, fragments, empty: nothing to fetch
      } else {
        Linker.Target t = abs.isEmpty() ? new Linker.Target(null, value, false) : linker.resolve(abs, true, selfPath, source);
        if (t.local() != null) {
          replacement = isImport ? "@import url(\"" + t.local() + "\")" + m.group(5) + ";" : "url(\"" + t.local() + "\")";
        } else {
          String note = "/* not archived: " + t.absolute().replace("*/", "*%2F") + " */";
          replacement = isImport ? note : INVALID + note;
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The absolute http(s) URL of a CSS reference, null when it fetches nothing, "" when it cannot be resolved. */
  static String absolute(URI base, String value) {
    if (value.isEmpty() || value.startsWith("#")) return null;
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("data:") || lower.startsWith("about:") || lower.startsWith("blob:")) return null;
    try {
      URI u = base.resolve(new URI(value.replace(" ", "%20").replace("\\", "")));
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) return null;
      return u.toString();
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return ""; // unparseable: a browser might still try it, so the caller neutralises it
    }
  }
}
