package org.spiparchiver.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A captured SPIP site of src/test/resources/fixtures: its responses and its database truth. */
final class Fixtures {
  static final Path ROOT = Path.of("src/test/resources/fixtures");
  private static final ObjectMapper JSON = new ObjectMapper();

  final String name;
  final URI origin;
  private final Path dir;
  private final Map<String, JsonNode> responses = new HashMap<>();
  final List<JsonNode> truth = new ArrayList<>();
  final Map<Integer, JsonNode> truthExtra = new HashMap<>();

  private static final Map<String, Fixtures> CACHE = new HashMap<>();

  static synchronized Fixtures site(String name) {
    return CACHE.computeIfAbsent(name, Fixtures::new);
  }

  private Fixtures(String name) {
    this.name = name;
    this.dir = ROOT.resolve(name);
    try {
      JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
      origin = URI.create(index.get("origin").asText() + "/");
      for (JsonNode r : index.get("responses")) responses.putIfAbsent(r.get("url").asText(), r);
      for (String line : Files.readAllLines(dir.resolve("truth.jsonl"))) {
        if (!line.isBlank()) truth.add(JSON.readTree(line));
      }
      Path extra = dir.resolve("truth_extra.jsonl");
      if (Files.exists(extra)) {
        for (String line : Files.readAllLines(extra)) {
          if (!line.isBlank()) {
            JsonNode n = JSON.readTree(line);
            truthExtra.put(n.get("id").asInt(), n);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<JsonNode> publicArticles() {
    return truth.stream().filter(t -> "publie".equals(t.get("status").asText())).toList();
  }

  /** The path + query under which the site links the article (Escal adds {@code &lang=xx}). */
  String articlePath(int id) {
    JsonNode extra = truthExtra.get(id);
    return "/" + (extra != null && extra.hasNonNull("escal_link") ? extra.get("escal_link").asText() : "spip.php?article" + id);
  }

  Optional<JsonNode> response(String pathAndQuery) {
    return Optional.ofNullable(responses.get(pathAndQuery));
  }

  /** The absolute URL of a captured path + query (quoted when the capture kept it raw, e.g. "[("). */
  URI url(String pathAndQuery) {
    try {
      return origin.resolve(new URI(pathAndQuery));
    } catch (java.net.URISyntaxException e) {
      int q = pathAndQuery.indexOf('?');
      try {
        return new URI(origin.getScheme(), origin.getAuthority(), q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
            q < 0 ? null : pathAndQuery.substring(q + 1), null);
      } catch (java.net.URISyntaxException e2) {
        throw new IllegalArgumentException(pathAndQuery, e2);
      }
    }
  }

  byte[] body(String pathAndQuery) {
    JsonNode r = responses.get(pathAndQuery);
    if (r == null) throw new IllegalArgumentException(name + ": no response for " + pathAndQuery);
    try {
      return Files.readAllBytes(dir.resolve(r.get("body").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every captured response: path + query, status. */
  List<JsonNode> responses() {
    return List.copyOf(responses.values());
  }

  /** Every captured 200 HTML response whose URL names an article. */
  List<String> articlePagePaths() {
    return responses.values().stream()
        .filter(r -> r.get("status").asInt() == 200 && r.get("body").asText().endsWith(".html"))
        .map(r -> r.get("url").asText())
        .filter(u -> SpipUrls.articleId(URI.create("http://x" + u)).isPresent())
        .sorted()
        .toList();
  }
}
