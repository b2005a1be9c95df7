package org.spiparchiver.model;

import java.util.List;
import java.util.Objects;

/**
 * An issue of the magazine: the rubrique whose title names it, e.g. "N°13. Mai/may/ 2008".
 *
 * @param number the issue number (13)
 * @param year the year named in the title, null when absent
 * @param months the month numbers (1-12) named in the title, in order, possibly empty
 * @param rubriqueId the SPIP id_rubrique, null when the page does not link it
 */
public record Issue(String title, Integer number, Integer year, List<Integer> months, Integer rubriqueId) {
  public Issue {
    Objects.requireNonNull(title, "title");
    months = months == null ? List.of() : List.copyOf(months);
    for (int m : months) {
      if (m < 1 || m > 12) throw new IllegalArgumentException("month out of range: " + m);
    }
  }
}
