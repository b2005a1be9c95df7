package org.spiparchiver.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.spiparchiver.config.Config;
import org.spiparchiver.model.Issue;

class IssueTitlesTest {
  private static final Pattern DEFAULT = new Config.Extraction(null, null).issuePattern();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // title                                | number | year | months
      "N°13. Mai/may/ 2008                    | 13     | 2008 | 5",
      "N° 52 MAI-SEPTEMBRE 2019               | 52     | 2019 | 5 9",
      "N°10. Novembre/november/ 2007          | 10     | 2007 | 11",
      "N°21. Février/february/ 2010           | 21     | 2010 | 2",
      "N°12. Mars/march/ 2008                 | 12     | 2008 | 3",
      "N°26. Juillet/july/ 2011               | 26     | 2011 | 7",
      "Nº 7 - août 2006                       | 7      | 2006 | 8",
      "n°40. Décembre/december/ 2015          | 40     | 2015 | 12",
      "N°60. Printemps 2021                   | 60     | 2021 | ''",
      "N°3                                    | 3      |      | ''",
      "N° 44 Juin-Juillet/June-July 2016      | 44     | 2016 | 6 7",
      "N°15.\u00a0Octobre/october/\u00a02008  | 15     | 2008 | 10",
  })
  void readsIssueTitles(String title, int number, Integer year, String months) {
    Issue issue = IssueTitles.parse(title, DEFAULT, 7).orElseThrow();
    assertThat(issue.number()).isEqualTo(number);
    assertThat(issue.year()).isEqualTo(year);
    List<Integer> expected = months.isBlank() ? List.of()
        : Arrays.stream(months.trim().split(" ")).map(Integer::valueOf).toList();
    assertThat(issue.months()).isEqualTo(expected);
    assertThat(issue.rubriqueId()).isEqualTo(7);
    assertThat(issue.title()).doesNotContain("\u00a0");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"International", "Livres/Books", "Archives Générales 2006 - 2022", "2010",
      "Nouvelles 2008", "Numéros spéciaux", "Novembre 2007", ""})
  void ignoresRubriquesThatAreNotIssues(String title) {
    assertThat(IssueTitles.parse(title, DEFAULT, 1)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Numéro 8 (printemps 2009)   | 8  | 2009",
      "Numéro 12                   | 12 | ",
  })
  void usesTheConfiguredPattern(String title, int number, Integer year) {
    Pattern custom = Pattern.compile("^Num[ée]ro (?<number>\\d+)(?:.*?(?<year>\\d{4}))?", Pattern.CASE_INSENSITIVE);
    Issue issue = IssueTitles.parse(title, custom, 3).orElseThrow();
    assertThat(issue.number()).isEqualTo(number);
    assertThat(issue.year()).isEqualTo(year);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"^(?<number>\\w+)", "N°(?<number>\\d+)"})
  void ignoresAPatternThatCapturesNoNumber(String regex) {
    Pattern p = Pattern.compile(regex);
    assertThat(IssueTitles.parse("International", p, 1)).isEmpty();
    assertThat(IssueTitles.parse("N°12345678901234", p, 1)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Mai/may/                  | 5",
      "MAI-SEPTEMBRE             | 5 9",
      "janvier, February, mars   | 1 2 3",
      "Août / August             | 8",
      "Décembre                  | 12",
      "Marseille, Outremeuse     | ''",
  })
  void readsMonthsInFrenchAndEnglish(String text, String months) {
    List<Integer> expected = months.isBlank() ? List.of()
        : Arrays.stream(months.trim().split(" ")).map(Integer::valueOf).toList();
    assertThat(IssueTitles.months(text)).isEqualTo(expected);
  }
}
