package org.spiparchiver.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

/**
 * The article records of a mirror: {@code articles/<id>.json}, pretty JSON, written atomically.
 * When an article changes, the record it replaces is kept as {@code articles/<id>/<captured_at>.json}:
 * the archive never loses an earlier capture's record.
 */
public final class ArticleRecords {

  /** How a write changed the record: {@code fields} lists the changed fields of a modified record. */
  public record Change(int id, Kind kind, List<String> fields) {
    /** The kinds of change of an article; the lower-case name is the change log's and the reports' word. */
    public enum Kind {
      NEW, MODIFIED, UNCHANGED, REMOVED;

      public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }

      /** The kind a change log or report word names ("new", "modified", "removed"). */
      public static Kind of(String word) {
        return valueOf(word.toUpperCase(java.util.Locale.ROOT));
      }
    }
  }

  private final MirrorLayout layout;
  private final Path dir;

  public ArticleRecords(Path mirror) {
    this.layout = new MirrorLayout(mirror);
    this.dir = layout.articlesDir();
  }

  public Path file(int id) {
    return layout.articleFile(id);
  }

  /** Earlier records of an article, oldest first. */
  public List<Path> history(int id) throws IOException {
    Path h = layout.historyDir(id);
    if (!Files.isDirectory(h)) return List.of();
    try (Stream<Path> s = Files.list(h)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  public Optional<Article> read(int id) throws IOException {
    Path f = file(id);
    if (!Files.exists(f)) return Optional.empty();
    return Optional.of(Json.mapper().readValue(f.toFile(), Article.class));
  }

  /**
   * Writes {@code a} unless the record on disk says exactly the same; reports what changed. Only a
   * change of what the site published makes a record MODIFIED (see {@link ArticleDiff}); a new
   * capture of the same article only refreshes the provenance.
   */
  public Change write(Article a) throws IOException {
    Path f = file(a.id());
    JsonNode fresh = Json.mapper().valueToTree(a);
    if (!Files.exists(f)) {
      writeAtomically(f, fresh);
      return new Change(a.id(), Change.Kind.NEW, List.of());
    }
    JsonNode oldTree = Json.mapper().readTree(f.toFile());
    if (oldTree.equals(fresh)) return new Change(a.id(), Change.Kind.UNCHANGED, List.of());
    Article old = Json.mapper().treeToValue(oldTree, Article.class);
    List<String> fields = ArticleDiff.changedFields(old, a);
    if (!fields.isEmpty()) keep(old, f);
    writeAtomically(f, fresh);
    return new Change(a.id(), fields.isEmpty() ? Change.Kind.UNCHANGED : Change.Kind.MODIFIED, fields);
  }

  /**
   * Re-bases the addresses in every current record after the site moved ({@code crawl --site-moved}):
   * each record that names the old address is replaced atomically, with no history kept, since the
   * article did not change. Earlier records ({@code articles/<id>/}) keep the addresses they were
   * captured at, like the WARC files. Idempotent: a run killed midway is finished by the next one.
   * Returns the number of records re-based.
   */
  public int rebase(SiteMove move) throws IOException {
    int n = 0;
    for (int id : ids()) {
      Optional<Article> a;
      try {
        a = read(id);
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        continue; // unreadable: `index` names it; it keeps its addresses until it is extracted again
      }
      if (a.isEmpty()) continue;
      Article moved = move.rebase(a.get());
      if (moved.equals(a.get())) continue;
      writeAtomically(file(id), Json.mapper().valueToTree(moved));
      n++;
    }
    return n;
  }

  /** Copies the record about to be replaced into the article's history (idempotent after a crash). */
  private void keep(Article old, Path current) throws IOException {
    Path target = layout.historyFile(old.id(), old.capturedAt());
    if (!Files.exists(target)) AtomicFiles.write(target, Files.readAllBytes(current));
  }

  private static void writeAtomically(Path f, JsonNode tree) throws IOException {
    AtomicFiles.write(f, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
  }

  /** Ids of all records, ascending. */
  public List<Integer> ids() throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(MirrorLayout::recordId)
          .filter(java.util.OptionalInt::isPresent)
          .map(java.util.OptionalInt::getAsInt)
          .sorted()
          .toList();
    }
  }
}
