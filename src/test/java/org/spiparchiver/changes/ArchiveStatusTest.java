package org.spiparchiver.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spiparchiver.config.Config;
import org.spiparchiver.crawl.revisit.RevisitPlanner;

class ArchiveStatusTest {
  static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
  /** Defaults: max_age 30d, recent_age 60d, recent_max_age 7d, budget 200. */
  static final Config.Revisit DEFAULTS = new Config.Revisit(null, null, null, null, null);

  static Instant daysAgo(double days) {
    return NOW.minus(Duration.ofMinutes(Math.round(days * 24 * 60)));
  }

  @ParameterizedTest(name = "verified {0}d ago, published {1}d ago: due {2}, next due in {3}d")
  @CsvSource(nullValues = "-", value = {
      // verified, published, due now, next due in (days)
      "1,  -,  0, 29",    // publication unknown: treated as old
      "31, -,  1, -",
      "1,  10, 0, 6",     // recent: every 7 days
      "8,  10, 1, -",
      "1,  58, 0, 29",    // no longer recent when its 7 days are up: then 30 days apply
      "1,  200, 0, 29",
  })
  void schedulesAnArticleByItsAgeAndLastVerification(double verified, Double published, int due, Double nextDueInDays) {
    RevisitPlanner.Candidate c = new RevisitPlanner.Candidate("http://s/spip.php?article1", daysAgo(verified),
        published == null ? null : daysAgo(published));

    ArchiveStatus.Revisits r = ArchiveStatus.revisits(List.of(c), DEFAULTS, NOW);

    assertThat(r.dueNow()).isEqualTo(due);
    assertThat(r.nextRun()).isEqualTo(due);
    assertThat(r.nextDue()).isEqualTo(nextDueInDays == null ? null : daysAgo(-nextDueInDays));
  }

  @Test
  void theNextRunTakesTheDueArticlesUpToTheBudgetAndTheEarliestWaitingOneIsNext() {
    List<RevisitPlanner.Candidate> cs = new ArrayList<>();
    IntStream.range(0, 5).forEach(i -> cs.add(new RevisitPlanner.Candidate("http://s/spip.php?article" + i, daysAgo(40 + i), null)));
    cs.add(new RevisitPlanner.Candidate("http://s/spip.php?article10", daysAgo(20), null));
    cs.add(new RevisitPlanner.Candidate("http://s/spip.php?article11", daysAgo(25), null));

    ArchiveStatus.Revisits r = ArchiveStatus.revisits(cs, new Config.Revisit(null, 2, null, null, null), NOW);

    assertThat(r).isEqualTo(new ArchiveStatus.Revisits(7, 5, 2, 2, daysAgo(-5)));
  }

  @Test
  void skipsACorruptRunReportForTheNewestReadableOne(@TempDir Path runs) throws Exception {
    Files.writeString(runs.resolve("20261124T030000Z.json"), """
        {"started": "2026-11-24T03:00:00Z", "exit_code": 0, "articles": {"new": [1, 2], "modified": [], "removed": []}}""");
    Files.writeString(runs.resolve("20261125T030000Z.json"), """
        {"started": "2026-11-25T03:00:00Z", "finished": "2026-11-25T03:10:00Z", "exit_code": 1, "outcome": "complete",
         "requests": 387, "bytes": 8300000, "articles": {"new": [3], "modified": [{"id": 1, "fields": ["title"]}], "removed": []}}""");
    Files.writeString(runs.resolve("20261126T030000Z.json"), "{\"started\": ");
    Files.writeString(runs.resolve("20261127T030000Z.json"), "[]");
    List<String> warnings = new ArrayList<>();

    ArchiveStatus.LastRun run = ArchiveStatus.lastRun(runs, warnings);

    assertThat(run).isEqualTo(new ArchiveStatus.LastRun("20261125T030000Z.json", Instant.parse("2026-11-25T03:00:00Z"),
        Instant.parse("2026-11-25T03:10:00Z"), 1, "complete", null, 387, 8300000, 1, 1, 0));
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0)).startsWith(runs.resolve("20261127T030000Z.json") + ": unreadable run report");
    assertThat(warnings.get(1)).startsWith(runs.resolve("20261126T030000Z.json") + ": unreadable run report");
  }
}
