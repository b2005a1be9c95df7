package org.spiparchiver.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.spiparchiver.export.ArticleStream;
import org.spiparchiver.export.Citations;
import org.spiparchiver.export.ConsoleBar;
import org.spiparchiver.export.ExportException;
import org.spiparchiver.export.ExportPaths;
import org.spiparchiver.export.Exporter;
import org.spiparchiver.export.Format;
import org.spiparchiver.export.OutputFile;
import org.spiparchiver.export.Progress;
import org.spiparchiver.export.Selection;
import org.spiparchiver.export.WaczExport;
import org.spiparchiver.index.IndexException;
import org.spiparchiver.mirror.MirrorLock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spip-archiver export --format F}: the archive in formats other tools read. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Export archived articles for other tools: jsonl, csv (spreadsheets), csl-json and bibtex (citations), "
            + "pdf (one archival PDF/A per article, like the site's print) and epub (one e-book per issue), into "
            + "--output DIR; wacz (the WARC files, their index and the article pages, for ReplayWeb.page) into --output FILE; warc-list (the WARC files and their CDXJ, for pywb or SolrWayback).",
        "Without QUERY or filters every record is exported, no index needed; with them, the articles "
            + "`search` would find (oldest first).",
        "Text formats go to stdout unless --output FILE; files are written under a temporary name and "
            + "renamed at the end.",
        ""},
    footer = {"%nExamples:",
        "  spip-archiver export --format csv --bom --output articles.csv",
        "  spip-archiver export --format bibtex --issue 13 > n13.bib",
        "  spip-archiver export --format jsonl --lang en | jq -r .title",
        "  spip-archiver export --format pdf --issue 13 --output pdf/",
        "  spip-archiver export --format wacz --output divergences.wacz",
        "  spip-archiver export --format warc-list | cut -f1 | xargs wb-manager add divergences",
        "%nExit codes: 0 done, 1 some records unreadable or some PDF/EPUB not written (named; the rest is exported), "
            + "2 bad options, no records or WARC files, or no index for a filter, 3 wacz: a crawl holds the mirror."})
public final class ExportCommand implements Callable<Integer> {
  @CommandLine.ParentCommand
  Main root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--format", required = true, paramLabel = "F", description = "jsonl, csv, csl-json, bibtex, pdf, epub, wacz or warc-list.")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE|DIR", description = "Where to write (default: stdout for text formats).")
  Path output;

  @Option(names = "--bom", description = "csv: start with a UTF-8 byte-order mark (for spreadsheet programs).")
  boolean bom;

  @Option(names = "--magazine", paramLabel = "NAME",
      description = "The magazine's name in citations and documents (default: the site's host name).")
  String magazine;

  @Parameters(arity = "0..*", paramLabel = "QUERY", description = "Only the articles this search query finds.")
  List<String> query;

  @CommandLine.Mixin
  FilterOptions filterOptions;

  @Override
  public Integer call() {
    Format f;
    Selection selection;
    try {
      f = Format.parse(format);
      selection = new Selection(query == null ? null : String.join(" ", query),
          filterOptions.filters().withSite(SiteSelection.key(root)));
    } catch (IllegalArgumentException e) {
      throw new UserException(ExitCode.USAGE, e.getMessage());
    }
    if (!f.text && output == null) {
      throw new UserException(ExitCode.USAGE, "--format " + f.label + " writes files: give --output");
    }
    ExportPaths paths = new ExportPaths(root.config().paths().mirror());
    PrintWriter err = spec.commandLine().getErr();
    try (Progress progress = ConsoleBar.create(root.quiet())) {
      List<String> problems = run(f, selection, paths, progress);
      for (String p : problems) err.println("spip-archiver: " + p);
      return problems.isEmpty() ? ExitCode.OK.code : ExitCode.PARTIAL.code;
    } catch (ExportException e) {
      throw new UserException(ExitCode.USAGE, e.getMessage(), e);
    } catch (IndexException e) {
      throw SearchCommand.userError(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("try") // the lock is held for the block, not used in it
  private List<String> run(Format f, Selection selection, ExportPaths paths, Progress progress) throws IOException {
    if (f == Format.WARC_LIST) {
      if (output == null) {
        Exporter.warcList(paths, spec.commandLine().getOut());
      } else {
        try (OutputFile file = OutputFile.create(output)) {
          Writer out = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8));
          Exporter.warcList(paths, out);
          file.commit();
        }
      }
      return List.of();
    }
    Path articles = new org.spiparchiver.mirror.MirrorLayout(paths.mirror()).articlesDir();
    if (!Files.isDirectory(articles)) {
      throw new ExportException("no article records in " + articles + ": run `spip-archiver crawl` first");
    }
    ArticleStream stream = new ArticleStream(paths, selection.keys(paths, root.config().paths().index()), filterOptions.includeRemoved);
    switch (f) {
      case JSONL, CSV, CSL_JSON, BIBTEX -> {
        return records(f, stream, paths, progress);
      }
      case PDF -> {
        List<String> problems = new java.util.ArrayList<>();
        int n = Exporter.pdfs(stream, output, new Citations(magazine, paths), paths, progress, problems);
        problems.addAll(0, stream.problems());
        if (!root.quiet()) spec.commandLine().getErr().println(n + " PDF files in " + output);
        return problems;
      }
      case EPUB -> {
        List<String> problems = new java.util.ArrayList<>();
        List<String> notes = new java.util.ArrayList<>();
        int n = Exporter.epubs(stream, output, new Citations(magazine, paths), paths, progress, problems, notes);
        problems.addAll(0, stream.problems());
        if (!root.quiet()) {
          spec.commandLine().getErr().println(n + " EPUB files in " + output);
          notes.forEach(spec.commandLine().getErr()::println);
        }
        return problems;
      }
      case WACZ -> {
        String title = magazine != null ? magazine : root.config().site().url() != null
            ? root.config().site().url().getHost() : "spip-archiver archive";
        int n;
        // A running crawl appends to the newest WARC file and sorts its CDXJ only at the end.
        try (MirrorLock lock = MirrorLock.acquire(paths.mirror())) {
          n = new WaczExport(paths).write(stream, title, output, progress);
        } catch (MirrorLock.Held e) {
          throw new UserException(ExitCode.LOCKED, e.getMessage());
        }
        if (!root.quiet()) spec.commandLine().getErr().println(output + ": " + n + " article pages");
        return stream.problems();
      }
      default -> throw new IllegalStateException("format without an exporter: " + f.label);
    }
  }

  private List<String> records(Format f, ArticleStream stream, ExportPaths paths, Progress progress) throws IOException {
    Citations citations = new Citations(magazine, paths);
    if (output == null) {
      Writer out = spec.commandLine().getOut();
      if (bom) out.write('\uFEFF');
      Exporter.records(f, stream, out, citations, paths, progress);
      return stream.problems();
    }
    try (OutputFile file = OutputFile.create(output)) {
      Writer out = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8));
      if (bom) out.write('\uFEFF');
      Exporter.records(f, stream, out, citations, paths, progress);
      out.flush();
      file.commit();
    }
    return stream.problems();
  }
}
