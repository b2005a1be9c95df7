package org.spiparchiver.extract;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as SPIP displays them ({@code affdate}), in the languages of divergences.be: French
 * ("1er mai 2008"), English ("Tuesday 13 May 2008", "May 13, 2008"), Spanish ("19 de febrero de
 * 2010"), Portuguese ("4 de Fevereiro de 2012"), Dutch ("10 oktober 2010"); and ISO values of
 * {@code <abbr title>} / {@code <time datetime>}.
 */
public final class DisplayedDates {
  private DisplayedDates() {}

  /** Month names (accents stripped, lower case) and common abbreviations, to month numbers. */
  static final Map<String, Integer> MONTHS = new HashMap<>();

  static {
    String[][] names = {
        {"janvier", "january", "enero", "janeiro", "januari", "jan", "janv", "ene"},
        {"fevrier", "february", "febrero", "fevereiro", "februari", "feb", "fev", "fevr"},
        {"mars", "march", "marzo", "marco", "maart", "mar"},
        {"avril", "april", "abril", "apr", "avr", "abr"},
        {"mai", "may", "mayo", "maio", "mei"},
        {"juin", "june", "junio", "junho", "juni", "jun"},
        {"juillet", "july", "julio", "julho", "juli", "jul", "juil"},
        {"aout", "august", "agosto", "augustus", "aug", "ago"},
        {"septembre", "september", "septiembre", "setembro", "setiembre", "sep", "sept", "set"},
        {"octobre", "october", "octubre", "outubro", "oktober", "oct", "okt", "out"},
        {"novembre", "november", "noviembre", "novembro", "nov"},
        {"decembre", "december", "diciembre", "dezembro", "dec", "dic", "dez"},
    };
    for (int m = 0; m < names.length; m++) {
      for (String n : names[m]) MONTHS.put(n, m + 1);
    }
  }

  private static final String MONTH = "(\\p{L}{3,12})\\.?";
  // "1er mai 2008", "13 May 2008", "19 de febrero de 2010", "10 oktober 2010"
  private static final Pattern DAY_MONTH_YEAR =
      Pattern.compile("(?<!\\d)(\\d{1,2})(?:er|st|nd|rd|th|º|°|\\.)?\\s+(?:de\\s+)?" + MONTH + "\\s+(?:de\\s+)?(\\d{4})(?!\\d)",
          Pattern.UNICODE_CHARACTER_CLASS);
  // "May 13, 2008"
  private static final Pattern MONTH_DAY_YEAR =
      Pattern.compile(MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern ISO_DATE = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");

  /** The first displayed date found in a text, as a date. */
  public static Optional<LocalDate> parse(String text) {
    if (text == null) return Optional.empty();
    String s = Texts.clean(text);
    Matcher m = DAY_MONTH_YEAR.matcher(s);
    while (m.find()) {
      Optional<LocalDate> d = date(m.group(3), m.group(2), m.group(1));
      if (d.isPresent()) return d;
    }
    m = MONTH_DAY_YEAR.matcher(s);
    while (m.find()) {
      Optional<LocalDate> d = date(m.group(3), m.group(1), m.group(2));
      if (d.isPresent()) return d;
    }
    m = ISO_DATE.matcher(s);
    if (m.find()) {
      try {
        return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
      } catch (DateTimeException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * A machine-readable value ({@code abbr title}, {@code time datetime}) as an ISO string: the
   * date-time when it has one ({@code 2008-05-01T10:00:00Z}), else the date; empty when not ISO.
   * SPIP's default templates write e.g. {@code 2007-11-08T10:05:00Z}.
   */
  public static Optional<String> iso(String value) {
    if (value == null) return Optional.empty();
    String v = value.trim();
    try {
      return Optional.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.parse(v)));
    } catch (DateTimeParseException e) {
      // not a date-time: maybe a date
    }
    try {
      return Optional.of(LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v).toString());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The month number of a month name in one of the five languages, accents and case ignored. */
  public static Optional<Integer> month(String name) {
    return Optional.ofNullable(MONTHS.get(fold(name)));
  }

  static String fold(String s) {
    String n = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder b = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (Character.getType(c) != Character.NON_SPACING_MARK) b.append(c);
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  private static Optional<LocalDate> date(String year, String monthName, String day) {
    Integer month = MONTHS.get(fold(monthName));
    if (month == null) return Optional.empty();
    try {
      return Optional.of(LocalDate.of(Integer.parseInt(year), month, Integer.parseInt(day)));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
