package org.spiparchiver.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spiparchiver.config.Config;
import org.spiparchiver.model.Json;

/**
 * Whole records of representative fixture articles, compared with the JSON files in
 * src/test/resources/extract/golden/. After an intended change of the extraction, regenerate
 * them and review the diff:
 * <pre>mvn -o -q test -Dtest=GoldenRecordsTest -Dgolden.update=true &amp;&amp; git diff src/test/resources/extract/golden</pre>
 */
class GoldenRecordsTest {
  static final Path GOLDEN = Path.of("src/test/resources/extract/golden");
  private static final ArticleExtractor EXTRACTOR = new ArticleExtractor(new Config.Extraction(null, null));

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      // site     | page                          | what it shows
      "spip4-dist | /spip.php?article1            | translation, intertitle, list, link",
      "spip4-dist | /spip.php?article804          | inline image with caption and credits, notes, keywords",
      "spip4-dist | /spip.php?article813          | portfolio and inline image",
      "spip4-dist | /spip.php?article819          | attachment (PDF), PS, inherited logo",
      "escal-dev  | /spip.php?article1224&lang=fr | surtitle author, modified date, inline image, note",
      "escal-dev  | /spip.php?article1210&lang=fr | label surtitle (SOMMAIRE)",
      "escal-dev  | /spip.php?article1241&lang=fr | two authors in the surtitle",
      "escal-dev  | /spip.php?article1277&lang=fr | Escal portfolio",
      "escal-dev  | /spip.php?article1276&lang=es | Spanish, translations",
      "escal-dev  | /spip.php?article1246&lang=pt | Portuguese",
      "escal-dev  | /spip.php?article1239&lang=nl | Dutch",
      "escal-dev  | /spip.php?article1321&lang=fr | attachment, PS",
  })
  void extractsTheGoldenRecord(String site, String page, String shows) throws IOException {
    Fixtures f = Fixtures.site(site);
    PageResult r = EXTRACTOR.extract(f.body(page), f.url(page));
    assertThat(r).isInstanceOf(PageResult.ArticlePage.class);
    String json = Json.mapper().writerWithDefaultPrettyPrinter()
        .writeValueAsString(((PageResult.ArticlePage) r).article()) + "\n";
    Path golden = GOLDEN.resolve(site + "-article" + SpipUrls.articleId(f.url(page)).getAsInt() + ".json");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, json);
    }
    assertThat(golden).as("golden file (regenerate with -Dgolden.update=true)").exists();
    assertThat(json).as(shows).isEqualTo(Files.readString(golden));
  }
}
