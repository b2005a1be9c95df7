package org.spiparchiver.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An issue as the index knows it: from the articles that name it.
 *
 * @param sections the sections of its articles, most articles first
 * @param site the key of the archive's site whose issue it is (two sites may have an issue of the same
 *     title); null where the index holds one site
 */
public record IssueSummary(Integer number, String title, Integer year, List<Integer> months, int articleCount,
    List<String> sections, @JsonInclude(JsonInclude.Include.NON_NULL) String site) {
  public IssueSummary {
    months = List.copyOf(months);
    sections = List.copyOf(sections);
  }

  IssueSummary withoutSite() {
    return new IssueSummary(number, title, year, months, articleCount, sections, null);
  }
}
