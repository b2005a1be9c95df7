package org.spiparchiver.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.spiparchiver.mirror.ArchiveSite;
import org.spiparchiver.mirror.ArchiveSites;

/**
 * The site a reading command shows: what {@code --site} names (a site's key, or its URL), or every
 * site when it is not given. A one-site archive given its own URL (as a crawl's config does) reads
 * as every site, as does a one-site archive given any URL (reading commands ignored --site before
 * archives held several sites).
 */
final class SiteSelection {
  private SiteSelection() {}

  /** The key of the selected site, or null for all; a usage error naming the choices when it names none. */
  static String key(Main root) {
    URI given = root.siteOption();
    if (given == null) return null;
    Path mirror = root.config().paths().mirror();
    List<ArchiveSite> sites;
    try {
      sites = ArchiveSites.of(mirror);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Optional<ArchiveSite> site = Main.isSiteKey(given)
        ? ArchiveSites.byKey(sites, given.getPath())
        : ArchiveSites.byUrl(sites, given);
    if (site.isEmpty() && !Main.isSiteKey(given) && sites.size() <= 1) return null;
    if (site.isEmpty()) {
      String name = Main.isSiteKey(given) ? given.getPath() : given.toString();
      throw new UserException(ExitCode.USAGE, "--site " + org.spiparchiver.config.Messages.shorten(name)
          + ": not a site of the archive " + mirror + " (its sites: "
          + (sites.isEmpty() ? "none" : sites.stream().map(s -> s.key() + " " + s.url()).collect(Collectors.joining(", ")))
          + ")");
    }
    return sites.size() == 1 ? null : site.get().key();
  }

  /**
   * The sites a command over the whole archive works on (status, changes, verify, open): every site
   * of the archive, or the one {@code --site} names ({@link #key}).
   */
  static List<ArchiveSite> sites(Main root) throws IOException {
    List<ArchiveSite> all = ArchiveSites.of(root.config().paths().mirror());
    String key = key(root);
    return key == null ? all : List.of(ArchiveSites.byKey(all, key).orElseThrow());
  }
}
