package org.spiparchiver.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorNamesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Simon Pirani                              | Simon Pirani",
      "Éloïse Ferrand, Nadia Ben Saïd            | Éloïse Ferrand;Nadia Ben Saïd",
      "Ramón García Oliva & Tom Whitaker         | Ramón García Oliva;Tom Whitaker",
      "Rui Almeida et Maria da Silva Costa       | Rui Almeida;Maria da Silva Costa",
      "Kate Morrison and Liam O'Brien            | Kate Morrison;Liam O'Brien",
      "Liam O’Brien                              | Liam O’Brien",
      "Hélène de Rochefort et Joris van der Meulen | Hélène de Rochefort;Joris van der Meulen",
      "Claire Dubois-Martin                      | Claire Dubois-Martin",
      "Elena Sánchez de León                     | Elena Sánchez de León",
      "Ignacio de la Fuente                      | Ignacio de la Fuente",
      "Yannick Le Goff                           | Yannick Le Goff",
      "Sofie De Wilde en Bart van der Linden     | Sofie De Wilde;Bart van der Linden",
      "J. R. Tolkien                             | J. R. Tolkien",
  })
  void readsPersonLikeSurtitlesAsAuthors(String surtitle, String names) {
    assertThat(AuthorNames.fromSurtitle(surtitle)).isEqualTo(List.of(names.split(";")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"SOMMAIRE", "éditorial", "Autogestion", "Entretien", "Mai 68", "Histoire du mouvement ouvrier",
      "Grèce", "Livres/Books", "Notes de lecture", "DOSSIER SPÉCIAL", "N°21", "Au sommaire du n°21", ""})
  void keepsLabelsAsSurtitleOnly(String surtitle) {
    assertThat(AuthorNames.fromSurtitle(surtitle)).isEmpty();
  }
}
