package org.spiparchiver.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.spiparchiver.model.Article;

/**
 * What makes two records the same article republished: the same title and the same text once
 * typography is set aside (SPIP's no-break spaces before {@code :;?!}, curly quotes and
 * apostrophes, dashes, line breaks, case). The one definition: the index groups copies by it.
 */
public final class Fingerprints {
  private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0\\u202f\\u2007\\u2009]+");
  private static final Pattern APOSTROPHES = Pattern.compile("[\\u2018\\u2019\\u02bc\\u00b4`]");
  private static final Pattern QUOTES = Pattern.compile("[\\u201c\\u201d\\u00ab\\u00bb\\u201e]");
  private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212]");
  /** Below this many characters of text, two articles alike are as likely short notices as copies. */
  static final int MIN_TEXT = 200;

  private Fingerprints() {}

  /** SHA-256 of the normalised title and text; empty for an article with too little text to tell. */
  public static Optional<String> of(Article a) {
    String text = normalise(a.text());
    if (text.length() < MIN_TEXT) return Optional.empty();
    String both = normalise(a.title()) + "\n" + text;
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(both.getBytes(StandardCharsets.UTF_8));
      return Optional.of(HexFormat.of().formatHex(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static String normalise(String s) {
    if (s == null) return "";
    String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
    n = APOSTROPHES.matcher(n).replaceAll("'");
    n = QUOTES.matcher(n).replaceAll("\"");
    n = DASHES.matcher(n).replaceAll("-");
    n = SPACES.matcher(n).replaceAll(" ");
    n = n.replace(" :", ":").replace(" ;", ";").replace(" ?", "?").replace(" !", "!");
    return n.strip().toLowerCase(Locale.ROOT);
  }
}
