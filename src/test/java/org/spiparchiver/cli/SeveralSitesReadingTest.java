package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.index.TruthArticles;
import org.spiparchiver.mirror.ArchiveOrigin;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

/**
 * An archive of two sites (escal-dev's records at the root, spip4-dist's in {@code sites/spip4/}),
 * read with search, issues, show and export; expected counts come from the two truth files. Two
 * records are added on purpose: spip4's own article 1224 (an id escal-dev also has) and a copy of an
 * escal-dev article republished on spip4 as 9001.
 */
class SeveralSitesReadingTest {
  @TempDir static Path dir;
  static Path mirror;
  static Article republished;
  static final int SHARED_ID = 1224;
  static final int COPY_ID = 9001;

  @BeforeAll
  static void archive() throws Exception {
    mirror = dir.resolve("mirror");
    ArchiveOrigin.check(mirror, URI.create("https://escal.example/"), false);
    Path second = mirror.resolve("sites/spip4");
    ArchiveOrigin.check(second, URI.create("https://spip4.example/"), false);
    List<Article> escal = TruthArticles.of("escal-dev");
    TruthArticles.writeMirror(mirror, escal);
    TruthArticles.writeMirror(second, TruthArticles.of("spip4-dist"));
    republished = escal.stream().filter(a -> a.text() != null && a.text().length() > 400 && a.id() != SHARED_ID).findFirst().orElseThrow();
    TruthArticles.write(second, copy(republished, COPY_ID, republished.text(), republished.title()));
    Article own = escal.stream().filter(a -> a.id() == SHARED_ID).findFirst().orElseThrow();
    TruthArticles.write(second, copy(own, SHARED_ID, "Un tout autre article, propre au second site. ".repeat(10),
        "Un article du second site"));
    assertThat(run("index")).isZero();
  }

  /** The record {@code a} published on the second site under {@code id}, with this text and title. */
  static Article copy(Article a, int id, String text, String title) {
    return new Article(id, "https://spip4.example/spip.php?article" + id, a.lang(), title, a.surtitle(), a.subtitle(),
        a.authors(), a.published(), a.modified(), null, a.section(), a.rubriquePath(), a.chapo(), text, a.ps(),
        a.notes(), a.keywords(), List.of(), List.of(), List.of(), null, null, null, null, null, null);
  }

  static String out;
  static String err;

  static int run(String... args) {
    List<String> all = new ArrayList<>(List.of("--mirror", mirror.toString(), "--index", dir.resolve("index").toString()));
    all.addAll(List.of(args));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(all.toArray(String[]::new), new PrintWriter(o), new PrintWriter(e));
    out = o.toString();
    err = e.toString();
    return code;
  }

