package org.spiparchiver.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteCopyTest {
  @TempDir Path mirror;

  @ParameterizedTest
  @CsvSource({
      "https://mag.example/, true, site/mag.example/index.html",
      "https://mag.example/spip.php?article839, true, site/mag.example/spip.php?article839.html",
      "https://mag.example/?debut_articles=10, true, site/mag.example/index?debut_articles=10.html",
      "https://mag.example/IMG/jpg/a%20b.jpg, false, site/mag.example/IMG/jpg/a b.jpg",
      "http://127.0.0.1:8089/local/cache-vignettes/L1xH1/x.jpg?1795699849, false, site/127.0.0.1_8089/local/cache-vignettes/L1xH1/x.jpg",
  })
  void mapsUrlsToFilesLikeWget(String url, boolean html, String path) {
    assertThat(SiteCopy.relativePath(URI.create(url), html)).isEqualTo(path);
  }

  @Test
  void rewritesLinksToArchivedUrlsAsRelativePaths() throws Exception {
    URI page = URI.create("https://mag.example/spip.php?rubrique1");
    Document doc = Jsoup.parse("""
        <html><head><base href="https://mag.example/"><link rel="stylesheet" href="squelettes/a.css?12"></head><body>
        <a id="art" href="spip.php?article2&amp;lang=fr#notes">2</a>
        <a id="ext" href="https://www.spip.net/">spip</a>
        <img id="img" src="local/cache-vignettes/L1xH1/x.jpg?2" srcset="IMG/x.jpg 2x"></body></html>""", page.toString());
    SiteCopy.Resolver resolver = (url, embedded) -> {
      if (url.startsWith("https://www.spip.net")) return Optional.empty();
      if (url.contains("article2")) return Optional.of(new SiteCopy.Local(URI.create("https://mag.example/spip.php?article2"), true));
      return Optional.of(new SiteCopy.Local(URI.create(url.replaceAll("#.*", "")), false));
    };

    Path file = new SiteCopy(mirror).writePage(page, doc, resolver);

    assertThat(file).isEqualTo(mirror.resolve("site/mag.example/spip.php?rubrique1.html"));
    Document written = Jsoup.parse(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(written.getElementById("art").attr("href")).isEqualTo("spip.php%3Farticle2.html#notes");
    assertThat(written.getElementById("ext").attr("href")).isEqualTo("https://www.spip.net/");
    assertThat(written.getElementById("img").attr("src")).isEqualTo("local/cache-vignettes/L1xH1/x.jpg");
    assertThat(written.getElementById("img").hasAttr("srcset")).isFalse();
    assertThat(written.select("link").attr("href")).isEqualTo("squelettes/a.css");
    assertThat(written.select("base")).isEmpty();
  }
}
