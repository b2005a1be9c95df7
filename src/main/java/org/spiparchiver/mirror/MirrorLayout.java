package org.spiparchiver.mirror;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the files of a mirror, in one place (README "What the mirror holds"):
 * {@code articles/<id>.json} and the history {@code articles/<id>/<captured_at>.json},
 * {@code crawl.db}, {@code warc/}, {@code runs/}, {@code site/} and {@code .lock}.
 */
public record MirrorLayout(Path root) {
  /** The file name of a current record, {@code <id>.json} (history files sit in {@code <id>/}). */
  public static final Pattern RECORD_NAME = Pattern.compile("(\\d{1,10})\\.json");

  public Path articlesDir() {
    return root.resolve("articles");
  }

  public Path articleFile(int id) {
    return articlesDir().resolve(id + ".json");
  }

  /** Where the earlier records of an article are kept. */
  public Path historyDir(int id) {
    return articlesDir().resolve(String.valueOf(id));
  }

  /** {@code articles/<id>/<captured_at>.json}; {@code capturedAt} null for a record without provenance. */
  public Path historyFile(int id, String capturedAt) {
    String stamp = capturedAt == null ? "undated" : capturedAt.replace(':', '-');
    return historyDir(id).resolve(stamp + ".json");
  }

  /** The article id of a record's file name ({@code 839.json}), empty for anything else. */
  public static OptionalInt recordId(Path file) {
    Matcher m = RECORD_NAME.matcher(file.getFileName().toString());
    if (!m.matches()) return OptionalInt.empty();
    long id = Long.parseLong(m.group(1));
    return id >= 1 && id <= Integer.MAX_VALUE ? OptionalInt.of((int) id) : OptionalInt.empty();
  }

  public Path crawlDb() {
    return root.resolve("crawl.db");
  }

  public Path warcDir() {
    return root.resolve("warc");
  }

  /** The suffix of a run's start marker in {@code runs/} (see crawl/RunReport.markRunning). */
  public static final String RUNNING = ".running";

  /** The start markers in {@code runsDir}, newest first (names are start times). */
  public static java.util.List<Path> runningMarkers(Path runsDir) throws java.io.IOException {
    if (!java.nio.file.Files.isDirectory(runsDir)) return java.util.List.of();
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(runsDir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(RUNNING)).sorted(java.util.Comparator.reverseOrder()).toList();
    }
  }

  public Path runsDir() {
    return root.resolve("runs");
  }

  /** The offline copy. */
  public Path siteDir() {
    return root.resolve(org.spiparchiver.mirror.site.SiteLayout.DIR);
  }

  public Path lockFile() {
    return root.resolve(".lock");
  }
}
