package org.spiparchiver.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.QueryParserConstants;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.spiparchiver.config.Messages;

/**
 * The classic Lucene query syntax (words all required, {@code "phrases"}, {@code OR},
 * {@code -exclusion}, {@code prefix*}) over the article fields. A word without a field is searched in
 * titles, text, authors and keywords of every language, so one query finds articles in any language;
 * the user-facing fields {@code title:}, {@code text:}, {@code author:}, {@code keyword:},
 * {@code section:}, {@code issue:} (number or title words), {@code lang:} and {@code year:} map to
 * index fields here.
 */
final class ArticleQueryParser extends QueryParser {
  private static final Map<String, List<String>> FIELDS = new LinkedHashMap<>();
  private static final Map<String, Float> BOOSTS = new LinkedHashMap<>();
  private static final List<String> DEFAULT_FIELDS = new ArrayList<>();
  /** A title match outranks a text match; authors and keywords are short, strong signals too. */
  private static final float TITLE_BOOST = 3f;
  private static final float NAME_BOOST = 2f;
  /** Share of the non-best fields' scores in a word's score (DisjunctionMaxQuery tie-breaker). */
  private static final float TIE_BREAKER = 0.1f;
  /**
   * Deepest parenthesis nesting read: the parser recurses once per level, so thousands of levels
   * would exhaust the stack; no real query nests more than a few.
   */
  static final int MAX_NESTING = 100;

  static {
    List<String> titles = Analysis.allLanguages().stream().map(ArticleDocuments::titleField).toList();
    List<String> texts = Analysis.allLanguages().stream().map(ArticleDocuments::textField).toList();
    FIELDS.put("title", titles);
    FIELDS.put("text", texts);
    FIELDS.put("author", List.of(ArticleDocuments.AUTHOR));
    FIELDS.put("keyword", List.of(ArticleDocuments.KEYWORD));
    FIELDS.put("section", List.of(ArticleDocuments.SECTION));
    FIELDS.put("issue", List.of(ArticleDocuments.ISSUE_TITLE));
    FIELDS.put("lang", List.of(ArticleDocuments.LANG));
    FIELDS.put("year", List.of(ArticleDocuments.YEAR));
    titles.forEach(f -> BOOSTS.put(f, TITLE_BOOST));
    BOOSTS.put(ArticleDocuments.AUTHOR, NAME_BOOST);
    BOOSTS.put(ArticleDocuments.KEYWORD, NAME_BOOST);
    DEFAULT_FIELDS.addAll(titles);
    DEFAULT_FIELDS.addAll(texts);
    DEFAULT_FIELDS.add(ArticleDocuments.AUTHOR);
    DEFAULT_FIELDS.add(ArticleDocuments.KEYWORD);
  }

  private ArticleQueryParser(Analyzer analyzer) {
    super(null, analyzer);
    setDefaultOperator(AND_OPERATOR);
    // One word at a time, so that expand() sees which languages drop a word as a stop word.
    setSplitOnWhitespace(true);
  }

  /** Parses a user query; a syntax error becomes a one-line message naming the column. */
  static Query parse(String query, Analyzer analyzer) {
    if (count(query, '"') % 2 == 1) {
      throw badQuery(query, "unclosed quote at column " + (query.lastIndexOf('"') + 1));
    }
    int tooDeep = tooDeepAt(query);
    if (tooDeep >= 0) {
      throw badQuery(query, "parentheses nested more than " + MAX_NESTING + " levels at column " + (tooDeep + 1));
    }
    try {
      Query q = new ArticleQueryParser(analyzer).parse(query);
      if (q == null || q instanceof BooleanQuery b && b.clauses().isEmpty()) {
        throw badQuery(query, "nothing to search for (only stop words or punctuation)");
      }
      if (onlyExclusions(q)) {
        BooleanQuery.Builder all = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        ((BooleanQuery) q).clauses().forEach(all::add);
        return all.build();
      }
      return q;
    } catch (ParseException e) {
      throw badQuery(query, describe(query, e));
    }
  }

