package org.spiparchiver.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.mirror.site.Canonicalizer;

/** The crawl's hook into the offline copy for a site added to an archive: the shared copy, its own marker, the sites' index page. */
class SiteCopySitesTest {
  static final URI FIRST = URI.create("https://mag.example/");
  static final URI SECOND = URI.create("https://mag2.example/");
  static final Instant WHEN = Instant.parse("2026-12-02T10:00:00Z");
  /** The default crawl.max_body_size. */
  static final long MAX_BODY = 20L << 20;
  @TempDir Path mirror;

  static Canonicalizer on(URI site) {
    return (link, embedded) -> site.getHost().equals(URI.create(link).getHost()) ? Optional.of(URI.create(link)) : Optional.empty();
  }

  static void home(SiteCopy copy, URI site, String title) {
    copy.captured(site, "text/html", WHEN, ("<html><head><title>" + title + "</title></head><body><h1>" + title
        + "</h1></body></html>").getBytes(StandardCharsets.UTF_8), null);
  }

  @Test
  void anAddedSiteWritesIntoTheSharedCopyAndTheIndexListsBothSites() throws Exception {
    ArchiveOrigin.check(mirror, FIRST, false);
    SiteCopy first = SiteCopy.open(mirror, FIRST, on(FIRST), MAX_BODY);
    home(first, FIRST, "First");
    first.finish();
    assertThat(Jsoup.parse(mirror.resolve("site/index.html").toFile(), "UTF-8").title()).isEqualTo("First");

    Path added = mirror.resolve("sites/mag2");
    ArchiveOrigin.check(added, SECOND, false);
    Files.createDirectories(added.resolve("articles"));
    Files.writeString(added.resolve("articles/7.json"), "{\"id\": 7, \"url\": \"https://mag2.example/spip.php?article7\"}");
    SiteCopy second = SiteCopy.open(mirror, added, SECOND, on(SECOND), List.of(), MAX_BODY);
    assertThat(added.resolve(SiteCopy.RUN_MARKER)).exists();
    assertThat(mirror.resolve(SiteCopy.RUN_MARKER)).doesNotExist();
    home(second, SECOND, "Second");
    second.finish();

    assertThat(added.resolve(SiteCopy.RUN_MARKER)).doesNotExist();
    assertThat(added.resolve("site")).doesNotExist();
    assertThat(Jsoup.parse(mirror.resolve("site/mag2.example/index.html").toFile(), "UTF-8").title()).isEqualTo("Second");
    Document index = Jsoup.parse(mirror.resolve("site/index.html").toFile(), "UTF-8");
    assertThat(index.select("a").eachAttr("href")).containsExactly("mag.example/index.html", "mag2.example/index.html");
    assertThat(index.select("li").eachText()).containsExactly("mag " + FIRST + " — 0 articles", "mag2 " + SECOND + " — 1 article");
    for (String href : index.select("a").eachAttr("href")) assertThat(mirror.resolve("site").resolve(href)).isRegularFile();

    // The first site's next run leaves the index page to the archive: its home page stays in its folder.
    SiteCopy again = SiteCopy.open(mirror, FIRST, on(FIRST), MAX_BODY);
    home(again, FIRST, "First, edited");
    again.finish();
    assertThat(Jsoup.parse(mirror.resolve("site/index.html").toFile(), "UTF-8").select("a")).hasSize(2);
    assertThat(Jsoup.parse(mirror.resolve("site/mag.example/index.html").toFile(), "UTF-8").title()).isEqualTo("First, edited");
  }
}
