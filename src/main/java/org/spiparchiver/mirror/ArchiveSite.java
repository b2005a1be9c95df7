package org.spiparchiver.mirror;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import org.spiparchiver.model.ArticleKey;

/**
 * One site of an archive.
 *
 * @param key the site's short name ({@code divergences2}): the records' {@code site} field, the
 *     {@code KEY:ID} of commands, {@code --only} and the facets
 * @param url the site's root at its current address; null only for a mirror older than
 *     {@code mirror/origin} that was never crawled since
 * @param root the site's own mirror directory, laid out as {@link MirrorLayout} says: the archive's
 *     root for its first site, {@code sites/<key>/} for each site added later
 */
public record ArchiveSite(String key, URI url, Path root) {
  public ArchiveSite {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(root, "root");
    if (!ArticleKey.SITE_KEY.matcher(key).matches()) throw new IllegalArgumentException("not a site key: " + key);
  }

  public MirrorLayout layout() {
    return new MirrorLayout(root);
  }

  public ArticleRecords records() {
    return new ArticleRecords(root);
  }
}
