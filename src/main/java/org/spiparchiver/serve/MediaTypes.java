package org.spiparchiver.serve;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

/** The content type of a file of the offline copy, from its name (the crawl stored pages as {@code .html}). */
final class MediaTypes {
  private static final Map<String, String> BY_EXTENSION = Map.of(
      "html", "text/html; charset=utf-8", "htm", "text/html; charset=utf-8", "css", "text/css",
      "js", "text/javascript", "svg", "image/svg+xml", "webp", "image/webp", "json", "application/json",
      "pdf", "application/pdf", "xml", "application/xml");

  private MediaTypes() {}

  static String of(String name) {
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    String known = BY_EXTENSION.get(ext);
    if (known != null) return known;
    String guessed = URLConnection.guessContentTypeFromName(name);
    return guessed != null ? guessed : "application/octet-stream";
  }
}
