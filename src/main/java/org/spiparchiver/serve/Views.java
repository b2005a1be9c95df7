package org.spiparchiver.serve;

import java.util.List;

/** The records the templates ({@code src/main/jte}) render: every value is ready to print, escaped by jte. */
public final class Views {
  private Views() {}

  public record Link(String label, String url) {}

  /** A run of text, {@code mark}ed when it is a matched word of the query. */
  public record Segment(String text, boolean mark) {}

  /** Inline text of a paragraph, or a note call {@code [n]} linking to its note. */
  public record Inline(String text, int note, String anchor) {
    public boolean isCall() {
      return note > 0;
    }
  }

  /** A paragraph, or an intertitle ({@code heading}). */
  public record Block(boolean heading, List<Inline> parts) {}

  public record Note(int number, List<Block> text, boolean called) {}

  public record Picture(String src, String title, String caption, String credits, String role, String original) {}

  /** @param site the hit's site where the archive has several, else null; @param also its copies on other sites */
  public record Hit(int id, String title, String url, String date, String authors, Link issue, String section,
      String lang, List<Segment> snippet, String removedAt, String site, List<Link> also) {}

  public record FacetValue(String label, int count, String url, boolean active) {}

  public record FacetGroup(String name, List<FacetValue> values) {}

  public record Search(SearchForm form, String error, long total, int first, int last, List<Hit> hits,
      List<FacetGroup> facets, List<Link> active, String previous, String next, List<Link> sorts) {}

  public record IssueRow(Integer number, String title, String date, int articles, List<Link> sections, String url,
      String cover) {}

  public record IssueSection(String name, List<Hit> articles) {}

  public record IssuePage(IssueRow issue, List<IssueSection> sections) {}

  public record Article(int id, String lang, String title, String surtitle, String subtitle, List<Link> authors,
      String published, String modified, Link issue, List<Link> path, List<Block> chapo, List<Block> text,
      List<Note> notes, List<Block> ps, List<Picture> images, List<Link> attachments, List<Link> keywords,
      List<Link> translations, String archivedPage, String livePage, String recordUrl, String warc,
      String citation, String removedAt, String capturedAt, int captures, String historyUrl) {}

  public record Capture(String capturedAt, String label, String url, boolean current) {}

  public record FieldChange(String field, List<Segment> before, List<Segment> after) {}

  public record History(int id, String title, String articleUrl, String removedAt, List<Capture> captures,
      Capture from, Capture to, List<FieldChange> changes) {}

  public record Message(int status, String title, String text) {}

  public record Status(List<String> lines, String error) {}
}
