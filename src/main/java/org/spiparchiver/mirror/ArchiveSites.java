package org.spiparchiver.mirror;

import java.io.IOException;
import java.net.IDN;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.spiparchiver.model.ArticleKey;

/**
 * The sites of an archive. The first site a mirror was made from lives at the mirror's root, laid
 * out as a one-site mirror always was (so an existing archive needs no migration); each site added
 * later has a complete mirror of its own in {@code sites/<key>/} (records, {@code crawl.db},
 * {@code warc/}, {@code runs/}, {@code origin}). The lock ({@code .lock}) and the offline copy
 * ({@code site/}, one folder per host) are the archive's, at its root.
 *
 * <p>A site's key is what its {@code name} file says (written from the configuration's
 * {@code name}), else its folder's name for an added site, else {@link #keyOf} of its URL.
 */
public final class ArchiveSites {
  /** The folder of the sites added to an archive after its first. */
  public static final String SITES_DIR = "sites";
  /** A site's configured name, one line, in its root. */
  public static final String NAME_FILE = "name";
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[.*]|.*:.*");

  private ArchiveSites() {}

  /**
   * The sites of the archive at {@code mirror}: its first site (when the root holds one: an origin,
   * records, WARC files or crawl state), then the added sites in key order. Empty for an empty or absent mirror.
   */
  public static List<ArchiveSite> of(Path mirror) throws IOException {
    List<ArchiveSite> sites = new ArrayList<>();
    home(mirror).ifPresent(sites::add);
    Path dir = mirror.resolve(SITES_DIR);
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        for (Path root : s.filter(p -> Files.isRegularFile(p.resolve(ArchiveOrigin.FILE))).sorted().toList()) {
          String folder = root.getFileName().toString();
          if (!ArticleKey.SITE_KEY.matcher(folder).matches()) continue;
          sites.add(new ArchiveSite(name(root).orElse(folder), ArchiveOrigin.of(root).orElse(null), root));
        }
      }
    }
    return List.copyOf(sites);
  }

  private static Optional<ArchiveSite> home(Path mirror) throws IOException {
    Optional<URI> url = ArchiveOrigin.of(mirror);
    MirrorLayout layout = new MirrorLayout(mirror);
    if (url.isEmpty() && !Files.isDirectory(layout.articlesDir()) && !Files.isDirectory(layout.warcDir())
        && !Files.exists(layout.crawlDb())) {
      return Optional.empty();
    }
    String key = name(mirror).orElseGet(() -> url.map(ArchiveSites::keyOf).orElse(UNNAMED));
    return Optional.of(new ArchiveSite(key, url.orElse(null), mirror));
  }

  /** The key of a first site whose mirror predates {@code mirror/origin} and names no URL. */
  static final String UNNAMED = "site";

  private static Optional<String> name(Path root) throws IOException {
    Path f = root.resolve(NAME_FILE);
    if (!Files.isRegularFile(f)) return Optional.empty();
    String n = Files.readString(f, StandardCharsets.UTF_8).strip();
    return ArticleKey.SITE_KEY.matcher(n).matches() ? Optional.of(n) : Optional.empty();
  }

  /**
   * The key a site gets from its URL: the host's first label ({@code divergences2} for
   * {@code divergences2.divergences.be}, {@code divergences} for {@code www.divergences.be}); for an
   * address or a one-label host, the host and port ({@code 127.0.0.1_8089}).
   */
  public static String keyOf(URI url) {
    String host = IDN.toASCII(url.getHost(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    if (host.startsWith("www.")) host = host.substring(4);
    String key;
    if (IP_LITERAL.matcher(host).matches() || !host.contains(".")) {
      key = host.replaceAll("[\\[\\]:]", "_") + (url.getPort() >= 0 ? "_" + url.getPort() : "");
    } else {
      key = host.substring(0, host.indexOf('.'));
    }
    key = key.replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
    if (key.length() > 63) key = key.substring(0, 63);
    return key.isEmpty() ? UNNAMED : key;
  }

  /** The site with this key. */
  public static Optional<ArchiveSite> byKey(List<ArchiveSite> sites, String key) {
    return sites.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /** The site whose root URL is {@code url} (same scheme, host, port and path). */
  public static Optional<ArchiveSite> byUrl(List<ArchiveSite> sites, URI url) {
    return sites.stream().filter(s -> s.url() != null && ArchiveOrigin.same(s.url(), url)).findFirst();
  }

  /**
   * Where the site at {@code url} lives in the archive: the site already there, else the root for
   * an archive with no site yet, else a new {@code sites/<key>/} (nothing is created here).
   * {@code name}: the configured name, or null to take {@link #keyOf}; a key already taken by another
   * site is given the full host instead, then a number.
   */
  public static ArchiveSite locate(Path mirror, URI url, String name) throws IOException {
    List<ArchiveSite> sites = of(mirror);
    Optional<ArchiveSite> known = byUrl(sites, url);
    if (known.isPresent()) return known.get();
    String wanted = name != null ? name : keyOf(url);
    if (sites.isEmpty()) return new ArchiveSite(wanted, url, mirror);
    String key = wanted;
    if (byKey(sites, key).isPresent() && name == null) key = keyOf(url.getHost().toLowerCase(Locale.ROOT), url);
    for (int n = 2; byKey(sites, key).isPresent() || Files.exists(mirror.resolve(SITES_DIR).resolve(key)); n++) {
      key = wanted + "-" + n;
    }
    return new ArchiveSite(key, url, mirror.resolve(SITES_DIR).resolve(key));
  }

  private static String keyOf(String host, URI url) {
    String key = host.replaceAll("[^a-z0-9._-]", "-") + (url.getPort() >= 0 ? "_" + url.getPort() : "");
    return key.length() > 63 ? key.substring(0, 63) : key;
  }
}
