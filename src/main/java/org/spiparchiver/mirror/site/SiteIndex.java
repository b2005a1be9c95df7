package org.spiparchiver.mirror.site;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spiparchiver.mirror.ArchiveSite;
import org.spiparchiver.mirror.ArchiveSites;
import org.spiparchiver.mirror.HtmlPages;
import org.spiparchiver.mirror.AtomicFiles;

/**
 * {@code site/index.html} of an archive of several sites: one entry per site, its key and URL, its
 * number of article records, and a link to its home page in the copy when the copy has it. (An
 * archive of one site keeps its home page there, or the list of its hosts' home pages:
 * {@link SiteWriter}.)
 */
public final class SiteIndex {
  private static final String SELF = SiteLayout.DIR + "/index.html";

  private SiteIndex() {}

  /**
   * Writes {@code dir/index.html} (dir: the copy, or the one being rebuilt) when the archive at
   * {@code mirror} has several sites; false when it has one (the page is then its site's).
   * Synchronized: the sites of one crawl finish on their own threads, and each ends by this.
   */
  public static synchronized boolean write(Path mirror, Path dir) throws IOException {
    List<ArchiveSite> sites = ArchiveSites.of(mirror);
    if (sites.size() < 2) return false;
    List<SitePages.Home> homes = new ArrayList<>();
    for (ArchiveSite s : sites) {
      URI url = s.url();
      String page = url == null ? null : SiteLayout.page(url);
      boolean archived = page != null && Files.isRegularFile(dir.resolve(page.substring(SiteLayout.DIR.length() + 1)));
      homes.add(new SitePages.Home(s.key(), url == null ? null : url.toString(),
          archived ? Linker.relative(SELF, page) : null, s.records().ids().size()));
    }
    AtomicFiles.write(dir.resolve("index.html"), SitePages.index(homes), false);
    return true;
  }

  /**
   * What is wrong with the index page of the copy of an archive of several sites ({@code verify}):
   * missing, a site it does not list, a link leading to no file. Empty when right, or when the
   * archive has one site or no copy.
   */
  public static List<String> problems(Path mirror) throws IOException {
    List<ArchiveSite> sites = ArchiveSites.of(mirror);
    Path dir = mirror.resolve(SiteLayout.DIR);
    if (sites.size() < 2 || !Files.isDirectory(dir)) return List.of();
    Path index = dir.resolve("index.html");
    if (!Files.isRegularFile(index)) return List.of("missing: the copy has no page listing the sites (run `spip-archiver mirror --rebuild`)");
    if (!(HtmlPages.parse(Files.readAllBytes(index), "text/html; charset=utf-8", index.toUri()) instanceof HtmlPages.Parsed parsed)) {
      return List.of("is not the page listing the sites (too large): run `spip-archiver mirror --rebuild`");
    }
    org.jsoup.nodes.Document page = parsed.document(); // written by SitePages.index
    List<String> problems = new ArrayList<>();
    List<String> listed = page.select("li").eachText();
    List<ArchiveSite> missing = sites.stream()
        .filter(s -> listed.stream().noneMatch(t -> t.startsWith(s.key() + " ") || t.equals(s.key()))).toList();
    if (missing.size() == sites.size()) {
      return List.of("is not the page listing the sites (a site's home page?): run `spip-archiver mirror --rebuild`");
    }
    missing.forEach(s -> problems.add("does not list the site " + s.key() + " (run `spip-archiver mirror --rebuild`)"));
    for (String href : page.select("a[href]").eachAttr("href")) {
      if (href.contains(":") || href.startsWith("#")) continue; // the live site, or a place in the page
      Path target = dir.resolve(href.replaceAll("[?#].*", "")).normalize();
      if (!target.startsWith(dir) || !Files.isRegularFile(target)) problems.add("its link " + href + " leads to no file of the copy");
    }
    return problems;
  }
}
