package org.spiparchiver.model;

import java.util.Objects;

/**
 * An image of an article.
 *
 * @param url the image as the page displays it (possibly a resized copy)
 * @param originalUrl the original uploaded file ({@code IMG/…}) when it can be recovered
 * @param role {@code logo}, {@code inline} or {@code portfolio}
 * @param localPath where the archived original (or displayed copy) lies under the mirror, once fetched
 * @param digest payload digest of that archived file, once fetched
 */
public record Image(
    String url,
    String originalUrl,
    String title,
    String caption,
    String credits,
    String role,
    Integer width,
    Integer height,
    String localPath,
    String digest) {

  public static final String LOGO = "logo";
  public static final String INLINE = "inline";
  public static final String PORTFOLIO = "portfolio";

  public Image {
    Objects.requireNonNull(url, "url");
    if (!LOGO.equals(role) && !INLINE.equals(role) && !PORTFOLIO.equals(role)) {
      throw new IllegalArgumentException("image role must be logo, inline or portfolio: " + role);
    }
  }

  public Image withLocal(String path, String newDigest) {
    return new Image(url, originalUrl, title, caption, credits, role, width, height, path, newDigest);
  }
}