  /** Public articles of a fixture's truth file, by language. */
  static Map<String, Integer> truthByLang(String fixture) throws IOException {
    Map<String, Integer> out = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/fixtures", fixture, "truth.jsonl"))) {
      JsonNode n = Json.mapper().readTree(line);
      if ("publie".equals(n.path("status").asText())) out.merge(n.path("lang").asText(), 1, Integer::sum);
    }
    return out;
  }

  /** Issue title -> public articles, from a fixture's truth file. */
  static Map<String, Integer> truthIssues(String fixture) throws IOException {
    Map<String, Integer> out = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/fixtures", fixture, "truth.jsonl"))) {
      JsonNode n = Json.mapper().readTree(line);
      if ("publie".equals(n.path("status").asText()) && n.hasNonNull("issue")) out.merge(n.get("issue").asText(), 1, Integer::sum);
    }
    return out;
  }

  @Test
  void searchCountsEachSiteAndTheRepublishedArticleOnce() throws IOException {
    int escalFr = truthByLang("escal-dev").getOrDefault("fr", 0);
    int spipFr = truthByLang("spip4-dist").getOrDefault("fr", 0);
    String lang = republished.lang();
    int extra = "fr".equals(lang) ? 1 : 0; // spip4's own article 1224 takes escal's 1224's language
    int own = "fr".equals(escalLang(SHARED_ID)) ? 1 : 0;
    assertThat(run("search", "--lang", "fr", "--count")).isZero();
    // The copy of the republished article counts once across sites.
    assertThat(out.strip()).isEqualTo(String.valueOf(escalFr + spipFr + own));
    assertThat(run("--site", "spip4", "search", "--lang", "fr", "--count")).isZero();
    assertThat(out.strip()).isEqualTo(String.valueOf(spipFr + own + extra));
    assertThat(run("--site", "escal", "search", "--lang", "fr", "--count")).isZero();
    assertThat(out.strip()).isEqualTo(String.valueOf(escalFr));
  }

  private static String escalLang(int id) {
    return TruthArticles.of("escal-dev").stream().filter(a -> a.id() == id).findFirst().orElseThrow().lang();
  }

  @Test
  void facetsCountBySite() throws IOException {
    int escalAll = truthByLang("escal-dev").values().stream().mapToInt(Integer::intValue).sum();
    int spipAll = truthByLang("spip4-dist").values().stream().mapToInt(Integer::intValue).sum();
    assertThat(run("search", "--year", String.valueOf(1), "--count")).isZero(); // a filter alone is a search
    List<String> years = new ArrayList<>();
    for (Article a : TruthArticles.all()) if (a.published() != null) years.add(a.published().substring(0, 4));
    Map<String, Integer> bySite = new HashMap<>();
    for (String y : new HashSet<>(years)) {
      assertThat(run("search", "--year", y, "--facets", "--json", "--limit", "0")).isZero();
      JsonNode facets = Json.mapper().readTree(out.strip().lines().reduce((a, b) -> b).orElseThrow()).get("facets");
      for (JsonNode c : facets.get("site")) bySite.merge(c.get("value").asText(), c.get("count").asInt(), Integer::sum);
    }
    // spip4's two added records: its own 1224 counts; the copy of an escal article does not, across sites.
    assertThat(bySite).containsOnly(Map.entry("escal", escalAll), Map.entry("spip4", spipAll + 1));
  }

  @Test
  void theRepublishedArticleIsOneHitNamingItsCopy() throws IOException {
    assertThat(run("search", "title:\"" + republished.title().replace("\"", "") + "\"", "--json")).isZero();
    List<JsonNode> hits = new ArrayList<>();
    for (String l : out.strip().split("\n")) hits.add(Json.mapper().readTree(l));
    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).get("site").asText()).isEqualTo("escal");
    assertThat(hits.get(0).get("id").asInt()).isEqualTo(republished.id());
    assertThat(hits.get(0).get("also")).extracting(JsonNode::asText).containsExactly("spip4:" + COPY_ID);

    assertThat(run("--site", "spip4", "search", "title:\"" + republished.title().replace("\"", "") + "\"", "--json")).isZero();
    JsonNode copy = Json.mapper().readTree(out.strip());
    assertThat(copy.get("id").asInt()).isEqualTo(COPY_ID);
    assertThat(copy.get("also")).extracting(JsonNode::asText).containsExactly("escal:" + republished.id());
    assertThat(run("search", "title:\"" + republished.title().replace("\"", "") + "\"")).isZero();
    assertThat(out).contains("escal:" + republished.id()).contains("also in: spip4:" + COPY_ID);
  }

  @Test
  void issuesArePerSite() throws IOException {
    Map<String, Integer> escal = truthIssues("escal-dev");
    Map<String, Integer> spip = truthIssues("spip4-dist");
    assertThat(run("issues", "--json")).isZero();
    Map<String, Integer> seen = new HashMap<>();
    for (JsonNode i : Json.mapper().readTree(out)) seen.put(i.get("site").asText() + "|" + i.get("title").asText(), i.get("article_count").asInt());
    Map<String, Integer> expected = new HashMap<>();
    escal.forEach((t, n) -> expected.put("escal|" + t, n));
    spip.forEach((t, n) -> expected.put("spip4|" + t, n));
    assertThat(seen).isEqualTo(expected);
    assertThat(run("--site", "spip4", "issues", "--json")).isZero();
    Set<String> titles = new HashSet<>();
    for (JsonNode i : Json.mapper().readTree(out)) titles.add(i.get("title").asText());
    assertThat(titles).isEqualTo(spip.keySet());
    assertThat(run("issues")).isZero();
    assertThat(out).contains("escal").contains("spip4")
        .contains((escal.size() + spip.size()) + " issues, "
            + (escal.values().stream().mapToInt(Integer::intValue).sum() + spip.values().stream().mapToInt(Integer::intValue).sum())
            + " articles in 2 sites");
  }

  @Test
  void showNamesTheSiteWhenAnIdIsInBoth() {
    assertThat(run("show", String.valueOf(SHARED_ID))).isEqualTo(2);
    assertThat(err).contains("1224 is in several sites: escal:1224, spip4:1224").doesNotContain("Exception");
    assertThat(run("show", "spip4:" + SHARED_ID)).isZero();
    assertThat(out).contains("Un article du second site").contains("site:").contains("spip4");
    assertThat(run("show", "escal:" + SHARED_ID)).isZero();
    assertThat(out).doesNotContain("Un article du second site");
    assertThat(run("show", String.valueOf(COPY_ID))).isZero(); // unique: a bare id does
    assertThat(run("show", "nowhere:1")).isEqualTo(2);
    assertThat(err).contains("no site 'nowhere'").contains("escal, spip4");
  }

  @Test
  void anUnknownSiteIsAPlainUsageError() {
    assertThat(run("--site", "nowhere", "search", "grève")).isEqualTo(2);
    assertThat(err).contains("--site nowhere: not a site of the archive").contains("escal").contains("spip4");
  }

  @Test
  void exportTakesEverySiteOrOne() throws IOException {
    int escalAll = TruthArticles.of("escal-dev").size();
    int spipAll = TruthArticles.of("spip4-dist").size() + 2;
    assertThat(run("export", "--format", "jsonl")).isZero();
    List<JsonNode> all = new ArrayList<>();
    for (String l : out.strip().split("\n")) all.add(Json.mapper().readTree(l));
    assertThat(all).hasSize(escalAll + spipAll);
    assertThat(all).filteredOn(n -> n.path("site").asText().equals("spip4")).hasSize(spipAll);
    assertThat(run("--site", "spip4", "export", "--format", "jsonl", "--lang", truthLangOf(COPY_ID))).isZero();
    assertThat(out.strip().split("\n")).allSatisfy(l -> assertThat(Json.mapper().readTree(l).get("site").asText()).isEqualTo("spip4"));
  }

  @Test
  void theReadingRoomNamesSitesAndFiltersByOne() throws Exception {
    try (org.spiparchiver.serve.ReadingRoom room =
        new org.spiparchiver.serve.ReadingRoom(mirror, dir.resolve("index"), () -> List.of("status"))) {
      int port = room.start("127.0.0.1", 0);
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      java.util.function.Function<String, java.net.http.HttpResponse<String>> get = path -> {
        try {
          return client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      };
      var own = get.apply("/articles/spip4:" + SHARED_ID);
      assertThat(own.statusCode()).isEqualTo(200);
      assertThat(own.body()).contains("Un article du second site");
      var ambiguous = get.apply("/articles/" + SHARED_ID);
      assertThat(ambiguous.statusCode()).isEqualTo(404);
      assertThat(ambiguous.body()).contains("escal:1224, spip4:1224");
      String title = java.net.URLEncoder.encode("title:\"" + republished.title().replace("\"", "") + "\"",
          java.nio.charset.StandardCharsets.UTF_8);
      var search = get.apply("/search?q=" + title);
      assertThat(search.body()).contains("data-facet=\"Site\"").contains("/articles/escal:" + republished.id())
          .contains("also in").contains("/articles/spip4:" + COPY_ID);
      var one = get.apply("/search?q=" + title + "&site=spip4");
      assertThat(one.body()).doesNotContain("class=\"title\" href=\"/articles/escal:")
          .contains("class=\"title\" href=\"/articles/spip4:" + COPY_ID + "\"");
    }
  }

  private static String truthLangOf(int id) {
    return republished.lang();
  }
}
