package org.spiparchiver.mirror;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The browsable offline copy: each archived 200 response as a file under
 * {@code mirror/site/<host>/<path>} (wget's layout: a query stays in the file name of pages,
 * {@code .html} is added to HTML pages; static files drop their cache-busting query). Links of
 * pages to archived URLs are rewritten to relative paths, so the copy browses offline.
 */
public final class SiteCopy {
  private final Path root;

  public SiteCopy(Path mirror) {
    this.root = new MirrorLayout(mirror).siteDir();
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

  /** Where a link leads in the archive: its canonical URL, and whether it is a page (stored with {@code .html}). */
  public record Local(URI url, boolean page) {}

  /** Maps a link (absolute URL; {@code embedded} for images, stylesheets, scripts) to its archived form. */
  @FunctionalInterface
  public interface Resolver {
    Optional<Local> resolve(String url, boolean embedded);
  }

  /**
   * Writes a page with its links rewritten to the local files of the URLs they canonicalise to
   * ({@code local} says which; other links stay absolute). The document is modified.
   */
  public Path writePage(URI url, Document doc, Resolver local) throws IOException {
    String self = relativePath(url, true);
    doc.select("base").remove();
    doc.select("img[srcset], source[srcset]").removeAttr("srcset");
    for (Element e : doc.select("a[href], area[href]")) rewrite(e, "href", false, self, local);
    for (Element e : doc.select("link[href]")) {
      String rel = e.attr("rel").toLowerCase(Locale.ROOT);
      rewrite(e, "href", rel.contains("stylesheet") || rel.contains("icon"), self, local);
    }
    for (Element e : doc.select("img[src], script[src], source[src]")) rewrite(e, "src", true, self, local);
    doc.outputSettings().charset(StandardCharsets.UTF_8);
    return write(url, true, doc.outerHtml().getBytes(StandardCharsets.UTF_8));
  }

  private static void rewrite(Element e, String attr, boolean embedded, String self, Resolver local) {
    String abs = e.absUrl(attr);
    if (abs.isEmpty()) return;
    int hash = abs.indexOf('#');
    String fragment = hash < 0 ? "" : abs.substring(hash);
    Optional<Local> target = local.resolve(abs, embedded);
    if (target.isEmpty()) {
      e.attr(attr, abs);
      return;
    }
    String to = relativePath(target.get().url(), target.get().page());
    String rel = Path.of(self).getParent().relativize(Path.of(to)).toString().replace('\\', '/');
    // A '?' kept in a file name must not read as a query string in the browser.
    e.attr(attr, rel.replace("%", "%25").replace("?", "%3F").replace("#", "%23") + fragment);
  }

  public Path write(URI url, boolean html, byte[] body) throws IOException {
    Path f = root.getParent().resolve(relativePath(url, html));
    // Not forced to disk: the WARC file is the durable copy; this one is rewritten when its page is.
    AtomicFiles.write(f, body, false);
    return f;
  }
}
