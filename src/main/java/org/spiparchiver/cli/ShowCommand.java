package org.spiparchiver.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.spiparchiver.mirror.ArticleLookup;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.ArticleKey;
import org.spiparchiver.model.Attachment;
import org.spiparchiver.model.Image;
import org.spiparchiver.model.Json;
import org.spiparchiver.model.Translation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spip-archiver show ID}: one archived article, whole. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Print an archived article as readable text (title, metadata, text, notes, PS, images with "
        + "captions and local paths), or its JSON record with --json.",
    footer = "%nExit codes: 0 done, 2 no such article in the mirror.")
public final class ShowCommand implements Callable<Integer> {
  /** Width of the metadata labels ("published: "). */
  private static final int LABEL_WIDTH = 13;

  @CommandLine.ParentCommand
  Main root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The article id (the number in spip.php?articleNNN), or SITE:ID "
      + "(divergences2:123) in an archive of several sites; a bare id does when one site alone has it.")
  String id;

  @Option(names = "--json", description = "Print the JSON record as archived.")
  boolean json;

  @Override
  public Integer call() {
    Path mirror = root.config().paths().mirror();
    ArticleKey key = ArticleKey.parse(id).orElseThrow(() -> new UserException(ExitCode.USAGE,
        "'" + org.spiparchiver.config.Messages.shorten(id) + "' is not an article id (123, or SITE:123)"));
    Path file;
    String site;
    try {
      ArticleLookup.Found found = ArticleLookup.find(mirror, key);
      file = found.file();
      // The site is named where the archive has several.
      site = org.spiparchiver.mirror.ArchiveSites.of(mirror).size() > 1 ? found.site().key() : null;
    } catch (ArticleLookup.NotFound e) {
      throw new UserException(ExitCode.USAGE, e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      if (json) {
        out.print(Files.readString(file));
        out.flush();
        return ExitCode.OK.code;
      }
      Article a;
      try {
        a = Json.mapper().readValue(file.toFile(), Article.class);
      } catch (IOException | IllegalArgumentException e) {
        throw new UserException(ExitCode.USAGE, file + ": not a readable article record: "
            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      }
      print(out, a, site, file, mirror, Terminal.detect());
      return ExitCode.OK.code;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void print(PrintWriter out, Article a, String site, Path file, Path mirror, Terminal term) {
    if (a.surtitle() != null) out.println(a.surtitle());
    out.println(term.bold(a.title() == null ? "(untitled)" : a.title()));
    if (a.subtitle() != null) out.println(a.subtitle());
    out.println("─".repeat(Math.min(term.width(), Terminal.DEFAULT_WIDTH)));
    field(out, term, "id", a.id() + (a.lang() == null ? "" : "  (" + a.lang() + ")"));
    field(out, term, "site", site);
    field(out, term, "url", a.url());
    field(out, term, "authors", String.join(", ", a.authors()));
    field(out, term, "published", a.published());
    field(out, term, "modified", a.modified());
    if (a.issue() != null) field(out, term, "issue", a.issue().title());
    field(out, term, "section", a.rubriquePath().isEmpty() ? a.section() : String.join(" › ", a.rubriquePath()));
    field(out, term, "keywords", String.join(", ", a.keywords()));
    for (Translation t : a.translations()) field(out, term, "translation", t.lang() + "  " + t.url());
    field(out, term, "removed", a.removedAt() == null ? null : "the site no longer serves it (since " + a.removedAt() + ")");
    if (a.capturedAt() != null) {
      field(out, term, "captured", a.capturedAt() + (a.warcFile() == null ? "" : "  " + a.warcFile()
          + (a.warcOffset() == null ? "" : " @" + a.warcOffset())));
    }
    field(out, term, "record", file.toString());
    // The same page_path as search --json: the article's page in the offline copy, when it has one.
    org.spiparchiver.mirror.site.ArticlePages.existing(mirror, a.url())
        .ifPresent(p -> field(out, term, "page", p.toString()));
    if (a.chapo() != null) {
      out.println();
      paragraphs(out, term, a.chapo(), 0);
    }
    if (a.text() != null) {
      out.println();
      paragraphs(out, term, a.text(), 0);
    }
    section(out, term, "Notes", a.notes().isEmpty() ? null : a.notes());
    if (a.ps() != null) {
      out.println();
      out.println(term.bold("PS"));
      paragraphs(out, term, a.ps(), 2);
    }
    if (!a.images().isEmpty()) {
      out.println();
      out.println(term.bold("Images"));
      for (Image i : a.images()) {
        String caption = String.join(" — ", nonNull(i.title(), i.caption(), i.credits()));
        out.println("  [" + i.role() + "] " + (caption.isEmpty() ? "(no caption)" : caption));
        out.println("      " + (i.localPath() != null ? i.localPath() : i.originalUrl() != null ? i.originalUrl() : i.url()));
      }
    }
    if (!a.attachments().isEmpty()) {
      out.println();
      out.println(term.bold("Attachments"));
      for (Attachment d : a.attachments()) {
        out.println("  " + String.join(" — ", nonNull(d.title(), d.type(), d.url())));
      }
    }
  }

  /** {@code name:     value}, the value wrapped under itself. */
  private static void field(PrintWriter out, Terminal term, String name, String value) {
    if (value == null || value.isBlank()) return;
    String wrapped = term.wrap(value, LABEL_WIDTH);
    out.print(String.format("%-" + LABEL_WIDTH + "s", name + ":") + wrapped.substring(LABEL_WIDTH));
  }

  private static void section(PrintWriter out, Terminal term, String title, List<String> items) {
    if (items == null) return;
    out.println();
    out.println(term.bold(title));
    for (int i = 0; i < items.size(); i++) {
      out.print(term.wrap("[" + (i + 1) + "] " + items.get(i), 2));
    }
  }

  private static void paragraphs(PrintWriter out, Terminal term, String text, int indent) {
    String[] paras = text.strip().split("\\n\\s*\\n");
    for (int i = 0; i < paras.length; i++) {
      if (i > 0) out.println();
      out.print(term.wrap(paras[i], indent));
    }
  }

  private static List<String> nonNull(String... values) {
    return java.util.Arrays.stream(values).filter(v -> v != null && !v.isBlank()).toList();
  }
}
