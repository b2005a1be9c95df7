package org.spiparchiver.model;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * <p>{@code site} is the key of the archive's site the record belongs to ({@code divergences2}; see
 * {@code mirror.ArchiveSites}): article ids are per site, so a record's key is (site, id). Null for
 * {@code parse}, and in records written before an archive held several sites (readers fill it from
 * where the record lies); left out of the JSON when null.
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
    String removedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String site) {

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
    if (site != null && !ArticleKey.SITE_KEY.matcher(site).matches()) {
      throw new IllegalArgumentException("not a site key: " + site);
    }
  }

  /** A record of no particular site (what {@code parse} and the extractors make). */
  public Article(int id, String url, String lang, String title, String surtitle, String subtitle, List<String> authors,
      String published, String modified, Issue issue, String section, List<String> rubriquePath, String chapo,
      String text, String ps, List<String> notes, List<String> keywords, List<Image> images,
      List<Attachment> attachments, List<Translation> translations, Extraction extraction, String capturedAt,
      String warcFile, Long warcOffset, String payloadDigest, String removedAt) {
    this(id, url, lang, title, surtitle, subtitle, authors, published, modified, issue, section, rubriquePath, chapo,
        text, ps, notes, keywords, images, attachments, translations, extraction, capturedAt, warcFile, warcOffset,
        payloadDigest, removedAt, null);
  }

  /** This record's key in an archive of several sites. */
  public ArticleKey key() {
    return new ArticleKey(site, id);
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** This record with provenance from an archived capture. */
  public Article withProvenance(String capturedAt, String warcFile, long warcOffset, String payloadDigest) {
    return new Article(id, url, lang, title, surtitle, subtitle, authors, published, modified, issue,
        section, rubriquePath, chapo, text, ps, notes, keywords, images, attachments, translations,
        extraction, capturedAt, warcFile, warcOffset, payloadDigest, removedAt, site);
  }

  /** This record with its images replaced (e.g. with local paths filled in). */
  public Article withImages(List<Image> newImages) {
    return new Article(id, url, lang, title, surtitle, subtitle, authors, published, modified, issue,
        section, rubriquePath, chapo, text, ps, notes, keywords, newImages, attachments, translations,
        extraction, capturedAt, warcFile, warcOffset, payloadDigest, removedAt, site);
  }

  /** This record marked as no longer served by the site (null to clear). */
  public Article withRemovedAt(String when) {
    return new Article(id, url, lang, title, surtitle, subtitle, authors, published, modified, issue,
        section, rubriquePath, chapo, text, ps, notes, keywords, images, attachments, translations,
        extraction, capturedAt, warcFile, warcOffset, payloadDigest, when, site);
  }

  /**
   * This record with every address it keeps (its own, its images', attachments' and translations')
   * mapped by {@code rebase}: the same article at a site's new address.
   */
  public Article withUrls(java.util.function.UnaryOperator<String> rebase) {
    List<Image> newImages = images.stream().map(i -> new Image(rebase.apply(i.url()),
        i.originalUrl() == null ? null : rebase.apply(i.originalUrl()), i.title(), i.caption(), i.credits(), i.role(),
        i.width(), i.height(), i.localPath(), i.digest())).toList();
    List<Attachment> newAttachments = attachments.stream()
        .map(d -> new Attachment(rebase.apply(d.url()), d.title(), d.type())).toList();
    List<Translation> newTranslations = translations.stream()
        .map(t -> new Translation(t.lang(), rebase.apply(t.url()))).toList();
    return new Article(id, rebase.apply(url), lang, title, surtitle, subtitle, authors, published, modified, issue,
        section, rubriquePath, chapo, text, ps, notes, keywords, newImages, newAttachments, newTranslations,
        extraction, capturedAt, warcFile, warcOffset, payloadDigest, removedAt, site);
  }

  /** This record as belonging to the archive's site {@code key}. */
  public Article withSite(String key) {
    return new Article(id, url, lang, title, surtitle, subtitle, authors, published, modified, issue,
        section, rubriquePath, chapo, text, ps, notes, keywords, images, attachments, translations,
        extraction, capturedAt, warcFile, warcOffset, payloadDigest, removedAt, key);
  }
}
