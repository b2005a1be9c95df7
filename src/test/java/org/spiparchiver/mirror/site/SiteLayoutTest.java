package org.spiparchiver.mirror.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteLayoutTest {

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "https://mag.example/, text/html, site/mag.example/index.html",
      "https://mag.example/spip.php?article839, text/html, site/mag.example/article839.html",
      "https://mag.example/spip.php?rubrique12&debut_articles_rubs=5, text/html, site/mag.example/rubrique12-p5.html",
      "https://mag.example/spip.php?rubrique12&debut_sous_rubriques=10, text/html, site/mag.example/rubrique12-sous-rubriques-10.html",
      "https://mag.example/?debut_articles=10, text/html, site/mag.example/index-articles-10.html",
      "http://127.0.0.1:8089/spip.php?article1, text/html, site/127.0.0.1_8089/article1.html",
      "https://mag.example/revue/spip.php?article3, text/html, site/mag.example/revue/article3.html",
      "https://mag.example/IMG/jpg/photo.jpg, image/jpeg, site/mag.example/IMG/jpg/photo.jpg",
      "http://127.0.0.1:8089/local/cache-vignettes/L1xH1/x.jpg?1795699849, null, site/127.0.0.1_8089/local/cache-vignettes/L1xH1/x.jpg",
      "https://mag.example/plugins/escal/styles/general.css?1738231487, text/css, site/mag.example/plugins/escal/styles/general.css",
  })
  void mapsSpipPagesAndStaticFilesToReadableNames(String url, String type, String path) {
    assertThat(SiteLayout.path(URI.create(url), type)).isEqualTo(path);
  }

  @ParameterizedTest
  @CsvSource({
      "https://mag.example/spip.php?page=config.css, text/css, ^config-[0-9a-f]{10}\\.css$",
      "https://mag.example/spip.php?page=layoutPMP.css, text/css, ^layoutPMP-[0-9a-f]{10}\\.css$",
      "https://mag.example/spip.php?page=backend, text/xml, ^backend-[0-9a-f]{10}\\.xml$",
      "https://mag.example/spip.php?page=plan, text/html, ^plan-[0-9a-f]{10}\\.html$",
      "https://mag.example/IMG/pdf/a%20b.pdf, application/pdf, ^a-b_[0-9a-f]{10}\\.pdf$",
      "https://mag.example/IMG/thumb.php?id=3, image/png, ^thumb-id-3_[0-9a-f]{10}\\.php$",
      "https://mag.example/feed, application/rss+xml, ^feed_[0-9a-f]{10}\\.xml$",
      "https://mag.example/CON.txt, text/plain, ^CON_[0-9a-f]{10}\\.txt$",
      "https://mag.example/.git, text/plain, ^git_[0-9a-f]{10}\\.txt$",
      "https://mag.example/article839.html, text/html, ^article839_[0-9a-f]{10}\\.html$",
  })
  void namesOtherQueryPagesAndUnsafeNamesBySlugAndHash(String url, String type, String name) {
    String path = SiteLayout.path(URI.create(url), type);
    assertThat(path.substring(path.lastIndexOf('/') + 1)).matches(name);
  }

  @Test
  void givesEachEscalStylesheetItsOwnFile() {
    Set<String> files = new HashSet<>();
    for (String page : List.of("config.css", "layoutPMP.css", "persoconfig.css", "backend")) {
      files.add(SiteLayout.path(URI.create("https://mag.example/spip.php?page=" + page), "text/css"));
    }
    assertThat(files).hasSize(4);
  }

  @Test
  void hashesDottedAndUnsafeDirectoriesSoNoFileStandsWhereADirectoryIsNeeded() {
    String file = SiteLayout.path(URI.create("https://mag.example/a.css"), "text/css");
    String inDir = SiteLayout.path(URI.create("https://mag.example/a.css/b.css"), "text/css");
    assertThat(inDir).doesNotStartWith(file + "/");
    assertThat(SiteLayout.path(URI.create("https://mag.example/../../etc/passwd"), null))
        .matches("site/mag\\.example/x_[0-9a-f]{10}/x_[0-9a-f]{10}/etc/passwd_[0-9a-f]{10}\\.bin");
  }

  /** Hostile URLs: every path stays under site/, is made of safe names, and no two URLs share a file. */
  @Test
  void mapsHostileUrlsInsideTheCopyWithoutCollisions() {
    List<String> urls = new ArrayList<>(List.of(
        "https://mag.example/..", "https://mag.example/../x", "https://mag.example/%2e%2e/%2e%2e/x",
        "https://mag.example/a%2Fb", "https://mag.example/a/b", "https://mag.example/a%5Cb", "https://mag.example/a%00b",
        "https://mag.example/%0d%0aSet-Cookie", "https://mag.example/CON", "https://mag.example/con.txt",
        "https://mag.example/LPT1.css", "https://mag.example/.git/config", "https://mag.example/.htaccess",
        "https://mag.example/spip.php?page=" + "x".repeat(5000), "https://mag.example/spip.php?page=" + "x".repeat(4999),
        "https://mag.example/" + "d/".repeat(200) + "f.css", "https://mag.example/" + "e".repeat(300) + ".css",
        "https://mag.example/index.html", "https://mag.example/", "https://mag.example/spip.php",
        "https://mag.example/spip.php?article1", "https://mag.example/article1.html", "https://mag.example/spip.php?article01",
        "https://mag.example/spip.php?rubrique2&debut_articles_rubs=5", "https://mag.example/spip.php?rubrique2&debut_articles_rubs=05",
        "https://mag.example/rubrique2-p5.html", "https://mag.example/spip.php?page=a.css", "https://mag.example/spip.php?page=a.css&x=1",
        "https://mag.example/a.css", "https://mag.example/a.css/b", "https://mag.example/A.css", "https://mag.example/a%2ecss",
        "https://mag.example/x?a", "https://mag.example/x?b", "https://mag.example/x", "https://mag.example/x.bin",
        "https://mag.example/%E2%80%AE.txt", "https://mag.example/caf%C3%A9.jpg", "https://mag.example/cafe.jpg",
        "https://mag.example/x:y.css", "https://mag.example/x%3Fy.css", "https://mag.example/x%23y.css",
        "http://[::1]:8080/a.css", "https://MAG.example:443/a.css"));
    Random random = new Random(42);
    String alphabet = "aZ09._-~/%?&=#:\\ .";
    for (int i = 0; i < 3000; i++) {
      StringBuilder p = new StringBuilder("https://mag.example/");
      int len = 1 + random.nextInt(30);
      for (int j = 0; j < len; j++) {
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        if (c == '%') p.append(String.format("%%%02X", random.nextInt(256)));
        else p.append(c);
      }
      urls.add(p.toString().replace("#", "%23").replace("\\", "%5C").replace(" ", "%20"));
    }
    Map<String, String> byFile = new HashMap<>();
    Set<String> dirs = new HashSet<>();
    Path site = Path.of("/m/site");
    for (String u : urls) {
      URI url = URI.create(u);
      String path = SiteLayout.path(url, random.nextBoolean() ? "text/css" : null);
      assertThat(site.getParent().resolve(path).normalize()).as(u).startsWithRaw(site);
      for (String name : path.split("/")) {
        assertThat(name).as(u).matches("[A-Za-z0-9_~+.-]+").doesNotStartWith(".")
            .doesNotContain("..").doesNotMatch("(?i)(con|prn|aux|nul|com\\d|lpt\\d)(\\..*)?");
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).as(u).isLessThanOrEqualTo(200);
      }
      String previous = byFile.put(path, sameResource(url));
      assertThat(previous == null || previous.equals(sameResource(url))).as(u + " and " + previous + " share " + path).isTrue();
      String parent = path.substring(0, path.lastIndexOf('/'));
      while (parent.contains("/")) {
        dirs.add(parent);
        parent = parent.substring(0, parent.lastIndexOf('/'));
      }
    }
    assertThat(byFile.keySet()).as("a file where a directory is needed").doesNotContainAnyElementsOf(dirs);
  }

  /** URLs differing only by a numeric cache-busting query, or by host case/default port, are one resource. */
  private static String sameResource(URI url) {
    String s = url.toString().replaceFirst("\\?\\d*$", "").replace("MAG.example:443", "mag.example");
    return s;
  }
}
