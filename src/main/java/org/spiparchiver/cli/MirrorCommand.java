package org.spiparchiver.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.spiparchiver.config.Config;
import org.spiparchiver.crawl.SiteLinks;
import org.spiparchiver.crawl.UrlRules;
import org.spiparchiver.mirror.ArchiveSite;
import org.spiparchiver.mirror.ArchiveSites;
import org.spiparchiver.mirror.MirrorLock;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.mirror.site.SiteRebuild;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spip-archiver mirror [--rebuild]}: the offline copy, {@code mirror/site/}. */
@Command(
    name = "mirror",
    mixinStandardHelpOptions = true,
    description = {
        "Print where the offline copy's home page is (mirror/site/index.html). With --rebuild, regenerate",
        "mirror/site/ from the WARC files alone (no network), e.g. after an improvement of the copy; every",
        "site of the archive, into the one copy."},
    footer = {
        "%nExit codes:",
        "  0  done",
        "  1  some files could not be written (rebuild), or there is no copy yet",
        "  2  no mirror / no WARC files",
        "  3  a crawl holds the lock on the mirror"})
public final class MirrorCommand implements Callable<Integer> {

  @CommandLine.ParentCommand
  Main root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--rebuild", description = "Regenerate mirror/site/ from the WARC files (takes the mirror lock).")
  boolean rebuild;

  @Override
  public Integer call() throws IOException {
    Config config = root.config();
    Path mirror = config.paths().mirror();
    PrintWriter out = spec.commandLine().getOut();
    Path index = new org.spiparchiver.mirror.MirrorLayout(mirror).siteDir().resolve("index.html");
    if (!rebuild) {
      if (!Files.isRegularFile(index)) {
        spec.commandLine().getErr().println("spip-archiver: " + index + ": no offline copy yet (run 'spip-archiver crawl', "
            + "or 'spip-archiver mirror --rebuild')");
        return ExitCode.PARTIAL.code;
      }
      out.println(index.toAbsolutePath());
      out.flush();
      return ExitCode.OK.code;
    }
    List<ArchiveSite> sites = ArchiveSites.of(mirror);
    boolean warcs = false;
    for (ArchiveSite s : sites) warcs |= Files.isDirectory(s.layout().warcDir()) && !WarcArchive.files(s.layout().warcDir()).isEmpty();
    if (!warcs) throw new UserException(ExitCode.USAGE, mirror + ": no WARC files (run 'spip-archiver crawl' first)");
    List<SiteRebuild.Source> sources = new ArrayList<>();
    for (ArchiveSite s : sites) {
      // The configured site keeps its extra hosts; another site of the archive is read with its own address only.
      boolean configured = sites.size() == 1 || s.url() == null || s.url().equals(config.site().url());
      UrlRules rules = configured ? new UrlRules(root.siteUrl(), config.site().extraHosts()) : new UrlRules(s.url(), List.of());
      sources.add(new SiteRebuild.Source(s.root(), rules.root(), SiteLinks.of(rules), SiteLinks.moves(s.root(), rules)));
    }
    long start = System.nanoTime();
    SiteRebuild.Result r;
    ProgressBar bar = System.console() != null && !root.quiet()
        ? new ProgressBarBuilder().setTaskName("mirror").setInitialMax(1).setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()
        : null;
    try {
      r = new SiteRebuild(mirror, sources, config.crawl().maxBodySize()).run((done, total) -> {
        if (bar != null) {
          bar.maxHint(total);
          bar.stepTo(done);
        }
      });
    } catch (MirrorLock.Held e) {
      throw new UserException(ExitCode.LOCKED, e.getMessage());
    } finally {
      if (bar != null) bar.close();
    }
    r.skipped().forEach(spec.commandLine().getErr()::println);
    spec.commandLine().getErr().flush();
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf("offline copy rebuilt from %d captures: %d files (%d pages) in %.1f s (%.0f pages/s), %d failed%n%s%n",
        r.records(), r.files(), r.pages(), seconds, r.pages() / Math.max(seconds, 1e-3), r.failed(), index.toAbsolutePath());
    out.flush();
    return r.failed() > 0 ? ExitCode.PARTIAL.code : ExitCode.OK.code;
  }
}
