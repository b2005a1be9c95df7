package org.spiparchiver.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spiparchiver.model.Issue;

/**
 * Recognises an issue of the magazine in a rubrique title ("N°13. Mai/may/ 2008",
 * "N° 52 MAI-SEPTEMBRE 2019") with the configured pattern.
 */
public final class IssueTitles {
  private IssueTitles() {}

  private static final Pattern WORD = Pattern.compile("\\p{L}+", Pattern.UNICODE_CHARACTER_CLASS);

  /** The issue named by a rubrique title, empty when the title is not an issue's. */
  public static Optional<Issue> parse(String title, Pattern issuePattern, Integer rubriqueId) {
    if (title == null) return Optional.empty();
    String t = Texts.clean(title);
    Matcher m = issuePattern.matcher(t);
    if (!m.find()) return Optional.empty();
    Integer number = number(m.group("number"));
    if (number == null) return Optional.empty();
    Integer year = hasGroup(issuePattern, "year") ? number(m.group("year")) : null;
    return Optional.of(new Issue(t, number, year, months(t), rubriqueId));
  }

  /** The distinct months named in a text ("Mai/may/" = [5], "MAI-SEPTEMBRE" = [5, 9]), in order. */
  public static List<Integer> months(String text) {
    List<Integer> months = new ArrayList<>(2);
    Matcher w = WORD.matcher(text);
    while (w.find()) {
      // Only full names: abbreviations such as "mar" or "out" are ordinary words in titles.
      String word = DisplayedDates.fold(w.group());
      if (!FULL_NAMES.contains(word)) continue;
      Integer m = DisplayedDates.MONTHS.get(word);
      if (!months.contains(m)) months.add(m);
    }
    return months;
  }

  private static final Set<String> FULL_NAMES = Set.of(
      "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december");

  /** A configured pattern may capture anything: only 1 to 9 digits make a number. */
  private static Integer number(String digits) {
    if (digits == null || digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) return null;
    return Integer.valueOf(digits);
  }

  private static boolean hasGroup(Pattern p, String name) {
    return p.pattern().contains("?<" + name + ">");
  }
}
