package org.spiparchiver.crawl.revisit;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.spiparchiver.config.Config;

/**
 * Chooses which archived articles a re-crawl re-verifies. SPIP pages ignore conditional requests,
 * so every re-verification costs a full page: the planner spends at most the budget, on the
 * articles that are due (not verified for {@code max_age}, or {@code recent_max_age} for
 * recently published ones), the longest-unverified first.
 */
public final class RevisitPlanner {
  private final Config.Revisit policy;

  public RevisitPlanner(Config.Revisit policy) {
    this.policy = Objects.requireNonNull(policy);
  }

  /**
   * An archived article.
   *
   * @param lastVerified when its page was last fetched successfully
   * @param published its publication time, null when unknown (then it is treated as old)
   */
  public record Candidate(String url, Instant lastVerified, Instant published) {
    public Candidate {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(lastVerified, "lastVerified");
    }
  }

  /** The URLs to re-verify this run, in fetch order; {@code full} takes every candidate. */
  public List<String> plan(List<Candidate> archived, Instant now, boolean full) {
    Comparator<Candidate> longestUnverifiedFirst = Comparator.comparing(Candidate::lastVerified);
    return archived.stream()
        .filter(c -> full || isDue(c, now))
        .sorted(longestUnverifiedFirst.thenComparing(Candidate::url))
        .limit(full ? Long.MAX_VALUE : policy.budget())
        .map(Candidate::url)
        .toList();
  }

  /** Whether the candidate's verification is older than its maximum age. */
  public boolean isDue(Candidate c, Instant now) {
    return !c.lastVerified().plus(maxAge(c, now)).isAfter(now);
  }

  private Duration maxAge(Candidate c, Instant now) {
    boolean recent = c.published() != null && c.published().plus(policy.recentAge()).isAfter(now);
    return recent ? policy.recentMaxAge() : policy.maxAge();
  }
}
