package org.spiparchiver.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The JSON report of a crawl run, {@code mirror/runs/<timestamp>.json} (a public contract: README,
 * "crawl"), written and read through {@link Json} (snake_case names): {@code started},
 * {@code finished}, {@code exit_code}, {@code outcome}, {@code reason}, the counts,
 * {@code articles {new, modified [{id, fields}], removed}}, {@code by_issue}, {@code failures
 * [{url, error}]}, {@code warc_repaired_bytes}. Missing lists read as empty.
 *
 * <p>A run over several sites writes one report at the archive's root: its top-level fields are the
 * whole run's (exit code, outcome, counts summed, every failure), its {@code articles} and
 * {@code by_issue} empty (ids are per site), and {@code sites} holds one section per site crawled, a
 * report of the same shape with {@code site} (the site's key) and {@code url}. A one-site run
 * writes neither {@code site}, {@code url} nor {@code sites}, as before.
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
    long warcRepairedBytes,
    @JsonInclude(JsonInclude.Include.NON_NULL) String site,
    @JsonInclude(JsonInclude.Include.NON_NULL) String url,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RunRecord> sites) {

  public RunRecord {
    articles = articles == null ? new Articles(null, null, null) : articles;
    byIssue = byIssue == null ? List.of() : byIssue;
    failures = failures == null ? List.of() : failures;
    sites = sites == null ? List.of() : List.copyOf(sites);
  }

  /** The report of a one-site run. */
  public RunRecord(Instant started, Instant finished, int exitCode, String outcome, String reason, long requests,
      long bytes, long pages, long images, long documents, long revisits, long notModified, Articles articles,
      List<IssueChanges> byIssue, List<Failure> failures, long warcRepairedBytes) {
    this(started, finished, exitCode, outcome, reason, requests, bytes, pages, images, documents, revisits,
        notModified, articles, byIssue, failures, warcRepairedBytes, null, null, null);
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
