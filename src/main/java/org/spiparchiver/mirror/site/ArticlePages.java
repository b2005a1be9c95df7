package org.spiparchiver.mirror.site;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where an article's page is in the offline copy: one answer for {@code open}, {@code show} and {@code search --json}. */
public final class ArticlePages {
  private ArticlePages() {}

  /** The file the copy gives to the page at {@code url} (whether or not it exists), or empty for a URL that is not one. */
  public static Optional<Path> file(Path mirror, String url) {
    if (url == null) return Optional.empty();
    try {
      return Optional.of(mirror.resolve(SiteLayout.page(URI.create(url))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The page's file when the copy has it. */
  public static Optional<Path> existing(Path mirror, String url) {
    return file(mirror, url).filter(Files::isRegularFile);
  }
}
