package org.spiparchiver.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spiparchiver.config.Config;
import org.spiparchiver.model.Article;

class ExtractionHealthTest {
  private static final ArticleExtractor EXTRACTOR = new ArticleExtractor(new Config.Extraction(null, null));

  private static List<Article> records(int n, boolean stripped) {
    Fixtures f = Fixtures.site("spip4-dist");
    List<Article> out = new ArrayList<>();
    for (JsonNode t : f.publicArticles().subList(0, n)) {
      String path = f.articlePath(t.get("id").asInt());
      URI url = f.url(path);
      byte[] page = stripped ? ThemeVariants.stripped(f.body(path), url) : f.body(path);
      out.add(((PageResult.ArticlePage) EXTRACTOR.extract(page, url)).article());
    }
    return out;
  }

  @Test
  void warnsWhenMoreThanAFewNewRecordsCameFromTheGenericLayer() {
    List<Article> fresh = records(ExtractionHealth.QUIET_LIMIT + 1, true);
    assertThat(ExtractionHealth.warning(fresh)).hasValueSatisfying(w -> assertThat(w)
        .contains((ExtractionHealth.QUIET_LIMIT + 1) + " were extracted by the generic layer").contains("probe"));
  }

  @Test
  void staysQuietOnRecordsOfTheKnownTemplateAndOnAFewGenericOnes() {
    assertThat(ExtractionHealth.warning(records(8, false))).isEmpty();
    List<Article> mixed = records(8, false);
    mixed.addAll(records(ExtractionHealth.QUIET_LIMIT, true));
    assertThat(ExtractionHealth.warning(mixed)).isEmpty();
  }
}
