package org.spiparchiver.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

/**
 * The selected records read one at a time from {@code articles/<id>.json}: constant memory whatever
 * the archive's size. An unreadable record is reported and skipped; articles the site no longer
 * serves are skipped unless asked for.
 */
public final class ArticleStream {
  private final ExportPaths paths;
  private final List<Integer> ids;
  private final boolean includeRemoved;
  private final List<String> problems = new ArrayList<>();

  public ArticleStream(ExportPaths paths, List<Integer> ids, boolean includeRemoved) {
    this.paths = paths;
    this.ids = ids;
    this.includeRemoved = includeRemoved;
  }

  public int size() {
    return ids.size();
  }

  /** Lines naming the records that could not be read. */
  public List<String> problems() {
    return problems;
  }

  /** Calls {@code each} for every readable, selected record, in order; {@code step} after each id. */
  public void forEach(Consumer<Article> each, Runnable step) {
    for (int id : ids) {
      Article a = read(id);
      if (a != null && (includeRemoved || a.removedAt() == null)) each.accept(a);
      step.run();
    }
  }

  /** One record, or null (reported) when missing or unreadable. */
  public Article read(int id) {
    Path f = paths.records().file(id);
    try {
      return Json.mapper().readValue(f.toFile(), Article.class);
    } catch (IOException | IllegalArgumentException e) {
      problems.add(f + ": not a readable article record: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return null;
    }
  }
}
