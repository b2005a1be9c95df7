package org.spiparchiver.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

/**
 * Which fields of an article changed between two captures. Only what the site published counts:
 * provenance (capture time, WARC position, digest, and the address it was captured at, which
 * changes only when the site moves), removal marks, extraction diagnostics and the archive's local
 * paths of images are bookkeeping, not changes of the article.
 */
public final class ArticleDiff {
  /** Record fields that describe the capture, not the article ({@code url}: an article keeps its id when the site moves). */
  static final Set<String> BOOKKEEPING =
      Set.of("url", "captured_at", "warc_file", "warc_offset", "payload_digest", "removed_at", "extraction", "site");
  /** Image fields filled by the archive once a file is fetched. */
  static final Set<String> IMAGE_BOOKKEEPING = Set.of("local_path", "digest");

  private ArticleDiff() {}

  /** The JSON names of the fields that differ, in record order; empty when the article is unchanged. */
  public static List<String> changedFields(Article before, Article after) {
    ObjectNode a = comparable(before);
    ObjectNode b = comparable(after);
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : b.properties()) {
      if (!field.getValue().equals(a.get(field.getKey()))) changed.add(field.getKey());
    }
    return changed;
  }

  private static ObjectNode comparable(Article article) {
    ObjectNode node = Json.mapper().valueToTree(article);
    node.remove(BOOKKEEPING);
    for (JsonNode image : node.withArray("images")) {
      ((ObjectNode) image).remove(IMAGE_BOOKKEEPING);
    }
    return node;
  }
}
