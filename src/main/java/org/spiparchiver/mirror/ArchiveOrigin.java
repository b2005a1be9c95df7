package org.spiparchiver.mirror;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The site a mirror was made from, kept in {@code mirror/origin} (one URL a line, the current one
 * last; earlier lines are the addresses the site had before a move). A crawl of another site into
 * the same mirror would mix two archives: it is refused unless the operator says the site moved.
 */
public final class ArchiveOrigin {
  public static final String FILE = "origin";

  /** The mirror was made from another site. */
  public static final class OtherSite extends Exception {
    private static final long serialVersionUID = 1L;

    public OtherSite(String message) {
      super(message);
    }
  }

  private ArchiveOrigin() {}

  /** The site the mirror was last made from, if it says. */
  public static Optional<URI> of(Path mirror) throws IOException {
    List<URI> all = all(mirror);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** The addresses the site had before it moved, oldest first (empty when it never moved). */
  public static List<URI> earlier(Path mirror) throws IOException {
    List<URI> all = all(mirror);
    return all.isEmpty() ? List.of() : all.subList(0, all.size() - 1);
  }

  private static List<URI> all(Path mirror) throws IOException {
    Path f = mirror.resolve(FILE);
    if (!Files.isRegularFile(f)) return List.of();
    return Files.readAllLines(f, StandardCharsets.UTF_8).stream().map(String::strip).filter(l -> !l.isEmpty())
        .map(URI::create).toList();
  }

  /**
   * Checks that {@code site} is the mirror's site, and records it when the mirror says none (a
   * mirror from before this file is taken to be of the site it is crawled with). {@code moved}: the
   * site has a new address; then the old one is returned, and {@link #record} is left to the caller
   * once the archive is re-based, so that a run killed before that still finds the move to do.
   */
  public static Optional<URI> check(Path mirror, URI site, boolean moved) throws IOException, OtherSite {
    Optional<URI> known = of(mirror);
    if (known.isPresent() && same(known.get(), site)) return Optional.empty();
    if (known.isPresent() && !moved) {
      throw new OtherSite("the mirror " + mirror + " was made from " + known.get() + ", not " + site
          + ": give another --mirror, or --site-moved if the site moved to this address");
    }
    if (known.isPresent()) return known;
    record(mirror, site);
    return Optional.empty();
  }

  /** Records {@code site} as the mirror's current address, below the earlier ones. */
  public static void record(Path mirror, URI site) throws IOException {
    Files.createDirectories(mirror);
    Path f = mirror.resolve(FILE);
    String before = Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    AtomicFiles.write(f, (before + site + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static boolean same(URI a, URI b) {
    return key(a).equals(key(b));
  }

  private static String key(URI u) {
    int port = u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    String path = u.getPath() == null || u.getPath().isEmpty() ? "/" : u.getPath();
    return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port + path;
  }
}
