package org.spiparchiver.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a surtitle is one or more personal names ("Simon Pirani", "Éloïse Ferrand, Nadia Ben
 * Saïd", "Ramón García Oliva &amp; Tom Whitaker") or a label ("SOMMAIRE", "éditorial",
 * "Autogestion", "Mai 68"), and the names it holds.
 */
public final class AuthorNames {
  private AuthorNames() {}

  // Separators between names: comma, ampersand, "and" in the site's languages.
  private static final Pattern SEPARATOR =
      Pattern.compile("\\s*(?:,|;|&|/|\\s(?:et|and|y|e|en|und)\\s)\\s*", Pattern.CASE_INSENSITIVE);
  // Lower-case words that may sit inside a name: "Hélène de Rochefort", "Joris van der Meulen".
  private static final Set<String> PARTICLES = Set.of(
      "de", "du", "des", "d'", "d’", "da", "das", "do", "dos", "del", "della", "di", "la", "le", "van", "von", "der",
      "den", "ten", "ter", "zu", "y", "e", "bin", "ben", "ibn", "al", "el", "st", "mc");
  private static final int MAX_WORDS_PER_NAME = 5;

  /** The names of a person-like surtitle; empty when it looks like a label. */
  public static List<String> fromSurtitle(String surtitle) {
    if (surtitle == null || surtitle.isBlank()) return List.of();
    List<String> names = new ArrayList<>();
    for (String part : SEPARATOR.split(Texts.clean(surtitle))) {
      if (part.isBlank()) continue;
      if (!looksLikeName(part)) return List.of();
      names.add(part);
    }
    return names;
  }

  /** Two to five words, each capitalised (not all capitals) or a name particle. */
  static boolean looksLikeName(String s) {
    String[] words = s.trim().split(" ");
    if (words.length < 2 || words.length > MAX_WORDS_PER_NAME) return false;
    int capitalised = 0;
    for (String w : words) {
      if (PARTICLES.contains(w.toLowerCase(Locale.ROOT)) && Character.isLowerCase(w.charAt(0))) continue;
      if (!isCapitalisedWord(w)) return false;
      capitalised++;
    }
    return capitalised >= 2 && !Character.isLowerCase(words[0].charAt(0));
  }

  private static boolean isCapitalisedWord(String w) {
    if (!Character.isUpperCase(w.codePointAt(0))) return false;
    int letters = 0;
    int upper = 0;
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        if (Character.isUpperCase(c)) upper++;
      } else if (c != '-' && c != '\'' && c != '’' && c != '.') {
        return false; // digits and other signs: "Mai 68", "N°21"
      }
    }
    // "SOMMAIRE" is a label; initials ("J.", "JR") are fine.
    return !(letters > 3 && upper == letters);
  }
}
