package org.spiparchiver.changes;

import java.io.IOException;
import java.nio.file.Path;
import org.spiparchiver.model.Json;
import org.spiparchiver.model.RunRecord;

/** Reads a run report ({@code mirror/runs/*.json}) as its record tree; one line saying why when it cannot. */
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
}
