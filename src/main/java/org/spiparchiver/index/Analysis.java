package org.spiparchiver.index;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.tartarus.snowball.ext.DutchStemmer;

/**
 * Language-aware analysis. Each article's title and text go to fields of its language
 * ({@code text_fr}, {@code text_en}, …, {@code text_std} for the others); every chain removes
 * elisions where the language has them, lower-cases, drops the language's stop words, folds accents
 * (so {@code greve} finds {@code grève}) and applies a light stemmer. Folding comes before stemming so
 * that a query typed with or without accents reaches the stemmer as the same word.
 */
public final class Analysis {
  /** Languages with their own fields; any other language is analysed by {@link #OTHER}. */
  public static final List<String> LANGUAGES = List.of("fr", "en", "es", "pt", "nl", "it");
  public static final String OTHER = "std";

  /**
   * Articles elided before a vowel in French, Italian and Catalan (l'autogestion, dell'anarchia, d'un).
   * Removed in every language: a query is analysed by all of them, and French names ("L'Entraide",
   * "d'Aragon") appear in texts of every language.
   */
  private static final CharArraySet ELISIONS = new CharArraySet(List.of(
      "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
      "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl",
      "un", "v"), true);

  /** Gap between the values of a multi-valued field, so that a phrase never spans two authors. */
  private static final int VALUE_GAP = 100;

  private Analysis() {}

  /** The analysis language of an article: its own when supported, else {@link #OTHER}. */
  public static String languageOf(String lang) {
    if (lang == null) return OTHER;
    String l = lang.toLowerCase(Locale.ROOT);
    int dash = l.indexOf('-');
    if (dash > 0) l = l.substring(0, dash);
    return LANGUAGES.contains(l) ? l : OTHER;
  }

  /** Every analysis language, {@link #OTHER} last. */
  public static List<String> allLanguages() {
    return java.util.stream.Stream.concat(LANGUAGES.stream(), java.util.stream.Stream.of(OTHER)).toList();
  }

  /** The analyzer of the whole index: language chains for the language fields, names otherwise. */
  public static Analyzer indexAnalyzer() {
    Map<String, Analyzer> perField = new HashMap<>();
    for (String lang : allLanguages()) {
      Analyzer a = forLanguage(lang);
      for (String prefix : ArticleDocuments.LANGUAGE_FIELD_PREFIXES) perField.put(prefix + lang, a);
    }
    return new PerFieldAnalyzerWrapper(names(), perField);
  }

  /** For names, keywords, sections and issue titles: words lower-cased and folded, nothing dropped. */
  static Analyzer names() {
    return new Chain(ELISIONS, CharArraySet.EMPTY_SET, false, s -> s);
  }

  static Analyzer forLanguage(String lang) {
    return switch (lang) {
      case "fr" -> new Chain(ELISIONS, FrenchAnalyzer.getDefaultStopSet(), false, FrenchLightStemFilter::new);
      case "en" -> new Chain(ELISIONS, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true, PorterStemFilter::new);
      case "es" -> new Chain(ELISIONS, SpanishAnalyzer.getDefaultStopSet(), false, SpanishLightStemFilter::new);
      case "pt" -> new Chain(ELISIONS, PortugueseAnalyzer.getDefaultStopSet(), false, PortugueseLightStemFilter::new);
      case "nl" -> new Chain(ELISIONS, DutchAnalyzer.getDefaultStopSet(), false,
          s -> new SnowballFilter(s, new DutchStemmer()));
      case "it" -> new Chain(ELISIONS, ItalianAnalyzer.getDefaultStopSet(), false, ItalianLightStemFilter::new);
      default -> new Chain(ELISIONS, CharArraySet.EMPTY_SET, false, s -> s);
    };
  }

  private interface Stage {
    TokenStream apply(TokenStream in);
  }

  /** tokenizer -> elision -> [possessive] -> lower case -> stop words -> folding -> stemmer. */
  private static final class Chain extends Analyzer {
    private final CharArraySet elisions;
    private final CharArraySet stopWords;
    private final boolean possessive;
    private final Stage stemmer;

    Chain(CharArraySet elisions, CharArraySet stopWords, boolean possessive, Stage stemmer) {
      this.elisions = elisions;
      this.stopWords = stopWords;
      this.possessive = possessive;
      this.stemmer = stemmer;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream s = source;
      s = new ElisionFilter(s, elisions);
      if (possessive) s = new EnglishPossessiveFilter(s);
      s = new LowerCaseFilter(s);
      if (!stopWords.isEmpty()) s = new StopFilter(s, stopWords);
      s = new ASCIIFoldingFilter(s);
      return new TokenStreamComponents(source, stemmer.apply(s));
    }

    /** Prefix and wildcard terms are not analysed, only lower-cased and folded like indexed words. */
    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
      return VALUE_GAP;
    }
  }
}
