package org.spiparchiver.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The JSON report of a crawl run, {@code mirror/runs/<timestamp>.json} (a public contract: README,
 * "crawl"), written and read through {@link Json} (snake_case names): {@code started},
 * {@code finished}, {@code exit_code}, {@code outcome}, {@code reason}, the counts,
 * {@code articles {new, modified [{id, fields}], removed}}, {@code by_issue}, {@code failures
 * [{url, error}]}, {@code warc_repaired_bytes}. Missing lists read as empty.
 */
public record RunRecord(
    Instant started,
    Instant finished,
    int exitCode,
    String outcome,
    String reason,
    long requests,
    long bytes,
    long pages,
    long images,
    long documents,
    long revisits,
    long notModified,
    Articles articles,
    List<IssueChanges> byIssue,
    List<Failure> failures,
    long warcRepairedBytes) {

  public RunRecord {
    articles = articles == null ? new Articles(null, null, null) : articles;
    byIssue = byIssue == null ? List.of() : byIssue;
    failures = failures == null ? List.of() : failures;
  }

  /** A modified article and its changed fields. */
  public record Modified(int id, List<String> fields) {
    public Modified {
      fields = fields == null ? List.of() : fields;
    }
  }

  /** The run's changed articles. */
  public record Articles(@JsonProperty("new") List<Integer> added, List<Modified> modified, List<Integer> removed) {
    public Articles {
      added = added == null ? List.of() : added;
      modified = modified == null ? List.of() : modified;
      removed = removed == null ? List.of() : removed;
    }
  }

  /** The same changes for one issue; {@code issue} null for articles outside issues. */
  public record IssueChanges(String issue, @JsonProperty("new") List<Integer> added, List<Modified> modified,
      List<Integer> removed) {
    public IssueChanges {
      added = added == null ? List.of() : added;
      modified = modified == null ? List.of() : modified;
      removed = removed == null ? List.of() : removed;
    }
  }

  /** A URL that failed in the run. */
  public record Failure(String url, String error) {}
}
