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
    Path f = mirror.resolve(FILE);
    if (!Files.isRegularFile(f)) return Optional.empty();
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    return lines.isEmpty() ? Optional.empty() : Optional.of(URI.create(lines.get(lines.size() - 1)));
  }

  /**
   * Checks that {@code site} is the mirror's site and records it (a mirror from before this file
   * is taken to be of the site it is crawled with). {@code moved}: the site has a new address.
   */
  public static void check(Path mirror, URI site, boolean moved) throws IOException, OtherSite {
    Optional<URI> known = of(mirror);
    if (known.isPresent() && same(known.get(), site)) return;
    if (known.isPresent() && !moved) {
      throw new OtherSite("the mirror " + mirror + " was made from " + known.get() + ", not " + site
          + ": give another --mirror, or --site-moved if the site moved to this address");
    }
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
