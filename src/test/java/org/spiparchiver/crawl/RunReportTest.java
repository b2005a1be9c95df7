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

  @Test
  void twoRunsStartedInTheSameSecondKeepTwoReportsInTheirOrder(@TempDir Path mirror) throws Exception {
    CrawlRun first = new CrawlRun(Instant.parse("2026-11-27T03:00:00.100Z"));
    first.requests = 1;
    CrawlRun second = new CrawlRun(Instant.parse("2026-11-27T03:00:00.900Z"));
    second.requests = 2;
    CrawlRun third = new CrawlRun(Instant.parse("2026-11-27T03:00:00.950Z"));
    third.requests = 3;

    Path a = RunReport.write(mirror, first, 0);
    Path b = RunReport.write(mirror, second, 0);
    Path c = RunReport.write(mirror, third, 0);

    assertThat(List.of(a, b, c).stream().map(p -> p.getFileName().toString()))
        .containsExactly("20261127T030000Z.json", "20261127T030000Z_2.json", "20261127T030000Z_3.json");
    List<Path> sorted;
    try (var s = java.nio.file.Files.list(a.getParent())) {
      sorted = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(sorted).containsExactly(a, b, c); // by name, as changes and status read them
    assertThat(Json.mapper().readTree(a.toFile()).get("requests").asInt()).isEqualTo(1);
    assertThat(Json.mapper().readTree(c.toFile()).get("requests").asInt()).isEqualTo(3);
  }
}
