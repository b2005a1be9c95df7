package org.spiparchiver.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.ArticleKey;
import org.spiparchiver.model.Json;

/**
 * The selected records read one at a time from each site's {@code articles/<id>.json}: constant memory whatever
 * the archive's size. An unreadable record is reported and skipped; articles the site no longer
 * serves are skipped unless asked for.
 */
public final class ArticleStream {
  private final ExportPaths paths;
  private final List<ArticleKey> keys;
  private final boolean includeRemoved;
  private final List<String> problems = new ArrayList<>();

  public ArticleStream(ExportPaths paths, List<ArticleKey> keys, boolean includeRemoved) {
    this.paths = paths;
    this.keys = keys;
    this.includeRemoved = includeRemoved;
  }

  public int size() {
    return keys.size();
  }

  /** Lines naming the records that could not be read. */
  public List<String> problems() {
    return problems;
  }

  /** Calls {@code each} for every readable, selected record, in order; {@code step} after each id. */
  public void forEach(Consumer<Article> each, Runnable step) {
    for (ArticleKey key : keys) {
      Article a = read(key);
      if (a != null && (includeRemoved || a.removedAt() == null)) each.accept(a);
      step.run();
    }
  }

  /** One record, with its site, or null (reported) when missing or unreadable. */
  public Article read(ArticleKey key) {
    Path f = paths.recordFile(key);
    try {
      Article a = Json.mapper().readValue(f.toFile(), Article.class);
      return a.site() == null && key.site() != null && paths.multiSite() ? a.withSite(key.site()) : a;
    } catch (IOException | IllegalArgumentException e) {
      problems.add(f + ": not a readable article record: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return null;
    }
  }
}
