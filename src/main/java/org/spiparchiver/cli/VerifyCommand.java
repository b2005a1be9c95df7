package org.spiparchiver.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.spiparchiver.crawl.RunReport;
import org.spiparchiver.index.ArticleSearcher;
import org.spiparchiver.index.IndexException;
import org.spiparchiver.index.SearchRequest;
import org.spiparchiver.mirror.ArchiveSite;
import org.spiparchiver.mirror.ArchiveSites;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.mirror.Verifier;
import org.spiparchiver.mirror.site.SiteIndex;
import org.spiparchiver.model.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spip-archiver verify}: is the archive intact? Read-only, safe while a crawl runs. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Check that the archive is intact: every WARC file reads to its end (gzip CRCs, block and payload "
        + "digests), the CDXJ indexes, crawl.db and the article records point at existing records with their "
        + "payload digests, the offline copy has the article pages, the search index holds exactly the articles "
        + "not removed; every site of the archive (--site KEY: one). Read-only; safe while a crawl runs.",
    footer = {
        "%nExit codes:",
        "  0  intact",
        "  1  problems found (each is listed)",
        "  2  not an archive, or a usage error"})
public final class VerifyCommand implements Callable<Integer> {
  /** Problems printed as text; --json lists up to Verifier.MAX_LISTED. */
  private static final int SHOWN = 50;

  @CommandLine.ParentCommand
  Main root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(names = "--quick", description = "Check only the sizes and the last record of each WARC file.")
  boolean quick;

  @Override
  public Integer call() throws IOException {
    Path mirror = root.config().paths().mirror();
    boolean several = ArchiveSites.of(mirror).size() > 1;
    List<Verifier.Report> reports = new ArrayList<>();
    List<ArchiveSite> sites;
    try {
      sites = SiteSelection.sites(root);
      if (sites.isEmpty()) Verifier.requireArchive(mirror);
      for (ArchiveSite site : sites) reports.add(new Verifier(mirror, site, quick, several).run());
    } catch (Verifier.NotAnArchive e) {
      throw new UserException(ExitCode.USAGE, e.getMessage());
    }
    Verifier.Report r = Verifier.merge(reports);
    if (!quick) {
      for (String p : SiteIndex.problems(mirror)) r = Verifier.withProblem(r, "site/index.html", p);
    }
    Integer indexed = null;
    // A running crawl updates the index when it ends: until then the index may lack what the crawl recorded.
    boolean crawling = MirrorLock.holder(mirror).isPresent();
    if (!quick && !crawling) {
      Path index = root.config().paths().index();
      if (Files.isDirectory(index) && ArticleSearcher.built(index)) {
        try (ArticleSearcher s = ArticleSearcher.openVerified(index)) {
          // Site by site, so that a republished article's copies (one hit across sites) are each counted.
          Set<String> missing = new TreeSet<>(BY_SITE_THEN_ID);
          Set<String> extra = new TreeSet<>(BY_SITE_THEN_ID);
          int count = 0;
          for (int i = 0; i < sites.size(); i++) {
            String key = sites.get(i).key();
            Set<Integer> visible = new TreeSet<>();
            s.search(new SearchRequest(null, SearchRequest.Filters.NONE.withSite(key), null, SearchRequest.MAX_WINDOW, 0,
                false)).hits().forEach(h -> visible.add(h.id()));
            count += visible.size();
            Set<Integer> live = new TreeSet<>(reports.get(i).liveArticles());
            String label = several ? key + ":" : "";
            live.stream().filter(id -> !visible.contains(id)).forEach(id -> missing.add(label + id));
            visible.stream().filter(id -> !live.contains(id)).forEach(id -> extra.add(label + id));
          }
          indexed = count;
          if (!missing.isEmpty()) r = Verifier.withProblem(r, index.toString(), "articles missing from the index: "
              + ids(missing) + " (run `spip-archiver index`)");
          if (!extra.isEmpty()) r = Verifier.withProblem(r, index.toString(), "articles searchable but removed or "
              + "without a record: " + ids(extra) + " (run `spip-archiver index`)");
        } catch (IndexException | java.io.UncheckedIOException e) {
          r = Verifier.withProblem(r, index.toString(), "cannot be read: " + e.getMessage()
              + " (run `spip-archiver index --rebuild`)");
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) out.println(Json.mapper().writeValueAsString(toJson(mirror, r, indexed)));
    else text(mirror, r, indexed, crawling).forEach(out::println);
    return r.intact() ? ExitCode.OK.code : ExitCode.PARTIAL.code;
  }

  /** {@code 123} or {@code site:123}: by site, then by id as a number. */
  private static final java.util.Comparator<String> BY_SITE_THEN_ID = java.util.Comparator
      .comparing((String k) -> k.substring(0, k.lastIndexOf(':') + 1))
      .thenComparingLong(k -> Long.parseLong(k.substring(k.lastIndexOf(':') + 1)));

  private static String ids(Set<String> ids) {
    return ids.stream().limit(20).map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")
        + (ids.size() > 20 ? " and " + (ids.size() - 20) + " more" : "");
  }

  static List<String> text(Path mirror, Verifier.Report r, Integer indexed, boolean crawling) {
    List<String> lines = new java.util.ArrayList<>();
    lines.add(String.format("%-9s %s: %s%s", "verify", mirror, r.intact() ? "intact" : r.problemCount() + " problem"
        + (r.problemCount() == 1 ? "" : "s"), r.quick() ? " (quick: sizes and last records only)" : ""));
    lines.add(String.format("%-9s %d files, %s, %d %s", "warc", r.warcFiles(), RunReport.bytes(r.warcBytes()), r.records(),
        r.quick() ? "index lines" : "records read back (gzip CRCs, block and payload digests)"));
    if (!r.quick()) {
      lines.add(String.format("%-9s %d lines point at their records", "cdxj", r.cdxjLines()));
      lines.add(String.format("%-9s %d captures point at their records", "crawl.db", r.stateCaptures()));
      lines.add(String.format("%-9s %d records, %d pages in the offline copy", "articles", r.articles(), r.pages()));
      lines.add(String.format("%-9s %s", "index", indexed != null ? indexed + " articles searchable"
          : crawling ? "not compared: a crawl is running (it updates the index when it ends)" : "none"));
    }
    r.problems().stream().limit(SHOWN).forEach(p -> lines.add(String.format("%-9s %s%s: %s", "problem",
        p.site() == null ? "" : p.site() + " ", p.file(), p.problem())));
    if (r.problemCount() > SHOWN) lines.add(String.format("%-9s … %d more (--json lists %d)", "", r.problemCount() - SHOWN,
        Verifier.MAX_LISTED));
    return lines;
  }

  static ObjectNode toJson(Path mirror, Verifier.Report r, Integer indexed) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("mirror", mirror.toString());
    o.put("intact", r.intact());
    o.put("quick", r.quick());
    ObjectNode warc = o.putObject("warc");
    warc.put("files", r.warcFiles());
    warc.put("bytes", r.warcBytes());
    warc.put("records", r.records());
    o.put("cdxj_lines", r.cdxjLines());
    o.put("crawl_db_captures", r.stateCaptures());
    o.put("articles", r.articles());
    o.put("pages", r.pages());
    if (indexed == null) o.putNull("index_articles");
    else o.put("index_articles", indexed);
    o.put("problem_count", r.problemCount());
    var problems = o.putArray("problems");
    r.problems().forEach(p -> {
      ObjectNode one = problems.addObject();
      if (p.site() != null) one.put("site", p.site());
      one.put("file", p.file()).put("problem", p.problem());
    });
    return o;
  }
}
