package org.spiparchiver.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.spiparchiver.config.Config;
import org.spiparchiver.crawl.Reextraction;
import org.spiparchiver.extract.ArticleExtractor;
import org.spiparchiver.extract.PageResult;
import org.spiparchiver.mirror.MirrorLock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spip-archiver extract}: rebuild the article records from the WARC files, offline. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
        "Re-run extraction over every article page in the mirror's WARC files and rewrite",
        "mirror/articles/*.json (e.g. after an extractor improvement). No network access."},
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
    if (!Files.isDirectory(mirror.resolve("warc"))) {
      throw new UserException(ExitCode.USAGE, mirror + ": no WARC files (run 'spip-archiver crawl' first)");
    }
    ArticleExtractor extractor = new ArticleExtractor(config.extraction());
    Reextraction.Result r;
    try {
      r = new Reextraction(mirror, root.siteUrl(), (html, url) ->
          extractor.extract(html, url) instanceof PageResult.ArticlePage page ? Optional.of(page.article()) : Optional.empty())
          .run();
    } catch (MirrorLock.Held e) {
      throw new UserException(ExitCode.LOCKED, e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%d article captures read: %d records written, %d unchanged, %d not articles, %d failed%n",
        r.captures(), r.written(), r.unchanged(), r.notArticles(), r.failed());
    out.flush();
    return r.failed() > 0 ? ExitCode.PARTIAL.code : ExitCode.OK.code;
  }
}
