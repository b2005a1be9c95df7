package org.spiparchiver.crawl;

import java.net.URI;
import java.time.Duration;

/** Progress of a run, for the progress bar or the log. */
public interface CrawlListener {
  /** A URL has been dealt with. {@code eta} is the politeness floor for what is still pending. */
  default void fetched(URI url, int status, long bytes, CrawlRun run, long pending, Duration eta) {}

  /** A URL failed in this run (it is retried next run). */
  default void failed(URI url, String error) {}

  /** A URL skipped for good (until the configuration changes); {@code why} says so and how to get it. */
  default void skipped(URI url, String why) {}

  /** Something the operator should know (robots.txt, a repaired WARC file, a stop). */
  default void info(String message) {}

  CrawlListener NONE = new CrawlListener() {};
}
