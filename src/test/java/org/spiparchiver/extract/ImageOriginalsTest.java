package org.spiparchiver.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageOriginalsTest {
  private static final URI ROOT = URI.create("https://divergences.be/");

  @ParameterizedTest(name = "{0} ({2})")
  @CsvSource(delimiter = '|', value = {
      // displayed                                                  | link                               | role   | original
      "local/cache-vignettes/L400xH263/Sans-titre-1-4-59be5.jpg     |                                    | inline | IMG/jpg/Sans-titre-1-4.jpg",
      "local/cache-vignettes/L400xH267/photo-athenes-syntagma-2010-305d1.jpg?1795701540 | | inline | IMG/jpg/photo-athenes-syntagma-2010.jpg",
      "local/cache-vignettes/L800xH500/schema-federalisme-0a1b2.png |                                    | inline | IMG/png/schema-federalisme.png",
      "local/cache-vignettes/L800xH500/vue-cafe1-0a1b2.jpeg         |                                    | inline | IMG/jpg/vue-cafe1.jpeg",
      "local/cache-vignettes/L672xH448/photo-oaxaca-2006-9ee7b.jpg  | IMG/jpg/photo-oaxaca-2006.jpg      | inline | IMG/jpg/photo-oaxaca-2006.jpg",
      "local/cache-gd2/95/026577864bdf2d385f458a70d8bd71.jpg        | IMG/jpg/photo-barcelone-1936.jpg   | portfolio | IMG/jpg/photo-barcelone-1936.jpg",
      "local/cache-gd2/95/026577864bdf2d385f458a70d8bd71.jpg        |                                    | portfolio | ''",
      "IMG/jpg/petite.jpg?1700000000                                |                                    | inline | IMG/jpg/petite.jpg",
      // logos: IMG/logo/ from SPIP 4, IMG/arton839.jpg before
      "local/cache-vignettes/L113xH150/une-n22-56ef1.jpg?1795701526 |                                    | logo   | IMG/logo/une-n22.jpg",
      "local/cache-vignettes/L150xH100/arton839-f3a2c.jpg           |                                    | logo   | IMG/arton839.jpg",
      "local/cache-vignettes/L150xH100/rubon12-f3a2c.png            |                                    | logo   | IMG/rubon12.png",
      "IMG/arton839.jpg                                             |                                    | logo   | IMG/arton839.jpg",
      // a logo linked to its rubrique: the link is not the original
      "local/cache-vignettes/L113xH150/une-n22-56ef1.jpg            | spip.php?rubrique111               | logo   | IMG/logo/une-n22.jpg",
      "plugins/escal/images/bandacad.png                            |                                    | logo   | ''",
  })
  void recoversTheOriginalFile(String displayed, String link, String role, String original) {
    URI shown = ROOT.resolve(displayed);
    URI linked = link == null ? null : ROOT.resolve(link);
    String expected = original.isEmpty() ? null : ROOT.resolve(original).toString();
    assertThat(ImageOriginals.original(shown, linked, role.equals("logo")).map(URI::toString).orElse(null))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "https://example.org/revue/local/cache-vignettes/L10xH10/a-b-12345.gif, https://example.org/revue/IMG/gif/a-b.gif",
  })
  void keepsTheSiteDirectory(String displayed, String original) {
    assertThat(ImageOriginals.original(URI.create(displayed), null, false)).contains(URI.create(original));
  }
}
