package org.spiparchiver.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.model.Json;

class RunReportTest {

  static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void writesTheFieldsTheReadmePromisesInItsOrder(@TempDir Path mirror) throws Exception {
    CrawlRun run = new CrawlRun(Instant.parse("2026-11-27T03:00:00Z"));
    run.finished = Instant.parse("2026-11-27T03:10:00Z");
    run.requests = 12;
    run.takeChanges(List.of(
        new CrawlState.ArticleChange(5, "new", List.of(), "N°13", "sha1:A"),
        new CrawlState.ArticleChange(6, "modified", List.of("title", "text"), null, "sha1:B"),
        new CrawlState.ArticleChange(7, "removed", List.of(), "N°13", "HTTP 404")));
    run.failures.add(new CrawlRun.Failure(URI.create("http://s/spip.php?article9"), "HTTP 503"));

    JsonNode n = Json.mapper().readTree(RunReport.write(mirror, run, 1).toFile());

    assertThat(names(n)).containsExactly("started", "finished", "exit_code", "outcome", "reason", "requests", "bytes", "pages",
        "images", "documents", "revisits", "not_modified", "articles", "by_issue", "failures", "warc_repaired_bytes");
    assertThat(n.get("started").asText()).isEqualTo("2026-11-27T03:00:00Z");
    assertThat(n.get("exit_code").asInt()).isEqualTo(1);
    assertThat(n.get("outcome").asText()).isEqualTo("complete");
    assertThat(n.get("reason").isNull()).isTrue();
    assertThat(names(n.get("articles"))).containsExactly("new", "modified", "removed");
    assertThat(n.at("/articles/new/0").asInt()).isEqualTo(5);
    assertThat(names(n.at("/articles/modified/0"))).containsExactly("id", "fields");
    assertThat(n.at("/articles/modified/0/fields/1").asText()).isEqualTo("text");
    assertThat(n.at("/articles/removed/0").asInt()).isEqualTo(7);
    assertThat(n.get("by_issue")).hasSize(2);
    assertThat(names(n.at("/by_issue/0"))).containsExactly("issue", "new", "modified", "removed");
    assertThat(n.at("/by_issue/0/issue").asText()).isEqualTo("N°13");
    assertThat(n.at("/by_issue/0/removed/0").asInt()).isEqualTo(7);
    assertThat(n.at("/by_issue/1/issue").isNull()).isTrue();
    assertThat(names(n.at("/failures/0"))).containsExactly("url", "error");
    assertThat(n.at("/failures/0/url").asText()).isEqualTo("http://s/spip.php?article9");
  }
}
