package org.spiparchiver.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.model.ArticleKey;

class ArchiveSitesTest {
  @TempDir Path mirror;

  @Test
  void keysComeFromTheHostsFirstLabel() {
    assertThat(ArchiveSites.keyOf(URI.create("https://divergences.be/"))).isEqualTo("divergences");
    assertThat(ArchiveSites.keyOf(URI.create("https://www.divergences.be/"))).isEqualTo("divergences");
    assertThat(ArchiveSites.keyOf(URI.create("https://divergences2.divergences.be/"))).isEqualTo("divergences2");
    assertThat(ArchiveSites.keyOf(URI.create("http://127.0.0.1:8089/"))).isEqualTo("127.0.0.1_8089");
    assertThat(ArchiveSites.keyOf(URI.create("http://localhost/"))).isEqualTo("localhost");
    assertThat(ArchiveSites.keyOf(URI.create("http://[::1]:8089/"))).isEqualTo("1__8089");
  }

  @Test
  void anEmptyMirrorHasNoSiteAndTheFirstSiteTakesTheRoot() throws Exception {
    assertThat(ArchiveSites.of(mirror)).isEmpty();
    ArchiveSite first = ArchiveSites.locate(mirror, URI.create("https://divergences.be/"), null);
    assertThat(first).isEqualTo(new ArchiveSite("divergences", URI.create("https://divergences.be/"), mirror));
  }

  @Test
  void aSiteAddedLaterHasItsOwnMirrorUnderSites() throws Exception {
    ArchiveOrigin.check(mirror, URI.create("https://divergences.be/"), false);
    ArchiveSite second = ArchiveSites.locate(mirror, URI.create("https://divergences2.divergences.be/"), null);
    assertThat(second.root()).isEqualTo(mirror.resolve("sites/divergences2"));
    ArchiveOrigin.check(second.root(), second.url(), false);

    assertThat(ArchiveSites.of(mirror)).extracting(ArchiveSite::key).containsExactly("divergences", "divergences2");
    assertThat(ArchiveSites.locate(mirror, URI.create("https://divergences2.divergences.be/"), null)).isEqualTo(second);
  }

  @Test
  void aTakenKeyGivesTheFullHost() throws Exception {
    ArchiveOrigin.check(mirror, URI.create("https://divergences.be/"), false);
    ArchiveSite other = ArchiveSites.locate(mirror, URI.create("https://divergences.org/"), null);
    assertThat(other.key()).isEqualTo("divergences.org");
  }

  @Test
  void aNameFileNamesTheSite() throws Exception {
    ArchiveOrigin.check(mirror, URI.create("http://127.0.0.1:8089/"), false);
    Files.writeString(mirror.resolve(ArchiveSites.NAME_FILE), "escal\n");
    assertThat(ArchiveSites.of(mirror)).extracting(ArchiveSite::key).containsExactly("escal");
  }

  @Test
  void aMirrorOlderThanItsOriginFileIsOneUnnamedSite() throws Exception {
    Files.createDirectories(mirror.resolve("articles"));
    assertThat(ArchiveSites.of(mirror)).containsExactly(new ArchiveSite("site", null, mirror));
  }

  @Test
  void articleKeysReadBareIdsAndSiteQualifiedIds() {
    assertThat(ArticleKey.parse("123")).contains(new ArticleKey(null, 123));
    assertThat(ArticleKey.parse("divergences2:123")).contains(new ArticleKey("divergences2", 123));
    assertThat(ArticleKey.parse("127.0.0.1_8089:7")).contains(new ArticleKey("127.0.0.1_8089", 7));
    assertThat(ArticleKey.parse("0")).isEmpty();
    assertThat(ArticleKey.parse("99999999999")).isEmpty();
    assertThat(ArticleKey.parse("Div:1")).isEmpty();
    assertThat(ArticleKey.parse("a:b:1")).isEmpty();
  }
}
