package org.spiparchiver.changes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.spiparchiver.model.Json;
import org.spiparchiver.model.RunRecord;

/**
 * Reads a run report ({@code mirror/runs/*.json}) as its record tree, one line saying why when it
 * cannot, and says which part of a report is a site's.
 */
final class RunReports {
  private RunReports() {}

  /** A file in runs/ that is not a run report; {@code reason} says why, without the file name. */
  static final class Unreadable extends IOException {
    private static final long serialVersionUID = 1L;
    final String reason;

    Unreadable(String message, String reason, Throwable cause) {
      super(message, cause);
      this.reason = reason;
    }
  }

  static RunRecord read(Path file) throws IOException {
    RunRecord r;
    try {
      r = Json.mapper().readValue(file.toFile(), RunRecord.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      String why = e.getOriginalMessage().lines().findFirst().orElse("");
      throw new Unreadable(file + ": not a readable run report: " + why, why, e);
    }
    if (r == null || r.started() == null) throw new Unreadable(file + ": not a run report (no 'started')", "no 'started'", null);
    return r;
  }

  /**
   * What a report says of one site: the section of a multi-site report with that site's key; a
   * one-site report naming that site; a one-site report naming none (every report before sites
   * existed) is the archive's first site's. Empty when the run did not crawl the site.
   */
  static Optional<RunRecord> section(RunRecord r, String key, boolean first) {
    if (!r.sites().isEmpty()) return r.sites().stream().filter(s -> key.equals(s.site())).findFirst();
    if (r.site() != null) return key.equals(r.site()) ? Optional.of(r) : Optional.empty();
    return first ? Optional.of(r) : Optional.empty();
  }
}
