package org.spiparchiver.index;

import java.util.List;

/**
 * An issue as the index knows it: from the articles that name it.
 *
 * @param sections the sections of its articles, most articles first
 */
public record IssueSummary(Integer number, String title, Integer year, List<Integer> months, int articleCount,
    List<String> sections) {
  public IssueSummary {
    months = List.copyOf(months);
    sections = List.copyOf(sections);
  }
}
