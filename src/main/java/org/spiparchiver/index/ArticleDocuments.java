package org.spiparchiver.index;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.util.BytesRef;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Image;
import org.spiparchiver.model.Issue;

/**
 * The one mapping from an {@link Article} record to a Lucene document, and the field names.
 * Stored fields hold what a result line prints, so a search never reads the JSON records; points
 * and doc values serve filters, sorting and facets.
 */
public final class ArticleDocuments {
  /** Version of this mapping, kept in the index commit: a change makes {@code update} rebuild. */
  static final String SCHEMA = "5";

  // Identity and provenance (stored; key indexed as the update key, id for lookups by id).
  /** {@code site:id}: one document per article of each site (schema 5). */
  public static final String KEY = "key";
  /** The key of the archive's site the article belongs to. */
  public static final String SITE = "site";
  public static final String ID = "id";
  public static final String ID_SORT = "id_sort";
  public static final String URL = "url";
  public static final String DIGEST = "digest";
  public static final String JSON_PATH = "json_path";
  public static final String REMOVED = "removed";
  public static final String REMOVED_AT = "removed_at";
  /** {@link Fingerprints#of} the article: the same article republished on another site has the same. */
  public static final String FINGERPRINT = "fingerprint";
  /** On the later copies of a republished article: the key of the copy search shows. */
  public static final String COPY_OF = "copy_of";
  /** On every copy of a republished article: the keys of the other copies. */
  public static final String ALSO = "also";

  // Language-analysed text: prefix + analysis language (title_fr, text_en, ..., text_std).
  public static final String TITLE_PREFIX = "title_";
  public static final String TEXT_PREFIX = "text_";
  static final List<String> LANGUAGE_FIELD_PREFIXES = List.of(TITLE_PREFIX, TEXT_PREFIX);

  // Stored for display.
  public static final String TITLE = "title";
  public static final String PUBLISHED = "published";
  public static final String LANG = "lang";

  // Names, analysed by Analysis.names(); stored too.
  public static final String AUTHOR = "author";
  public static final String KEYWORD = "keyword";
  public static final String SECTION = "section";
  public static final String ISSUE_TITLE = "issue_title";

  // One value per article, for the issue list.
  public static final String ISSUE_KEY = "issue_key";
  public static final String SECTION_KEY = "section_key";
  public static final String SITE_KEY = "site_key";

  // Numbers and dates.
  public static final String ISSUE_NUMBER = "issue_number";
  public static final String ISSUE_YEAR = "issue_year";
  public static final String ISSUE_MONTHS = "issue_months";
  public static final String YEAR = "year";
  public static final String PUBLISHED_MS = "published_ms";
  /** Publication day as printed (the date part of {@code published}), in days since 1970-01-01. */
  public static final String PUBLISHED_DAY = "published_day";

  /** Facet dimensions (sorted-set doc values). */
  public static final String FACET_ISSUE = "issue";
  public static final String FACET_YEAR = "year";
  public static final String FACET_AUTHOR = "author";
  public static final String FACET_LANG = "lang";
  public static final String FACET_SECTION = "section";
  public static final String FACET_SITE = "site";
  public static final List<String> FACETS =
      List.of(FACET_ISSUE, FACET_YEAR, FACET_AUTHOR, FACET_LANG, FACET_SECTION, FACET_SITE);

  static final FacetsConfig FACETS_CONFIG = new FacetsConfig();

  /**
   * The text: analysed, stored for snippets, with offsets in the postings so that the highlighter
   * reads the matches' positions instead of analysing each hit's text again (schema 4; a third of
   * a search page's time on the 100 000-article benchmark).
   */
  private static final FieldType BODY = new FieldType(TextField.TYPE_STORED);

  static {
    BODY.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    BODY.freeze();
  }

  static {
    FACETS_CONFIG.setMultiValued(FACET_AUTHOR, true);
  }

  private ArticleDocuments() {}

  public static String titleField(String lang) {
    return TITLE_PREFIX + lang;
  }

  public static String textField(String lang) {
    return TEXT_PREFIX + lang;
  }

