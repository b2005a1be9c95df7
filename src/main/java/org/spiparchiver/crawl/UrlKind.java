package org.spiparchiver.crawl;

/**
 * What a canonical URL is, which decides its place in the frontier (lower {@link #priority} first)
 * and what is done with its response.
 */
public enum UrlKind {
  ROBOTS(0),
  SITEMAP(1),
  FEED(1),
  HOME(2),
  /** Images and page requisites come right after the page that needs them, so pages render offline early. */
  IMAGE(3),
  REQUISITE(3),
  RUBRIQUE(4),
  /** Other listing pages worth following for discovery, e.g. the site plan. */
  LISTING(4),
  ARTICLE(5),
  DOCUMENT(6);

  public final int priority;

  UrlKind(int priority) {
    this.priority = priority;
  }

  /** Pages whose links are followed. */
  public boolean isListing() {
    return this == HOME || this == RUBRIQUE || this == LISTING;
  }

  /** The coarse kind stored in crawl.db for the re-crawl policy: article, rubrique, image or other. */
  public String stateKind() {
    return switch (this) {
      case ARTICLE -> "article";
      case RUBRIQUE -> "rubrique";
      case IMAGE -> "image";
      default -> "other";
    };
  }
}
