package org.spiparchiver.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import org.spiparchiver.config.Config;
import org.spiparchiver.config.ConfigException;
import org.spiparchiver.config.ConfigLoader;
import org.spiparchiver.config.Version;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code spip-archiver} command: global options and the subcommands. */
@Command(
    name = "spip-archiver",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Preserve a SPIP magazine: crawl it politely into WARC files, extract its articles, search them.",
    subcommands = {
        CommandLine.HelpCommand.class,
        AutoComplete.GenerateCompletion.class,
        ParseCommand.class,
        CrawlCommand.class,
        ExtractCommand.class,
        IndexCommand.class,
        SearchCommand.class,
        ShowCommand.class,
        IssuesCommand.class,
        ChangesCommand.class,
        StatusCommand.class,
        ExportCommand.class,
        ServeCommand.class,
        MirrorCommand.class,
        OpenCommand.class,
        ProbeCommand.class,
        VerifyCommand.class,
    })
public final class Main implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Configuration file (default: ./config.yaml when present, else built-in defaults).")
  Path configFile;

  @Option(names = "--site", paramLabel = "URL|KEY", scope = ScopeType.INHERIT,
      description = "Site root URL; overrides site.url (or sites) of the configuration; repeat it to crawl several "
          + "sites. Reading commands (search, issues, export, serve, status, changes) take a site's URL or key "
          + "(divergences2) to show that site only.")
  List<URI> site;

  @Option(names = "--mirror", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Archive directory; overrides paths.mirror.")
  Path mirror;

  @Option(names = "--index", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Search index directory; overrides paths.index.")
  Path index;

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
      description = "Print only errors and results (crawl: the summary and the changed articles, nothing when nothing changed).")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Print debug logging, and stack traces on errors.")
  boolean verbose;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private Config config;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.USAGE.code;
  }

  /** The configuration with command-line overrides applied; loaded once. */
  public Config config() {
    if (config == null) {
      Path file = configFile;
      if (file == null && Files.isRegularFile(Path.of("config.yaml"))) file = Path.of("config.yaml");
      Config c = file == null ? Config.defaults() : ConfigLoader.load(file);
      try {
        List<URI> urls = site == null ? List.of() : site.stream().filter(u -> !isSiteKey(u)).toList();
        if (!urls.isEmpty()) c = c.withSites(urls);
      } catch (IllegalArgumentException e) {
        throw new UserException(ExitCode.USAGE, "--site: " + e.getMessage());
      }
      if (mirror != null) c = c.withMirror(mirror);
      if (index != null) c = c.withIndex(index);
      if (c.site().url() == null) c = withRecordedSite(c);
      config = c;
    }
    return config;
  }

  /** {@code --site}: a URL, said plainly when it is not one. */
  static URI uriOption(String value) {
    if (org.spiparchiver.model.ArticleKey.SITE_KEY.matcher(value.strip()).matches()) {
      try {
        return new URI(null, null, value.strip(), null); // a site's key, e.g. divergences2
      } catch (java.net.URISyntaxException e) {
        throw new IllegalStateException("a site key is a relative path", e);
      }
    }
    try {
      URI u = new URI(value.strip());
      if (u.getScheme() == null || u.getHost() == null) throw new java.net.URISyntaxException(value, "no scheme or host");
      return u;
    } catch (java.net.URISyntaxException e) {
      throw new CommandLine.TypeConversionException("'" + org.spiparchiver.config.Messages.shorten(value)
          + "' is not a URL: give it with its scheme, e.g. http://" + org.spiparchiver.config.Messages.shorten(value.strip()) + "/");
    }
  }

  /** Dates of options ({@code --from}, {@code --to}): real calendar days only. */
  static java.time.LocalDate dateOption(String value) {
    try {
      return java.time.LocalDate.parse(value.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new CommandLine.TypeConversionException("'" + org.spiparchiver.config.Messages.shorten(value)
          + "' is not a date (YYYY-MM-DD, a day that exists)");
    }
  }

  /**
   * No site given or configured: the one the archive records it was made from ({@link
   * org.spiparchiver.mirror.ArchiveOrigin}), so a re-crawl or a rebuild of an existing mirror needs no {@code --site}.
   */
  private static Config withRecordedSite(Config c) {
    try {
      return org.spiparchiver.mirror.ArchiveOrigin.of(c.paths().mirror()).map(u -> c.withSites(List.of(u))).orElse(c);
    } catch (java.io.IOException | RuntimeException e) {
      return c; // an unreadable record: as if none (the commands that need a site say how to give one)
    }
  }

  /** A {@code --site} that names a site by its key ({@code divergences2}), not by URL. */
  static boolean isSiteKey(URI u) {
    return u.getScheme() == null && u.getHost() == null;
  }

  /** What {@code --site} names (a URL or a site key) when given once, else null: reading commands select a site by it. */
  URI siteOption() {
    return site == null || site.size() != 1 ? null : site.get(0);
  }

  /** The site keys {@code --site} gives (crawl: which sites of the configuration). */
  List<String> siteKeys() {
    return site == null ? List.of() : site.stream().filter(Main::isSiteKey).map(URI::getPath).toList();
  }

  /** The site URL, or a usage error saying how to give one. */
  public URI siteUrl() {
    if (!siteKeys().isEmpty()) {
      String key = siteKeys().get(0);
      throw new UserException(ExitCode.USAGE, "'" + key + "' is not a URL: give it with its scheme, e.g. http://"
          + key + "/ (a site's key selects a site for reading commands only)");
    }
    URI url = config().site().url();
    if (url == null) {
      throw new UserException(ExitCode.USAGE, "no site URL: give --site URL or set site.url in the configuration");
    }
    return url;
  }

  public boolean quiet() {
    return quiet;
  }

  public boolean verbose() {
    return verbose;
  }

  public static void main(String[] args) {
    nativeLibrariesOutOfTmp();
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * SQLite's JDBC driver extracts its native library into java.io.tmpdir and deletes it at a normal
   * exit only, so every {@code kill -9} left a copy in /tmp. It goes under the user's cache instead
   * ({@code $XDG_CACHE_HOME/spip-archiver/sqlite}, else {@code ~/.cache/…}), where the driver removes
   * stale copies on its next start. Set before any class touches the driver.
   */
  static void nativeLibrariesOutOfTmp() {
    if (System.getProperty("org.sqlite.tmpdir") != null) return;
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    Path dir = cache.resolve("spip-archiver").resolve("sqlite");
    try {
      Files.createDirectories(dir);
      System.setProperty("org.sqlite.tmpdir", dir.toString());
    } catch (java.io.IOException | SecurityException e) {
      // No writable cache: the driver's default (java.io.tmpdir) still works.
    }
  }

  /** Runs the command line with the given streams; returns the exit code (used by tests too). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Main main = new Main();
    CommandLine cl = new CommandLine(main);
    // `--index index` (the default directory's name) is an option value, not the `index` command.
    cl.setAllowSubcommandsAsOptionParameters(true);
    cl.getCommandSpec().usageMessage().footer(ExitCode.helpFooter());
    cl.setOut(out);
    cl.setErr(err);
    // Registered converters apply to the subcommands present now: all of them.
    cl.registerConverter(URI.class, Main::uriOption);
    cl.registerConverter(java.time.LocalDate.class, Main::dateOption);
    cl.setExecutionStrategy(parsed -> {
      configureLogging(main);
      try {
        return new CommandLine.RunLast().execute(parsed);
      } catch (StackOverflowError e) {
        // A query of thousands of nested parentheses (the query parser recurses per level).
        err.println("spip-archiver: input nested too deeply to be read (thousands of parentheses?): simplify it");
        return ExitCode.USAGE.code;
      }
    });
    cl.setExecutionExceptionHandler((ex, line, parsed) -> handle(ex, main, err));
    cl.setParameterExceptionHandler((ex, args1) -> {
      err.println("spip-archiver: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
      return ExitCode.USAGE.code;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static int handle(Exception ex, Main main, PrintWriter err) {
    int code;
    Throwable io = ex instanceof java.io.UncheckedIOException u ? u.getCause() : ex;
    if (io instanceof java.nio.file.FileAlreadyExistsException || io instanceof java.nio.file.NotDirectoryException) {
      // A mirror or index path (or a folder inside it) that is a regular file.
      err.println("spip-archiver: " + ((java.nio.file.FileSystemException) io).getFile()
          + ": is a file, not a directory: give --mirror / --index a directory");
      code = ExitCode.USAGE.code;
    } else if (diskFull(ex) != null) {
      err.println("spip-archiver: " + diskFull(ex) + ": No space left on device: free some space; what was archived is "
          + "intact and the next run continues");
      code = ExitCode.PARTIAL.code;
    } else if (ex instanceof UserException ue) {
      err.println("spip-archiver: " + ue.getMessage());
      code = ue.exitCode().code;
    } else if (ex instanceof ConfigException ce) {
      err.println("spip-archiver: " + ce.getMessage());
      code = ExitCode.USAGE.code;
    } else {
      err.println("spip-archiver: internal error: " + ex + (main.verbose ? "" : " (run with -v for details)"));
      code = ExitCode.INTERNAL.code;
    }
    if (main.verbose) ex.printStackTrace(err);
    return code;
  }

  /** The file a "No space left on device" in {@code ex}'s causes names ("the disk" when none), or null. */
  static String diskFull(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.contains("No space left on device")) {
        for (Throwable f = ex; f != null; f = f.getCause() == f ? null : f.getCause()) {
          if (f instanceof java.nio.file.FileSystemException fs && fs.getFile() != null) return fs.getFile();
        }
        return "the disk";
      }
    }
    return null;
  }

  private static void configureLogging(Main main) {
    if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext)) return;
    Logger ours = (Logger) LoggerFactory.getLogger("org.spiparchiver");
    ours.setLevel(main.verbose ? Level.DEBUG : main.quiet ? Level.ERROR : Level.INFO);
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"spip-archiver " + Version.get(), "Java " + System.getProperty("java.version")};
    }
  }
}
