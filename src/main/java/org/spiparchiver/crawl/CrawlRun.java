package org.spiparchiver.crawl;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spiparchiver.mirror.ArticleRecords;

/** What one run did, as counted while it runs; becomes the summary and the JSON run report. */
public final class CrawlRun {

  /** Why the run ended. */
  public enum Outcome {
    /** Nothing left to fetch. */
    COMPLETE,
    /** --max-requests or --max-duration reached, or interrupted: state saved, the next run continues. */
    LIMIT_REACHED,
    /** The site asked for a pause longer than crawl.retry_after_cap. */
    PAUSED,
    /** crawl.max_consecutive_failures failures in a row: the site looks down. */
    SITE_DOWN,
    /** DNS failure or connection refused on first contact, or robots.txt forbids everything. */
    UNREACHABLE
  }

  /** A URL that could not be fetched in this run. */
  public record Failure(URI url, String error) {}

  /** A modified article and its changed fields. */
  public record Modified(int id, List<String> fields) {}

  public final Instant started;
  public Instant finished;
  public Outcome outcome = Outcome.COMPLETE;
  public String reason;
  public long requests;
  public long bytes;
  public long pages;
  public long images;
  public long documents;
  public long revisits;
  /** 304 answers to conditional requests. */
  public long notModified;
  public long warcRepairedBytes;
  public final List<Integer> newArticles = new ArrayList<>();
  public final List<Modified> modifiedArticles = new ArrayList<>();
  public final List<Integer> removedArticles = new ArrayList<>();
  /** Added to by the fetch loop and the processing thread. */
  public final List<Failure> failures = java.util.Collections.synchronizedList(new ArrayList<>());
  /** The issue title of each changed article (null for articles outside issues). */
  public final Map<Integer, String> issues = new LinkedHashMap<>();

  public CrawlRun(Instant started) {
    this.started = started;
  }

  /** Replaces the counts kept while running with the durable change log of the crawl state. */
  void takeChanges(List<CrawlState.ArticleChange> changes) {
    newArticles.clear();
    modifiedArticles.clear();
    removedArticles.clear();
    issues.clear();
    Map<Integer, java.util.LinkedHashSet<String>> modified = new LinkedHashMap<>();
    for (CrawlState.ArticleChange c : changes) {
      issues.put(c.articleId(), c.issue());
      switch (c.kind()) {
        case NEW -> newArticles.add(c.articleId());
        case MODIFIED -> modified.computeIfAbsent(c.articleId(), k -> new java.util.LinkedHashSet<>()).addAll(c.fields());
        case REMOVED -> removedArticles.add(c.articleId());
        case UNCHANGED -> { }
      }
    }
    modified.forEach((id, fields) -> modifiedArticles.add(new Modified(id, List.copyOf(fields))));
  }

  void article(ArticleRecords.Change change) {
    switch (change.kind()) {
      case NEW -> newArticles.add(change.id());
      case MODIFIED -> modifiedArticles.add(new Modified(change.id(), change.fields()));
      case REMOVED -> removedArticles.add(change.id());
      case UNCHANGED -> { }
    }
  }
}
