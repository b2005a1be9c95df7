package org.spiparchiver.mirror;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The browsable offline copy: each archived 200 response as a file under
 * {@code mirror/site/<host>/<path>} (wget's layout: a query stays in the file name of pages,
 * {@code .html} is added to HTML pages; static files drop their cache-busting query).
 */
public final class SiteCopy {
  private final Path root;

  public SiteCopy(Path mirror) {
    this.root = mirror.resolve("site");
  }

  /** The file for {@code url}, relative to the mirror (as stored in records' {@code local_path}). */
  public static String relativePath(URI url, boolean html) {
    String host = url.getHost().toLowerCase(Locale.ROOT) + (url.getPort() < 0 ? "" : "_" + url.getPort());
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    path = java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    if (path.endsWith("/")) path += "index";
    if (html && url.getRawQuery() != null) path += "?" + url.getRawQuery().replace('/', '%');
    if (html && !path.endsWith(".html") && !path.endsWith(".htm")) path += ".html";
    String rel = "site/" + host + path;
    if (rel.contains("/../") || rel.contains("\0")) throw new IllegalArgumentException("unsafe path: " + url);
    return rel;
  }

  public Path write(URI url, boolean html, byte[] body) throws IOException {
    Path f = root.getParent().resolve(relativePath(url, html));
    // Not forced to disk: the WARC file is the durable copy; this one is rewritten when its page is.
    AtomicFiles.write(f, body, false);
    return f;
  }
}
