package org.spiparchiver.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.spiparchiver.model.ArticleKey;

/**
 * Finds an article's record from what a reader types: {@code divergences2:123}, or {@code 123} when
 * one site alone has that id.
 */
public final class ArticleLookup {
  /** Where a record lies: its site and file. */
  public record Found(ArchiveSite site, Path file) {
    public ArticleKey key(int id) {
      return new ArticleKey(site.key(), id);
    }
  }

  /** No such article, or a bare id that several sites have; the message says which and what to type. */
  public static final class NotFound extends Exception {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
      super(message);
    }
  }

  private ArticleLookup() {}

  public static Found find(Path mirror, ArticleKey key) throws IOException, NotFound {
    List<ArchiveSite> sites = ArchiveSites.of(mirror);
    if (key.site() != null) {
      Optional<ArchiveSite> site = ArchiveSites.byKey(sites, key.site());
      if (site.isEmpty()) {
        throw new NotFound("no site '" + key.site() + "' in the archive " + mirror + " (its sites: " + keys(sites) + ")");
      }
      Path file = site.get().layout().articleFile(key.id());
      if (!Files.isRegularFile(file)) throw new NotFound("no article " + key + " in the archive (" + file + " does not exist)");
      return new Found(site.get(), file);
    }
    List<Found> found = sites.stream()
        .map(s -> new Found(s, s.layout().articleFile(key.id())))
        .filter(f -> Files.isRegularFile(f.file()))
        .toList();
    if (found.size() == 1) return found.get(0);
    if (found.isEmpty()) {
      Path file = sites.size() == 1 ? sites.get(0).layout().articleFile(key.id()) : new MirrorLayout(mirror).articleFile(key.id());
      throw new NotFound("no article " + key.id() + " in the archive" + (sites.size() > 1 ? " " + mirror + " (none of its sites "
          + keys(sites) + " has it)" : " (" + file + " does not exist)"));
    }
    throw new NotFound(key.id() + " is in several sites: " + found.stream().map(f -> f.site().key() + ":" + key.id())
        .collect(Collectors.joining(", ")) + "; give one of these");
  }

  private static String keys(List<ArchiveSite> sites) {
    return sites.isEmpty() ? "none" : sites.stream().map(ArchiveSite::key).collect(Collectors.joining(", "));
  }
}
