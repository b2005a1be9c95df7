package org.spiparchiver.crawl.revisit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spiparchiver.config.Config;
import org.spiparchiver.crawl.revisit.RevisitPlanner.Candidate;

class RevisitPlannerTest {
  static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
  static final Instant LONG_AGO = Instant.parse("2008-05-01T00:00:00Z");

  static RevisitPlanner planner(int budget) {
    return new RevisitPlanner(new Config.Revisit(Duration.ofDays(30), budget, Duration.ofDays(60), Duration.ofDays(7), 5));
  }

  static Candidate old(String url, int daysSinceVerified) {
    return new Candidate(url, NOW.minus(Duration.ofDays(daysSinceVerified)), LONG_AGO);
  }

  @Test
  void revisitsNothingRightAfterAFullCrawl() {
    List<Candidate> fresh = List.of(old("a", 0), old("b", 1), old("c", 29));
    assertThat(planner(200).plan(fresh, NOW, false)).isEmpty();
  }

  @Test
  void revisitsDueArticlesLongestUnverifiedFirst() {
    List<Candidate> archived = List.of(old("a", 31), old("b", 90), old("c", 3), old("d", 30));
    assertThat(planner(200).plan(archived, NOW, false)).containsExactly("b", "a", "d");
  }

  @Test
  void recentArticlesAreDueSooner() {
    Candidate recent = new Candidate("new", NOW.minus(Duration.ofDays(8)), NOW.minus(Duration.ofDays(20)));
    Candidate oldOne = old("old", 8);
    assertThat(planner(200).plan(List.of(recent, oldOne), NOW, false)).containsExactly("new");
  }

  @Test
  void spendsAtMostTheBudgetSoEveryArticleIsVerifiedWithinCeilOfArticlesOverBudgetRuns() {
    List<Candidate> archived = new ArrayList<>();
    for (int i = 0; i < 45; i++) archived.add(old("u" + i, 40 + i));
    RevisitPlanner planner = planner(10);
    Instant now = NOW;
    List<String> verified = new ArrayList<>();
    int runs = 0;
    while (verified.size() < archived.size()) {
      List<String> batch = planner.plan(archived, now, false);
      assertThat(batch).hasSizeLessThanOrEqualTo(10);
      assertThat(verified).doesNotContainAnyElementsOf(batch);
      verified.addAll(batch);
      Instant at = now;
      archived.replaceAll(c -> batch.contains(c.url()) ? new Candidate(c.url(), at, c.published()) : c);
      now = now.plus(Duration.ofDays(1));
      runs++;
    }
    assertThat(runs).isEqualTo(5); // ceil(45 / 10)
  }

  @Test
  void fullRevisitTakesEveryArticleWhateverTheBudget() {
    List<Candidate> archived = List.of(old("a", 0), old("b", 1), old("c", 2));
    assertThat(planner(1).plan(archived, NOW, true)).containsExactly("c", "b", "a");
  }
}
