package org.spiparchiver.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Validation of the ISO-8601 forms used in records: a date ({@code 2008-05-01}) or an offset date-time. */
public final class IsoDates {
  private IsoDates() {}

  public static void requireIso(String value, String field) {
    try {
      if (value.length() == 10) {
        LocalDate.parse(value);
      } else {
        OffsetDateTime.parse(value);
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " is not an ISO-8601 date: " + value);
    }
  }
}
