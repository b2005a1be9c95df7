package org.spiparchiver.serve;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.spiparchiver.mirror.SiteCopy;

/**
 * The files of the mirror's offline copy ({@code mirror/site/}) that the reading room serves under
 * {@code /mirror/site/…}. A path that could leave that directory ({@code ..}, encoded separators,
 * NUL, a symbolic link pointing out) names no file: the caller answers 404.
 */
final class MirrorFiles {
  static final String PREFIX = "/mirror/";

  private final Path mirror;
  private final Path site;

  MirrorFiles(Path mirror) {
    this.mirror = mirror.toAbsolutePath().normalize();
    this.site = new org.spiparchiver.mirror.MirrorLayout(this.mirror).siteDir();
  }

  Path site() {
    return site;
  }

  /** The file named by the raw (still percent-encoded) request path after {@link #PREFIX}, if it is a safe one. */
  Optional<Path> resolve(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) return Optional.empty();
    String lower = rawPath.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || rawPath.contains("\\")) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      return Optional.empty();
    }
    for (String segment : decoded.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".") || segment.indexOf('\0') >= 0) return Optional.empty();
    }
    try {
      Path file = mirror.resolve(decoded).normalize();
      if (!file.startsWith(site) || !Files.isRegularFile(file)) return Optional.empty();
      Path real = file.toRealPath();
      return real.startsWith(site.toRealPath()) ? Optional.of(file) : Optional.empty();
    } catch (InvalidPathException | IOException e) {
      return Optional.empty();
    }
  }

  /** The URL under which a mirror-relative path ({@code site/host/IMG/x.jpg}) is served, if the file exists. */
  Optional<String> url(String relative) {
    if (relative == null) return Optional.empty();
    String encoded = encodePath(relative);
    return resolve(encoded).map(f -> PREFIX + encoded);
  }

  /** The offline copy of an article page, as a URL of the reading room, when the crawl wrote one. */
  Optional<String> pageUrl(String articleUrl) {
    try {
      return url(SiteCopy.relativePath(URI.create(articleUrl), true));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a URL that cannot be mapped to a file has no copy
    }
  }

  /** The file of the offline copy for an article page (search --json's page_path rule). */
  Optional<Path> pageFile(String articleUrl) {
    return pageUrl(articleUrl).flatMap(u -> resolve(u.substring(PREFIX.length())));
  }

  /** Percent-encodes each segment of a path ('?' and '%' in offline-copy file names included). */
  static String encodePath(String path) {
    StringBuilder sb = new StringBuilder();
    for (String seg : path.split("/", -1)) {
      if (sb.length() > 0) sb.append('/');
      sb.append(SearchForm.encode(seg));
    }
    return sb.toString();
  }
}
