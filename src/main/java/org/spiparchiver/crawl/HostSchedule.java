package org.spiparchiver.crawl;

import java.time.Instant;
import java.util.Optional;

/** Per host, the time of the next allowed request: the politeness delay holds across runs. */
final class HostSchedule implements Politeness.HostTimes {
  private final StateDb db;

  HostSchedule(StateDb db) {
    this.db = db;
  }

  @Override
  public Optional<Instant> load(String host) {
    long v = db.queryLong("SELECT COALESCE(MAX(next_fetch_at), -1) FROM hosts WHERE host=?", host);
    return v < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
  }

  @Override
  public void save(String host, Instant at) {
    db.update("INSERT INTO hosts(host, next_fetch_at) VALUES(?,?) ON CONFLICT(host) DO UPDATE SET next_fetch_at=excluded.next_fetch_at",
        host, at.toEpochMilli());
  }
}
