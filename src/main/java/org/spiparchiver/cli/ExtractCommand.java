package org.spiparchiver.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spiparchiver.config.Config;
import org.spiparchiver.crawl.RecordBookkeeping;
import org.spiparchiver.extract.OfflineExtraction;
import org.spiparchiver.mirror.ArchiveSite;
import org.spiparchiver.mirror.ArchiveSites;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.MirrorLayout;
import org.spiparchiver.mirror.MirrorLock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spip-archiver extract}: rebuild the article records from the WARC files, offline. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
        "Re-run extraction over every article page in the mirror's WARC files and rewrite",
        "mirror/articles/*.json (e.g. after an extractor improvement), for every site of the archive.",
        "No network access."},
    footer = {
        "%nExit codes:",
        "  0  every archived article page was extracted",
        "  1  some pages could not be extracted",
        "  2  no mirror / no WARC files",
        "  3  a crawl holds the lock on the mirror"})
public final class ExtractCommand implements Callable<Integer> {

  @CommandLine.ParentCommand
  Main root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Config config = root.config();
    Path mirror = config.paths().mirror();
    if (!Files.isDirectory(new MirrorLayout(mirror).warcDir())) {
      throw new UserException(ExitCode.USAGE, mirror + ": no WARC files (run 'spip-archiver crawl' first)");
    }
    List<ArchiveSite> sites = ArchiveSites.of(mirror);
    List<OfflineExtraction.Source> sources = new ArrayList<>();
    for (ArchiveSite s : sites) {
      // As in the crawl: records name their site when the archive holds several.
      boolean several = sites.size() > 1;
      URI url = several && s.url() != null ? s.url() : root.siteUrl();
      Config.SiteEntry entry = config.crawlSites().stream().filter(e -> e.url().equals(url)).findFirst()
          .orElseGet(() -> new Config.SiteEntry(url, List.of(), null, null, null));
      Config.Extraction extraction = config.forSite(entry, s.root()).extraction();
      sources.add(new OfflineExtraction.Source(s.root(), url, CrawlCommand.articleSource(extraction, several ? s.key() : null)));
    }
    OfflineExtraction.Result r;
    try {
      r = new OfflineExtraction(mirror, sources, (layout, site) -> RecordBookkeeping.open(layout, site, Clock.systemUTC()),
          config.crawl().maxBodySize()).run();
    } catch (MirrorLock.Held e) {
      throw new UserException(ExitCode.LOCKED, e.getMessage());
    }
    r.skipped().forEach(spec.commandLine().getErr()::println);
    spec.commandLine().getErr().flush();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%d article captures read: %d records written, %d unchanged, %d not articles, %d failed%n",
        r.captures(), r.written(), r.unchanged(), r.notArticles(), r.failed());
    long added = r.changes().stream().filter(c -> c.kind() == ArticleRecords.Change.Kind.NEW).count();
    if (!r.changes().isEmpty()) {
      out.printf("records changed: %d new, %d modified (the next crawl report lists them)%n", added, r.changes().size() - added);
    }
    out.flush();
    return r.failed() > 0 ? ExitCode.PARTIAL.code : ExitCode.OK.code;
  }
}
