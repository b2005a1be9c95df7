package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.model.Json;

class ChangesCommandTest {
  @TempDir Path mirror;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "--mirror";
    all[1] = mirror.toString();
    all[2] = "changes";
    System.arraycopy(args, 0, all, 3, args.length);
    return Main.run(all, new PrintWriter(out), new PrintWriter(err));
  }

  @BeforeEach
  void threeRuns() throws Exception {
    Files.createDirectories(mirror.resolve("runs"));
    report("20261101T030000Z", "2026-11-01T03:00:00Z", "[839, 840]", "[]", "[]");
    report("20261102T030000Z", "2026-11-02T03:00:00Z", "[]", "[{\"id\": 839, \"fields\": [\"title\"]}]", "[]");
    report("20261103T030000Z", "2026-11-03T03:00:00Z", "[841]", "[{\"id\": 839, \"fields\": [\"text\"]}]", "[840]");
    Files.createDirectories(mirror.resolve("articles"));
    Files.writeString(mirror.resolve("articles/839.json"), """
        {"id": 839, "url": "http://s/spip.php?article839", "title": "La grève", "issue": {"title": "N°13. Mai/may/ 2008", "number": 13}}
        """);
  }

  void report(String name, String started, String added, String modified, String removed) throws Exception {
    Files.writeString(mirror.resolve("runs/" + name + ".json"), """
        {"started": "%s", "finished": "%s", "exit_code": 0, "requests": 10, "bytes": 1000,
         "articles": {"new": %s, "modified": %s, "removed": %s}}
        """.formatted(started, started, added, modified, removed));
  }

  @Test
  void summarisesAllRunsWithTitlesFromTheRecords() {
    assertThat(run()).isZero();
    assertThat(out.toString())
        .contains("Changes (3 runs):")
        .contains("new (3):")
        .contains("   839  N°13. Mai/may/ 2008  La grève")
        .contains("modified (1):")
        .contains("La grève  [title, text]")
        .contains("removed (1):")
        .contains("   840  (no record)");
  }

  @Test
  void sinceKeepsOnlyLaterRunsAndJsonParsesBack() throws Exception {
    assertThat(run("--since", "2026-11-02", "--json")).isZero();
    JsonNode n = Json.mapper().readTree(out.toString());
    assertThat(n.get("runs").asInt()).isEqualTo(2);
    assertThat(n.get("since").asText()).isEqualTo("2026-11-02T00:00:00Z");
    assertThat(n.get("new")).hasSize(1);
    assertThat(n.get("new").get(0).get("id").asInt()).isEqualTo(841);
    assertThat(n.get("modified").get(0).get("fields").toString()).isEqualTo("[\"title\",\"text\"]");
    assertThat(n.get("removed").get(0).get("id").asInt()).isEqualTo(840);
  }

  @Test
  void saysSoWhenNothingChanged() {
    assertThat(run("--since", "2026-12-01")).isZero();
    assertThat(out.toString()).isEqualTo("No changes since 2026-12-01T00:00:00Z (0 runs).\n");
  }

  @Test
  void acceptsAnAgeAsSince() {
    assertThat(ChangesCommand.parseSince("7d", Instant.parse("2026-11-26T00:00:00Z"))).isEqualTo(Instant.parse("2026-11-19T00:00:00Z"));
  }

  @Test
  void badSinceIsAUsageError() {
    assertThat(run("--since", "last tuesday")).isEqualTo(2);
    assertThat(err.toString()).startsWith("spip-archiver: --since: 'last tuesday' is not a date");
  }

  @Test
  void corruptRunReportIsNamed() throws Exception {
    Files.writeString(mirror.resolve("runs/20261104T030000Z.json"), "{not json");
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("20261104T030000Z.json: not a readable run report").hasLineCount(1);
  }
}