  private static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }

  /** Index of the first '(' deeper than {@link #MAX_NESTING} outside quotes and escapes; -1 when none. */
  private static int tooDeepAt(String query) {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(' && ++depth > MAX_NESTING) {
        return i;
      } else if (!quoted && c == ')') {
        depth = Math.max(0, depth - 1);
      }
    }
    return -1;
  }

  /** {@code -word} alone means every article without the word, not nothing. */
  private static boolean onlyExclusions(Query q) {
    return q instanceof BooleanQuery b
        && b.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.MUST_NOT);
  }

  private static IndexException badQuery(String query, String what) {
    return new IndexException(IndexException.Reason.BAD_QUERY, "bad query '" + Messages.shorten(query) + "': " + what);
  }

  private static final Pattern COLUMN = Pattern.compile("column (\\d+)");

  private static String describe(String query, ParseException e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    if (cause instanceof ParseException pe && pe.currentToken != null && pe.currentToken.next != null) {
      // JavaCC columns count from 0 here; people count from 1.
      Token last = pe.currentToken;
      Token bad = last.next;
      if (bad.kind == QueryParserConstants.EOF) {
        if (count(query, '(') > count(query, ')')) {
          return "missing ')' for the '(' at column " + (query.lastIndexOf('(') + 1);
        }
        return last.image == null || last.image.isEmpty()
            ? "empty query"
            : "the query ends too early, after '" + Messages.shorten(last.image) + "' at column " + (last.beginColumn + 1);
      }
      return "unexpected '" + Messages.shorten(bad.image) + "' at column " + (bad.beginColumn + 1);
    }
    String msg = String.valueOf(cause.getMessage());
    if (cause instanceof UnknownField uf) {
      return "unknown field '" + Messages.shorten(uf.field) + ":' at column " + (query.indexOf(uf.field + ":") + 1) + " (fields: "
          + String.join(", ", FIELDS.keySet()) + "; put a word with a colon in quotes)";
    }
    Matcher m = COLUMN.matcher(msg);
    String firstLine = msg.lines().findFirst().orElse(msg);
    if (query.endsWith("\\") && !query.endsWith("\\\\")) {
      return "a '\\' at the end escapes nothing (column " + query.length() + ")";
    }
    if (m.find()) return "cannot read the query at column " + Math.min(Integer.parseInt(m.group(1)), query.length());
    int wildcard = Math.max(query.indexOf(" *"), query.indexOf(" ?"));
    if (msg.contains("not allowed as first character")) {
      int col = query.startsWith("*") || query.startsWith("?") ? 1 : wildcard + 2;
      return "a word cannot start with '*' or '?' (column " + col + ")";
    }
    return firstLine;
  }

  /** Thrown for {@code foo:} when foo is not a field; says which fields exist. */
  private static final class UnknownField extends ParseException {
    private static final long serialVersionUID = 1L;
    final String field;

    UnknownField(String field) {
      super("unknown field '" + field + ":'");
      this.field = field;
    }
  }

  private interface PerField {
    Query build(String field) throws ParseException;
  }

  private static List<String> targets(String field) throws ParseException {
    if (field == null) return DEFAULT_FIELDS;
    List<String> mapped = FIELDS.get(field);
    if (mapped != null) return mapped;
    if (BOOSTS.containsKey(field) || DEFAULT_FIELDS.contains(field) || isIndexField(field)) return List.of(field);
    throw new UnknownField(field);
  }

  private static boolean isIndexField(String field) {
    return FIELDS.values().stream().anyMatch(l -> l.contains(field));
  }

  /**
   * The query on each index field a user field stands for, as a disjunction: the best field counts.
   * A plain word that some languages drop as a stop word ("die", "the", "la") becomes optional:
   * requiring it would exclude every article in those languages.
   */
  private Query expand(String field, PerField perField, boolean optionalIfStopWord) throws ParseException {
    List<String> targets = targets(field);
    if (targets.size() == 1 && targets.get(0).equals(field)) return perField.build(field);
    List<Query> queries = new ArrayList<>();
    boolean dropped = false;
    for (String target : targets) {
      Query q = perField.build(target);
      if (q == null) {
        dropped = true;
        continue;
      }
      Float boost = BOOSTS.get(target);
      queries.add(boost == null ? q : new BoostQuery(q, boost));
    }
    if (queries.isEmpty()) return null;
    Query q = queries.size() == 1 ? queries.get(0) : new DisjunctionMaxQuery(queries, TIE_BREAKER);
    if (dropped && optionalIfStopWord) {
      return new BooleanQuery.Builder()
          .add(q, BooleanClause.Occur.SHOULD)
          .add(new BoostQuery(new MatchAllDocsQuery(), 0f), BooleanClause.Occur.SHOULD)
          .build();
    }
    return q;
  }

  @Override
  protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
    Query numeric = numericQuery(field, text);
    if (numeric != null) return numeric;
    return expand(field, f -> super.getFieldQuery(f, text, quoted), !quoted);
  }

  @Override
  protected Query getFieldQuery(String field, String text, int slop) throws ParseException {
    Query numeric = numericQuery(field, text);
    if (numeric != null) return numeric;
    return expand(field, f -> super.getFieldQuery(f, text, slop), false);
  }

  @Override
  protected Query getPrefixQuery(String field, String text) throws ParseException {
    return expand(field, f -> super.getPrefixQuery(f, text), false);
  }

  @Override
  protected Query getWildcardQuery(String field, String text) throws ParseException {
    return expand(field, f -> super.getWildcardQuery(f, text), false);
  }

  @Override
  protected Query getFuzzyQuery(String field, String text, float similarity) throws ParseException {
    return expand(field, f -> super.getFuzzyQuery(f, text, similarity), false);
  }

  @Override
  protected Query getRegexpQuery(String field, String text) throws ParseException {
    return expand(field, f -> super.getRegexpQuery(f, text), false);
  }

  @Override
  protected Query getRangeQuery(String field, String lo, String hi, boolean loInc, boolean hiInc)
      throws ParseException {
    if ("year".equals(field) || "issue".equals(field)) {
      String target = "year".equals(field) ? ArticleDocuments.YEAR : ArticleDocuments.ISSUE_NUMBER;
      int from = lo == null || lo.equals("*") ? Integer.MIN_VALUE : number(field, lo) + (loInc ? 0 : 1);
      int to = hi == null || hi.equals("*") ? Integer.MAX_VALUE : number(field, hi) - (hiInc ? 0 : 1);
      return IntPoint.newRangeQuery(target, from, to);
    }
    return expand(field, f -> super.getRangeQuery(f, lo, hi, loInc, hiInc), false);
  }

  /** {@code year:2008} and {@code issue:13} are numbers, not words. */
  private Query numericQuery(String field, String text) throws ParseException {
    if ("year".equals(field)) return IntPoint.newExactQuery(ArticleDocuments.YEAR, number(field, text));
    if ("issue".equals(field) && text.matches("\\d+")) {
      return IntPoint.newExactQuery(ArticleDocuments.ISSUE_NUMBER, Integer.parseInt(text));
    }
    return null;
  }

  private static int number(String field, String text) throws ParseException {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new ParseException(field + ": expects a number, not '" + Messages.shorten(text) + "'");
    }
  }
}
