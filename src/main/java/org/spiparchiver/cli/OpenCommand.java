package org.spiparchiver.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spiparchiver.config.Messages;
import org.spiparchiver.mirror.ArchiveSites;
import org.spiparchiver.mirror.ArticleLookup;
import org.spiparchiver.mirror.site.ArticlePages;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.ArticleKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spip-archiver open ID [--browser]}: where an article's page is in the offline copy. */
@Command(name = "open", mixinStandardHelpOptions = true,
    description = "Print the path of an article's page in the offline copy (mirror/site/); with --browser, "
        + "also open it with the desktop's opener (xdg-open) when there is one.",
    footer = {"%nExit codes:", "  0  done", "  1  the article has no page in the copy, or no opener is available",
        "  2  no such article in the archive, or several sites have that id"})
public final class OpenCommand implements Callable<Integer> {
  @CommandLine.ParentCommand
  Main root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The article id (the number in spip.php?articleNNN); SITE:ID in an "
      + "archive of several sites where more than one has that id.")
  String id;

  @Option(names = "--browser", description = "Open the page with xdg-open (or the desktop's browser).")
  boolean browser;

  @Override
  public Integer call() throws IOException {
    Path mirror = root.config().paths().mirror();
    ArticleKey key = ArticleKey.parse(id).orElseThrow(() -> new UserException(ExitCode.USAGE,
        "'" + Messages.shorten(id) + "' is not an article id (123, or SITE:123)"));
    Article a;
    try {
      ArticleLookup.Found found = ArticleLookup.find(mirror, key);
      a = found.site().records().read(key.id()).orElseThrow();
    } catch (ArticleLookup.NotFound e) {
      // An archive of one site says it as open always did.
      throw new UserException(ExitCode.USAGE, ArchiveSites.of(mirror).size() > 1 ? e.getMessage()
          : "no article " + key + " in the archive " + mirror);
    } catch (IOException e) {
      throw new UserException(ExitCode.USAGE, "article " + key + ": unreadable record: " + Messages.shorten(String.valueOf(e.getMessage())));
    }
    Path page = ArticlePages.file(mirror, a.url()).orElse(null);
    PrintWriter err = spec.commandLine().getErr();
    if (page == null || !Files.isRegularFile(page)) {
      err.println("spip-archiver: article " + id + " has no page in the offline copy"
          + (page == null ? "" : " (" + page + " is missing)") + ": run 'spip-archiver mirror --rebuild'");
      return ExitCode.PARTIAL.code;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(page.toAbsolutePath());
    out.flush();
    if (browser && !openInBrowser(page.toAbsolutePath())) {
      err.println("spip-archiver: no desktop opener here (xdg-open or a desktop session): open the path above in a browser");
      return ExitCode.PARTIAL.code;
    }
    return ExitCode.OK.code;
  }

  private static boolean openInBrowser(Path page) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(dir, "xdg-open"))) {
          try {
            new ProcessBuilder("xdg-open", page.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return true;
          } catch (IOException e) {
            break;
          }
        }
      }
    }
    try {
      if (!java.awt.GraphicsEnvironment.isHeadless() && java.awt.Desktop.isDesktopSupported()
          && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.OPEN)) {
        java.awt.Desktop.getDesktop().open(page.toFile());
        return true;
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return false;
  }
}
