package org.spiparchiver.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.spiparchiver.mirror.ArchiveSite;
import org.spiparchiver.mirror.ArchiveSites;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.ArticleKey;

/**
 * Which sites of the archive a reading command works on, and which article an id names: the
 * global {@code --site} (a site's URL or its key) narrows the archive's sites to one; {@code 123}
 * names the article of the one site that has that id, {@code divergences2:123} that of a site.
 */
final class SiteSelection {
  private SiteSelection() {}

  /** An article found in one of the sites. */
  record Found(ArchiveSite site, Article article) {}

  /**
   * Every site of the archive, or the one {@code --site} names. An archive of one site given a URL
   * that is not its own is read as before sites existed: {@code --site} then only overrides the
   * configuration (the crawl, not a reading command, checks a mirror's origin).
   */
  static List<ArchiveSite> sites(Main root) throws IOException {
    Path mirror = root.config().paths().mirror();
    List<ArchiveSite> all = ArchiveSites.of(mirror);
    URI wanted = root.siteOption();
    if (wanted == null) return all;
    Optional<ArchiveSite> one = wanted.isAbsolute() ? ArchiveSites.byUrl(all, wanted) : ArchiveSites.byKey(all, wanted.toString());
    if (one.isPresent()) return List.of(one.get());
    if (wanted.isAbsolute() && all.size() <= 1) return all;
    throw new UserException(ExitCode.USAGE, "--site " + wanted + ": no such site in the archive " + mirror + keys(all));
  }

  /** The article {@code text} ({@code 123} or {@code KEY:123}) names among {@code sites}; exit 2 when none or several. */
  static Found article(Main root, List<ArchiveSite> sites, String text) {
    Path mirror = root.config().paths().mirror();
    ArticleKey key = ArticleKey.parse(text).orElseThrow(() -> new UserException(ExitCode.USAGE,
        "'" + text + "' is not an article id (123, or SITE:123 in an archive of several sites)"));
    List<ArchiveSite> where = sites;
    if (key.site() != null) {
      where = ArchiveSites.byKey(sites, key.site()).map(List::of).orElseThrow(() -> new UserException(ExitCode.USAGE,
          "no site " + key.site() + " in the archive " + mirror + keys(sites)));
    }
    List<Found> found = new ArrayList<>();
    for (ArchiveSite s : where) {
      try {
        s.records().read(key.id()).ifPresent(a -> found.add(new Found(s, a.site() == null ? a.withSite(s.key()) : a)));
      } catch (IOException e) {
        throw new UserException(ExitCode.USAGE, "article " + key + ": unreadable record in " + s.layout().articlesDir());
      }
    }
    if (found.isEmpty()) throw new UserException(ExitCode.USAGE, "no article " + key + " in the archive " + mirror);
    if (found.size() > 1) {
      throw new UserException(ExitCode.USAGE, key.id() + " is in several sites: "
          + found.stream().map(f -> label(f.site(), key.id())).collect(Collectors.joining(", ")) + " (give one of them)");
    }
    return found.get(0);
  }

  /** How a command names an article: {@code KEY:ID} when it shows several sites, the bare id otherwise. */
  static String label(ArchiveSite site, int id, boolean several) {
    return several ? label(site, id) : String.valueOf(id);
  }

  private static String label(ArchiveSite site, int id) {
    return new ArticleKey(site.key(), id).toString();
  }

  private static String keys(List<ArchiveSite> sites) {
    return sites.isEmpty() ? "" : " (its sites: " + sites.stream().map(ArchiveSite::key).collect(Collectors.joining(", ")) + ")";
  }
}
