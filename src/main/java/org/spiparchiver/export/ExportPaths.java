package org.spiparchiver.export;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.ArticleKey;
import org.spiparchiver.mirror.ArchiveSite;
import org.spiparchiver.mirror.ArchiveSites;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.SiteCopy;
import org.spiparchiver.mirror.WarcArchive;

/**
 * Where the export reads the mirror's files: the one place naming them (records, WARC files and
 * their CDXJ, offline pages, archived images), so that it can follow the mirror's layout class.
 */
public final class ExportPaths {
  private final Path mirror;
  private List<ArchiveSite> sites;

  public ExportPaths(Path mirror) {
    this.mirror = mirror;
  }

  public Path mirror() {
    return mirror;
  }

  public ArticleRecords records() {
    return new ArticleRecords(mirror);
  }

  /** The archive's sites, read once per export. */
  private List<ArchiveSite> sites() {
    if (sites == null) {
      try {
        sites = ArchiveSites.of(mirror);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return sites;
  }

  /** Whether the archive holds several sites (then exported records name theirs). */
  public boolean multiSite() {
    return sites().size() > 1;
  }

  /** Every article of every site of the archive: site by site, ids ascending. */
  public List<ArticleKey> allKeys() throws IOException {
    List<ArticleKey> keys = new ArrayList<>();
    for (ArchiveSite site : sites()) {
      for (int id : site.records().ids()) keys.add(new ArticleKey(site.key(), id));
    }
    return keys;
  }

  /** The record file of an article ({@code site} null: the first site's). */
  public Path recordFile(ArticleKey key) {
    if (key.site() != null) {
      for (ArchiveSite site : sites()) {
        if (site.key().equals(key.site())) return site.layout().articleFile(key.id());
      }
    }
    return records().file(key.id());
  }

  public Path warcDir() {
    return new org.spiparchiver.mirror.MirrorLayout(mirror).warcDir();
  }

  /** The WARC files of every site, each site's oldest first. */
  public List<Path> warcFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (ArchiveSite site : sites()) files.addAll(WarcArchive.files(site.layout().warcDir()));
    return files.isEmpty() ? WarcArchive.files(warcDir()) : files;
  }

  /** The CDXJ index beside a WARC file. */
  public static Path cdxjOf(Path warc) {
    String name = warc.getFileName().toString();
    return warc.resolveSibling(name.substring(0, name.length() - WarcArchive.SUFFIX.length()) + ".cdxj");
  }

  /** The WARC file a record names, relative to the mirror ({@code warc/NAME}, {@code sites/KEY/warc/NAME}). */
  public String warcPath(Article a) {
    if (a.warcFile() == null) return null;
    Path dir = warcDir();
    for (ArchiveSite site : sites()) {
      if (site.key().equals(a.site())) dir = site.layout().warcDir();
    }
    return mirror.relativize(dir).resolve(Path.of(a.warcFile()).getFileName()).toString().replace('\\', '/');
  }

  /** The article's page in the offline copy, relative to the mirror, when the crawl wrote one. */
  public String pagePath(String url) {
    try {
      String rel = SiteCopy.relativePath(URI.create(url), true);
      return Files.isRegularFile(mirror.resolve(rel)) ? rel : null;
    } catch (IllegalArgumentException e) {
      return null; // a URL that cannot be mapped to a file has no copy
    }
  }

  /** An archived file named by a record's {@code local_path}, when it exists. */
  public Path localFile(String localPath) {
    if (localPath == null || localPath.contains("..")) return null;
    Path f = mirror.resolve(localPath);
    return Files.isRegularFile(f) ? f : null;
  }

  /** The archived logo of a rubrique (an issue's cover), when the crawl kept one. */
  public Path rubriqueLogo(String siteUrl, int rubriqueId) {
    URI root = URI.create(siteUrl).resolve("/");
    for (String dir : List.of("IMG/", "IMG/logo/")) {
      for (String ext : List.of("jpg", "png", "gif", "webp")) {
        Path f = localFile(SiteCopy.relativePath(root.resolve(dir + "rubon" + rubriqueId + "." + ext), false));
        if (f != null) return f;
      }
    }
    return null;
  }
}
