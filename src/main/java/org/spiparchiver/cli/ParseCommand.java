package org.spiparchiver.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spiparchiver.extract.ArticleExtractor;
import org.spiparchiver.extract.PageResult;
import org.spiparchiver.model.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spip-archiver parse FILE [--url URL]}: one saved page to its JSON record. */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
        "Extract the article from a saved SPIP page and print its JSON record to stdout.",
        "Never fetches anything: images and links are only resolved against the page's URL."},
    footer = {
        "%nExit codes:",
        "  0  the page is an article: its record is printed",
        "  1  not an article (rubrique, home or 404 page, other page, empty",
        "     file, binary data): one line on stderr says what it is",
        "  2  FILE missing or unreadable, or a bad --url",
        "  5  internal error"})
public final class ParseCommand implements Callable<Integer> {

  /** Larger inputs are refused: a SPIP article page is well under a megabyte. */
  static final long MAX_PAGE_SIZE = 20L << 20;

  @CommandLine.ParentCommand
  Main root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The saved HTML page; '-' reads standard input.")
  String file;

  @Option(names = "--url", paramLabel = "URL",
      description = "The URL the page was fetched from: base of its relative links and of the record's url "
          + "(default: the page's canonical link, else the file's location).")
  String url;

  @Override
  public Integer call() throws IOException {
    byte[] html = read();
    URI pageUrl = pageUrl();
    PageResult result = new ArticleExtractor(root.config().extraction()).extract(html, pageUrl);
    if (result instanceof PageResult.OtherPage other) {
      spec.commandLine().getErr().println(file + ": not an article: " + other.description());
      return ExitCode.PARTIAL.code;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(Json.mapper().writerWithDefaultPrettyPrinter()
        .writeValueAsString(((PageResult.ArticlePage) result).article()));
    out.flush();
    return ExitCode.OK.code;
  }

  private byte[] read() {
    try {
      if (file.equals("-")) {
        try (InputStream in = System.in) {
          byte[] bytes = in.readNBytes((int) MAX_PAGE_SIZE + 1);
          if (bytes.length > MAX_PAGE_SIZE) throw tooLarge();
          return bytes;
        }
      }
      Path path = Path.of(file);
      if (Files.isDirectory(path)) throw new UserException(ExitCode.USAGE, file + ": is a directory, not a saved page");
      if (Files.size(path) > MAX_PAGE_SIZE) throw tooLarge();
      // Read up to the limit whatever the size says: /dev/zero or a FIFO reports 0 and never ends.
      try (InputStream in = Files.newInputStream(path)) {
        byte[] bytes = in.readNBytes((int) MAX_PAGE_SIZE + 1);
        if (bytes.length > MAX_PAGE_SIZE) throw tooLarge();
        return bytes;
      }
    } catch (NoSuchFileException e) {
      throw new UserException(ExitCode.USAGE, file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UserException(ExitCode.USAGE, file + ": permission denied");
    } catch (IOException | java.nio.file.InvalidPathException e) {
      throw new UserException(ExitCode.USAGE, file + ": cannot read: " + e.getMessage());
    }
  }

  private UserException tooLarge() {
    return new UserException(ExitCode.USAGE, file + ": larger than " + (MAX_PAGE_SIZE >> 20) + " MB, not a saved page");
  }

  private URI pageUrl() {
    if (url == null) {
      return file.equals("-") ? URI.create("file:///dev/stdin") : Path.of(file).toAbsolutePath().toUri();
    }
    try {
      URI u = new URI(url);
      if (u.getScheme() == null || u.getHost() == null) throw new java.net.URISyntaxException(url, "not an absolute URL");
      return u;
    } catch (java.net.URISyntaxException e) {
      throw new UserException(ExitCode.USAGE, "--url: '" + url + "' is not an absolute URL");
    }
  }
}
