package org.spiparchiver.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** On a fake clock: the sleeper advances it, so waits are exact and instant. */
class PolitenessTest {
  Instant now = Instant.parse("2026-11-26T12:00:00Z");
  final List<Duration> sleeps = new ArrayList<>();
  final Map<String, Instant> stored = new HashMap<>();
  final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  final Politeness.Sleeper sleeper = d -> {
    sleeps.add(d);
    now = now.plus(d);
  };
  final Politeness.HostTimes store = new Politeness.HostTimes() {
    @Override
    public Optional<Instant> load(String host) {
      return Optional.ofNullable(stored.get(host));
    }

    @Override
    public void save(String host, Instant next) {
      stored.put(host, next);
    }
  };

  Politeness politeness(Duration delay) {
    return new Politeness(clock, sleeper, delay, Duration.ofMinutes(10), store);
  }

  @Test
  void waitsTheDelayFromTheEndOfTheLastResponse() throws Exception {
    Politeness p = politeness(Duration.ofSeconds(1));
    p.awaitTurn("h");
    now = now.plusMillis(300);
    p.finished("h", now);
    now = now.plusMillis(200);
    p.awaitTurn("h");
    assertThat(sleeps).containsExactly(Duration.ofMillis(800).plus(Politeness.SERVER_SIDE_MARGIN));
  }

  @Test
  void robotsCrawlDelayWinsOnlyWhenLarger() {
    Politeness p = politeness(Duration.ofSeconds(1));
    p.setCrawlDelay("a", Duration.ofSeconds(5));
    p.setCrawlDelay("b", Duration.ofMillis(200));
    assertThat(p.delay("a")).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.delay("b")).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void theNextRunWaitsForTheStoredTime() throws Exception {
    politeness(Duration.ofSeconds(2)).finished("h", now);
    Politeness nextRun = politeness(Duration.ofSeconds(2));
    nextRun.awaitTurn("h");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2).plus(Politeness.SERVER_SIDE_MARGIN));
  }

  @Test
  void aPauseBeyondTheCapThrowsInsteadOfSleeping() {
    Politeness p = politeness(Duration.ofSeconds(1));
    p.pause("h", Duration.ofHours(1));
    assertThatThrownBy(() -> p.awaitTurn("h")).isInstanceOf(Politeness.PauseTooLong.class).hasMessageContaining("3600 s");
    assertThat(sleeps).isEmpty();
    assertThat(stored.get("h")).isEqualTo(now.plus(Duration.ofHours(1)));
  }

  @Test
  void aShortPauseNeverShortensTheDelay() throws Exception {
    Politeness p = politeness(Duration.ofSeconds(3));
    p.pause("h", Duration.ofSeconds(1));
    p.awaitTurn("h");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void theSystemSleeperNeverWakesBeforeTheWholeWait() throws Exception {
    // Fractions of a millisecond: the sleep is to the nanosecond, and parking may return early.
    for (long micros : new long[] {5_490, 10_490, 20_490, 30_490}) {
      long start = System.nanoTime();
      Politeness.Sleeper.SYSTEM.sleep(Duration.ofNanos(micros * 1_000));
      assertThat(System.nanoTime() - start).as("slept for a wait of " + micros + " µs").isGreaterThanOrEqualTo(micros * 1_000);
    }
  }
}