  /**
   * The document of an article.
   *
   * @param a a record with its {@code site}
   * @param digest identifies this version of the record, to skip it when unchanged
   * @param jsonPath where the record lies, printed with results
   * @param copies how the article stands among its republished copies ({@link Copies#NONE} when alone)
   */
  public static Document toDocument(Article a, String digest, String jsonPath, Copies copies) {
    if (a.site() == null) throw new IllegalArgumentException("a record to index names its site");
    Document d = new Document();
    d.add(new StringField(KEY, a.key().toString(), Field.Store.YES));
    d.add(new StringField(SITE, a.site(), Field.Store.YES));
    d.add(new SortedSetDocValuesFacetField(FACET_SITE, a.site()));
    d.add(new SortedDocValuesField(SITE_KEY, new BytesRef(a.site())));
    d.add(new StringField(ID, Integer.toString(a.id()), Field.Store.YES));
    d.add(new NumericDocValuesField(ID_SORT, a.id()));
    d.add(new StoredField(URL, a.url()));
    d.add(new StoredField(DIGEST, digest));
    d.add(new StoredField(JSON_PATH, jsonPath));
    if (a.removedAt() != null) {
      d.add(new StringField(REMOVED, "true", Field.Store.NO));
      d.add(new StoredField(REMOVED_AT, a.removedAt()));
    }
    Fingerprints.of(a).ifPresent(f -> d.add(new StringField(FINGERPRINT, f, Field.Store.YES)));
    if (copies.copyOf() != null) d.add(new StringField(COPY_OF, copies.copyOf(), Field.Store.YES));
    for (String other : copies.also()) d.add(new StoredField(ALSO, other));

    String lang = Analysis.languageOf(a.lang());
    if (a.lang() != null && !a.lang().isBlank()) {
      d.add(new StringField(LANG, a.lang(), Field.Store.YES));
      d.add(new SortedSetDocValuesFacetField(FACET_LANG, a.lang()));
    }
    if (a.title() != null) d.add(new StoredField(TITLE, a.title()));
    for (String t : nonBlank(a.title(), a.subtitle(), a.surtitle())) {
      d.add(new TextField(titleField(lang), t, Field.Store.NO));
    }
    String body = body(a);
    if (!body.isEmpty()) d.add(new Field(textField(lang), body, BODY));

    for (String author : a.authors()) {
      if (author.isBlank()) continue;
      d.add(new TextField(AUTHOR, author, Field.Store.YES));
      d.add(new SortedSetDocValuesFacetField(FACET_AUTHOR, author));
    }
    for (String k : a.keywords()) {
      if (!k.isBlank()) d.add(new TextField(KEYWORD, k, Field.Store.YES));
    }
    if (a.section() != null && !a.section().isBlank()) {
      d.add(new TextField(SECTION, a.section(), Field.Store.YES));
      d.add(new SortedDocValuesField(SECTION_KEY, new BytesRef(a.section())));
      d.add(new SortedSetDocValuesFacetField(FACET_SECTION, a.section()));
    }
    addIssue(d, a.issue());

    if (a.published() != null) {
      long ms = epochMillis(a.published());
      d.add(new StoredField(PUBLISHED, a.published()));
      d.add(new LongPoint(PUBLISHED_MS, ms));
      d.add(new NumericDocValuesField(PUBLISHED_MS, ms));
      LocalDate day = LocalDate.parse(a.published().substring(0, 10));
      d.add(new IntPoint(PUBLISHED_DAY, Math.toIntExact(day.toEpochDay())));
      int year = day.getYear();
      d.add(new IntPoint(YEAR, year));
      d.add(new SortedSetDocValuesFacetField(FACET_YEAR, Integer.toString(year)));
    }
    try {
      return FACETS_CONFIG.build(d);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // build only adds fields: no I/O happens
    }
  }

  /**
   * An article's place among the copies of a republished article.
   *
   * @param copyOf the key of the copy search shows, null for that copy (or an article alone)
   * @param also the keys of the other copies, in key order
   */
  public record Copies(String copyOf, List<String> also) {
    public static final Copies NONE = new Copies(null, List.of());

    public Copies {
      also = List.copyOf(also);
    }
  }

  private static void addIssue(Document d, Issue issue) {
    if (issue == null) return;
    d.add(new TextField(ISSUE_TITLE, issue.title(), Field.Store.YES));
    d.add(new SortedDocValuesField(ISSUE_KEY, new BytesRef(issue.title())));
    d.add(new SortedSetDocValuesFacetField(FACET_ISSUE, issue.title()));
    if (issue.number() != null) {
      d.add(new IntPoint(ISSUE_NUMBER, issue.number()));
      d.add(new StoredField(ISSUE_NUMBER, issue.number()));
    }
    if (issue.year() != null) d.add(new StoredField(ISSUE_YEAR, issue.year()));
    if (!issue.months().isEmpty()) {
      d.add(new StoredField(ISSUE_MONTHS,
          issue.months().stream().map(String::valueOf).collect(Collectors.joining(","))));
    }
  }

  /** Searchable text: chapo, text, PS, notes and image captions, paragraphs apart. */
  static String body(Article a) {
    List<String> parts = new ArrayList<>(nonBlank(a.chapo(), a.text(), a.ps()));
    parts.addAll(nonBlank(a.notes().toArray(String[]::new)));
    for (Image img : a.images()) parts.addAll(nonBlank(img.title(), img.caption()));
    return String.join("\n\n", parts);
  }

  /** Milliseconds since the epoch of an ISO date (midnight UTC) or date-time. */
  public static long epochMillis(String iso) {
    if (iso.length() == 10) return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
  }

  private static List<String> nonBlank(String... values) {
    List<String> out = new ArrayList<>();
    for (String v : values) if (v != null && !v.isBlank()) out.add(v);
    return out;
  }
}
