package org.spiparchiver.cli;

import java.time.LocalDate;
import org.spiparchiver.index.SearchRequest.Filters;
import picocli.CommandLine.Option;

/** The article filters of {@code search}, shared by every command that selects articles as it does (a picocli mixin). */
final class FilterOptions {
  @Option(names = "--issue", paramLabel = "N|TITLE", description = "Only this issue: its number (13) or words of its title.")
  String issue;

  @Option(names = "--year", paramLabel = "YYYY", description = "Only articles published this year.")
  Integer year;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Only articles published on or after this day.")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Only articles published on or before this day.")
  LocalDate to;

  @Option(names = "--author", paramLabel = "NAME", description = "Only articles by this author (words of the name, in order).")
  String author;

  @Option(names = "--lang", paramLabel = "CODE", description = "Only articles in this language (fr, en, es, pt, nl, …).")
  String lang;

  @Option(names = "--section", paramLabel = "NAME", description = "Only articles of this section (rubrique), e.g. Livres.")
  String section;

  @Option(names = "--include-removed", description = "Include articles the site no longer serves.")
  boolean includeRemoved;

  /** The filters as the searcher takes them; IllegalArgumentException for a bad combination. */
  Filters filters() {
    return new Filters(issue, year, from, to, author, lang, section, includeRemoved);
  }
}
