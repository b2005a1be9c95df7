package org.spiparchiver.model;

import java.util.List;
import java.util.Objects;

/**
 * One SPIP article as extracted from its page: the public JSON record (field names are a public
 * contract, serialised in snake_case by {@link Json}). Absent values are {@code null} or empty lists,
 * never placeholders.
 *
 * <p>The provenance fields ({@code capturedAt}, {@code warcFile}, {@code warcOffset},
 * {@code payloadDigest}) are filled when the record comes from an archived capture, and
 * {@code removedAt} when the site stopped serving the article; all are null for {@code parse}.
 *
 * @param published ISO-8601 date or date-time
 * @param modified ISO-8601 date or date-time, null when the page does not show it
 * @param section title of the rubrique that holds the article
 * @param rubriquePath titles from the top rubrique down, without "Accueil"
 * @param text plain text, paragraphs separated by a blank line
 */
public record Article(
    int id,
    String url,
    String lang,
    String title,
    String surtitle,
    String subtitle,
    List<String> authors,
    String published,
    String modified,
    Issue issue,
    String section,
    List<String> rubriquePath,
    String chapo,
    String text,
    String ps,
    List<String> notes,
    List<String> keywords,
    List<Image> images,
    List<Attachment> attachments,
    List<Translation> translations,
    Extraction extraction,
    String capturedAt,
    String warcFile,
    Long warcOffset,
    String payloadDigest,
    String removedAt) {

  public Article {
    if (id <= 0) throw new IllegalArgumentException("article id must be positive: " + id);
    Objects.requireNonNull(url, "url");
    authors = List.copyOf(nullToEmpty(authors));
    rubriquePath = List.copyOf(nullToEmpty(rubriquePath));
    notes = List.copyOf(nullToEmpty(notes));
    keywords = List.copyOf(nullToEmpty(keywords));
    images = List.copyOf(nullToEmpty(images));
    attachments = List.copyOf(nullToEmpty(attachments));
    translations = List.copyOf(nullToEmpty(translations));
    if (published != null) IsoDates.requireIso(published, "published");
    if (modified != null) IsoDates.requireIso(modified, "modified");
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** This record with provenance from an archived capture. */
  public Article withProvenance(String capturedAt, String warcFile, long warcOffset, String payloadDigest) {
    return new Article(id, url, lang, title, surtitle, subtitle, authors, published, modified, issue,
        section, rubriquePath, chapo, text, ps, notes, keywords, images, attachments, translations,
        extraction, capturedAt, warcFile, warcOffset, payloadDigest, removedAt);
  }

  /** This record with its images replaced (e.g. with local paths filled in). */
  public Article withImages(List<Image> newImages) {
    return new Article(id, url, lang, title, surtitle, subtitle, authors, published, modified, issue,
        section, rubriquePath, chapo, text, ps, notes, keywords, newImages, attachments, translations,
        extraction, capturedAt, warcFile, warcOffset, payloadDigest, removedAt);
  }

  /** This record marked as no longer served by the site (null to clear). */
  public Article withRemovedAt(String when) {
    return new Article(id, url, lang, title, surtitle, subtitle, authors, published, modified, issue,
        section, rubriquePath, chapo, text, ps, notes, keywords, images, attachments, translations,
        extraction, capturedAt, warcFile, warcOffset, payloadDigest, when);
  }
}
