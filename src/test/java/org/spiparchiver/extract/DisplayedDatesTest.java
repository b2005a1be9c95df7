package org.spiparchiver.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayedDatesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // French
      "1er mai 2008                                   | 2008-05-01",
      "14 mai 2007                                    | 2007-05-14",
      "Article mis en ligne le 8 mai 2010             | 2010-05-08",
      "dernière modification le 1er juin 2011         | 2011-06-01",
      "jeudi 8 novembre 2007                          | 2007-11-08",
      "12 février 2012                                | 2012-02-12",
      "3 AOÛT 2009                                    | 2009-08-03",
      "17 décembre 2010                               | 2010-12-17",
      // English
      "Tuesday 13 May 2008                            | 2008-05-13",
      "Article published on 5 November 2011           | 2011-11-05",
      "last modification on 2 March 2012              | 2012-03-02",
      "May 13, 2008                                   | 2008-05-13",
      "1st August 2009                                | 2009-08-01",
      // Spanish
      "19 de febrero de 2010                          | 2010-02-19",
      "Artículo puesto en línea el 1 de septiembre de 2011 | 2011-09-01",
      "martes 13 de mayo de 2008                      | 2008-05-13",
      // Portuguese
      "4 de Fevereiro de 2012                         | 2012-02-04",
      "17 de Outubro de 2010                          | 2010-10-17",
      "12 de março de 2011                            | 2011-03-12",
      // Dutch
      "10 oktober 2010                                | 2010-10-10",
      "Artikel gepubliceerd de 5 juli 2011            | 2011-07-05",
      "laatst gewijzigd de 3 november 2011            | 2011-11-03",
      "dinsdag 13 mei 2008                            | 2008-05-13",
      // no-break spaces as SPIP writes them
      "1er\u00a0mai\u00a02008                         | 2008-05-01",
      // ISO
      "2008-05-01                                     | 2008-05-01",
  })
  void readsDisplayedDatesInFiveLanguages(String text, String expected) {
    assertThat(DisplayedDates.parse(text)).contains(LocalDate.parse(expected));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"", "mis en ligne hier", "32 mai 2008", "30 février 2010", "13 Brumaire 2008", "N°13. Mai/may/ 2008"})
  void findsNoDateWhereThereIsNone(String text) {
    assertThat(DisplayedDates.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "2007-11-08T10:05:00Z, 2007-11-08T10:05:00Z",
      "2007-11-08T10:05:00+02:00, 2007-11-08T10:05:00+02:00",
      "2008-05-01, 2008-05-01",
      "jeudi 8 novembre 2007, ''",
  })
  void keepsMachineReadableDatesAtTheirPrecision(String value, String expected) {
    if (expected.isEmpty()) assertThat(DisplayedDates.iso(value)).isEmpty();
    else assertThat(DisplayedDates.iso(value)).contains(expected);
  }
}
