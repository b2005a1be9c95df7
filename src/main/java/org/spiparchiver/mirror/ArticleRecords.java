package org.spiparchiver.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

/** The article records of a mirror: {@code articles/<id>.json}, pretty JSON, written atomically. */
public final class ArticleRecords {
  /** Fields that say where and when a record was captured, not what the article says. */
  private static final Set<String> PROVENANCE = Set.of("captured_at", "warc_file", "warc_offset", "payload_digest");

  /** How a write changed the record: {@code fields} lists the changed fields of a modified record. */
  public record Change(int id, Kind kind, List<String> fields) {
    public enum Kind { NEW, MODIFIED, UNCHANGED }
  }

  private final Path dir;

  public ArticleRecords(Path mirror) {
    this.dir = mirror.resolve("articles");
  }

  public Path file(int id) {
    return dir.resolve(id + ".json");
  }

  public Optional<Article> read(int id) throws IOException {
    Path f = file(id);
    if (!Files.exists(f)) return Optional.empty();
    return Optional.of(Json.mapper().readValue(f.toFile(), Article.class));
  }

  /** Writes {@code a} unless the record on disk says exactly the same; reports what changed. */
  public Change write(Article a) throws IOException {
    Path f = file(a.id());
    JsonNode fresh = Json.mapper().valueToTree(a);
    Change change;
    if (Files.exists(f)) {
      JsonNode old = Json.mapper().readTree(f.toFile());
      if (old.equals(fresh)) return new Change(a.id(), Change.Kind.UNCHANGED, List.of());
      List<String> fields = changedFields(old, fresh);
      change = new Change(a.id(), fields.isEmpty() ? Change.Kind.UNCHANGED : Change.Kind.MODIFIED, fields);
    } else {
      change = new Change(a.id(), Change.Kind.NEW, List.of());
    }
    AtomicFiles.write(f, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(fresh));
    return change;
  }

  /** Ids of all records, ascending. */
  public List<Integer> ids() throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d+\\.json"))
          .map(n -> Integer.valueOf(n.substring(0, n.length() - 5)))
          .sorted()
          .toList();
    }
  }

  private static List<String> changedFields(JsonNode old, JsonNode fresh) {
    List<String> out = new ArrayList<>();
    Iterator<String> names = ((ObjectNode) fresh).fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!PROVENANCE.contains(n) && !fresh.get(n).equals(old.get(n))) out.add(n);
    }
    return out;
  }
}
