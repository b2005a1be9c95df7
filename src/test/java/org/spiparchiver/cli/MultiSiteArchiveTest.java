package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.mirror.site.SiteIndex;
import org.spiparchiver.model.Json;
import org.spiparchiver.testing.FixtureSite;

/**
 * status, changes, verify, open and the offline copy over an archive of two sites, made by hand as
 * the design lays it out: escal-dev crawled into the archive's root (its first site), spip4-dist
 * crawled into a mirror of its own then moved to {@code sites/spip4/}, its pages into the shared
 * {@code site/}, and the two run reports made into one report with a section per site. Expected
 * figures come from the fixtures' truth files and the files on disk, not from the code under test.
 */
class MultiSiteArchiveTest {
  @TempDir static Path shared;
  static Path pristine;
  static URI escalUrl;
  static URI spip4Url;
  static Set<Integer> escalIds;
  static Set<Integer> spip4Ids;

  @TempDir Path work;
  Path mirror;
  StringWriter out;
  StringWriter err;

  @BeforeAll
  static void twoSites() throws Exception {
    pristine = shared.resolve("mirror");
    Path second = shared.resolve("second");
    try (FixtureSite escal = FixtureSite.builder("escal-dev").withoutCrawlDelay().start();
        FixtureSite spip4 = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start()) {
      escalUrl = escal.root();
      spip4Url = spip4.root();
      escalIds = escal.publicArticleIds();
      spip4Ids = spip4.publicArticleIds();
      StringWriter log = new StringWriter();
      assertThat(Main.run(CrawlCommandTest.crawlArgs(escal, pristine), new PrintWriter(log), new PrintWriter(log))).as(log.toString()).isZero();
      assertThat(Main.run(CrawlCommandTest.crawlArgs(spip4, second), new PrintWriter(log), new PrintWriter(log))).as(log.toString()).isZero();
    }
    Files.writeString(pristine.resolve("name"), "escal\n");
    Path added = pristine.resolve("sites/spip4");
    Files.createDirectories(added.getParent());
    Path secondCopy = second.resolve("site").resolve(host(spip4Url));
    Files.move(secondCopy, pristine.resolve("site").resolve(host(spip4Url)));
    Path secondReport = onlyReport(second);
    Path firstReport = onlyReport(pristine);
    ObjectNode a = (ObjectNode) Json.mapper().readTree(firstReport.toFile());
    ObjectNode b = (ObjectNode) Json.mapper().readTree(secondReport.toFile());
    Files.delete(secondReport);
    Files.delete(second.resolve("runs"));
    deleteTree(second.resolve("site"));
    Files.move(second, added);
    Files.writeString(added.resolve("name"), "spip4\n");
    // One report for the run of both sites: totals at the top, the changes in the sections.
    ObjectNode whole = a.deepCopy();
    whole.put("requests", a.get("requests").asLong() + b.get("requests").asLong());
    whole.put("bytes", a.get("bytes").asLong() + b.get("bytes").asLong());
    whole.putObject("articles").putArray("new");
    whole.putArray("by_issue");
    ArrayNode sections = whole.putArray("sites");
    sections.add(a.deepCopy().put("site", "escal").put("url", escalUrl.toString()));
    sections.add(b.deepCopy().put("site", "spip4").put("url", spip4Url.toString()));
    Files.writeString(firstReport, Json.mapper().writeValueAsString(whole));
    // What a crawl of both sites ends with: the copy's index page lists them.
    assertThat(SiteIndex.write(pristine, pristine.resolve("site"))).isTrue();
  }

  static String host(URI url) {
    return url.getHost() + "_" + url.getPort();
  }

  static Path onlyReport(Path mirror) throws IOException {
    try (Stream<Path> s = Files.list(mirror.resolve("runs"))) {
      List<Path> all = s.toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  @BeforeEach
  void copy() throws IOException {
    mirror = work.resolve("mirror");
    VerifyCommandTest.copyTree(pristine, mirror);
  }

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    String[] all = Stream.concat(Stream.of("--mirror", mirror.toString(), "--index", work.resolve("no-index").toString()),
        Stream.of(args)).toArray(String[]::new);
    return Main.run(all, new PrintWriter(out), new PrintWriter(err));
  }

  JsonNode json(String... args) throws IOException {
    assertThat(run(args)).as(err.toString()).isZero();
    return Json.mapper().readTree(out.toString());
  }

  @Test
  void statusShowsEachSiteAndTheTotals() throws Exception {
    JsonNode j = json("status", "--json");
    assertThat(j.get("articles").get("total").asInt()).isEqualTo(escalIds.size() + spip4Ids.size());
    assertThat(j.get("warc").get("files").asInt()).isEqualTo(2);
    assertThat(j.get("last_run").get("articles").get("new").asInt()).isEqualTo(escalIds.size() + spip4Ids.size());
    JsonNode sites = j.get("sites");
    assertThat(sites).hasSize(2);
    assertThat(sites.get(0).get("site").asText()).isEqualTo("escal");
    assertThat(sites.get(0).get("url").asText()).isEqualTo(escalUrl.toString());
    assertThat(sites.get(0).get("articles").get("total").asInt()).isEqualTo(escalIds.size());
    assertThat(sites.get(0).get("last_run").get("articles").get("new").asInt()).isEqualTo(escalIds.size());
    assertThat(sites.get(1).get("site").asText()).isEqualTo("spip4");
    assertThat(sites.get(1).get("articles").get("total").asInt()).isEqualTo(spip4Ids.size());
    assertThat(sites.get(1).get("last_run").get("articles").get("new").asInt()).isEqualTo(spip4Ids.size());
    assertThat(sites.get(1).get("mirror").asText()).isEqualTo(mirror.resolve("sites/spip4").toString());

    assertThat(run("status")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("(2 sites; WARC: 2 files")
        .contains("site      escal  " + escalUrl).contains("site      spip4  " + spip4Url)
        .contains("  articles  " + spip4Ids.size() + " (0 removed)");

    JsonNode one = json("--site", "spip4", "status", "--json");
    assertThat(one.get("site").asText()).isEqualTo("spip4");
    assertThat(one.get("articles").get("total").asInt()).isEqualTo(spip4Ids.size());
    assertThat(one.has("sites")).isFalse();
    assertThat(json("--site", escalUrl.toString(), "status", "--json").get("articles").get("total").asInt())
        .isEqualTo(escalIds.size());

    assertThat(run("--site", "nosuchsite", "status")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("spip-archiver: --site nosuchsite: not a site of the archive " + mirror
        + " (its sites: escal " + escalUrl + ", spip4 " + spip4Url + ")");
  }

  @Test
  void changesAreGroupedBySite() throws Exception {
    JsonNode j = json("changes", "--json");
    assertThat(j.get("runs").asInt()).isEqualTo(1);
    Set<String> added = new HashSet<>();
    j.get("new").forEach(n -> added.add(n.get("site").asText() + ":" + n.get("id").asInt()));
    Set<String> expected = new HashSet<>();
    escalIds.forEach(id -> expected.add("escal:" + id));
    spip4Ids.forEach(id -> expected.add("spip4:" + id));
    assertThat(added).isEqualTo(expected);
    assertThat(j.get("sites")).extracting(s -> s.get("site").asText()).containsExactly("escal", "spip4");

    assertThat(run("changes")).as(err.toString()).isZero();
    String text = out.toString();
    assertThat(text).startsWith("Changes (1 runs):\nescal  " + escalUrl + ":\n");
    String spip4Part = text.substring(text.indexOf("\nspip4  " + spip4Url + ":\n"));
    // spip4's part: each of its records under its issue's heading, each issue once.
    List<String> lines = spip4Part.lines().toList();
    for (int id : spip4Ids) {
      JsonNode rec = Json.mapper().readTree(mirror.resolve("sites/spip4/articles/" + id + ".json").toFile());
      String line = String.format("    %-8s %6d  %s", "new", id, rec.get("title").asText());
      assertThat(lines).contains(line);
      String heading = "  " + (rec.path("issue").isObject() ? rec.get("issue").get("title").asText() : "(not in an issue)");
      int at = lines.indexOf(line);
      int headingAt = at;
      while (headingAt > 0 && lines.get(headingAt).startsWith("    ")) headingAt--;
      assertThat(lines.get(headingAt)).isEqualTo(heading);
    }
    assertThat(lines.stream().filter(l -> l.startsWith("  ") && !l.startsWith("    ")).toList()).doesNotHaveDuplicates();

    JsonNode one = json("--site", "spip4", "changes", "--json");
    assertThat(one.get("new")).hasSize(spip4Ids.size()).allMatch(n -> n.get("site").asText().equals("spip4"));
  }

  @Test
  void verifyChecksEverySiteAndTheSharedCopy() throws Exception {
    JsonNode j = json("verify", "--json");
    assertThat(j.get("intact").asBoolean()).as(j.toString()).isTrue();
    assertThat(j.get("warc").get("files").asInt()).isEqualTo(2);
    assertThat(j.get("articles").asInt()).isEqualTo(escalIds.size() + spip4Ids.size());
    assertThat(j.get("pages").asInt()).isEqualTo(escalIds.size() + spip4Ids.size());
  }

  @Test
  void verifyFindsAnIndexPageThatDoesNotListEverySite() throws Exception {
    Files.copy(mirror.resolve("site").resolve(host(escalUrl)).resolve("index.html"), mirror.resolve("site/index.html"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(run("verify")).isEqualTo(1);
    assertThat(out.toString()).contains("problem   site/index.html: is not the page listing the sites (a site's home page?): "
        + "run `spip-archiver mirror --rebuild`\n");
    Path index = mirror.resolve("site/index.html");
    SiteIndex.write(mirror, mirror.resolve("site"));
    Files.writeString(index, Files.readString(index).replaceAll("<li>[^\n]*spip4[^\n]*</li>", "")
        .replace(host(escalUrl) + "/index.html", host(escalUrl) + "/gone.html"));
    assertThat(run("verify")).isEqualTo(1);
    assertThat(out.toString()).contains("problem   site/index.html: does not list the site spip4 (run `spip-archiver mirror --rebuild`)")
        .contains("problem   site/index.html: its link " + host(escalUrl) + "/gone.html leads to no file of the copy");
    Files.delete(mirror.resolve("site/index.html"));
    assertThat(run("verify")).isEqualTo(1);
    assertThat(out.toString()).contains("problem   site/index.html: missing");
  }

  @Test
  void verifyFindsDamageInTheSecondSitesWarcAndARecordOfAnotherSite() throws Exception {
    List<Path> warcs = WarcArchive.files(mirror.resolve("sites/spip4/warc"));
    Path warc = warcs.get(0);
    byte[] bytes = Files.readAllBytes(warc);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(warc, bytes);
    int id = escalIds.iterator().next();
    Path record = mirror.resolve("articles/" + id + ".json");
    ObjectNode r = (ObjectNode) Json.mapper().readTree(record.toFile());
    Files.writeString(record, Json.mapper().writeValueAsString(r.put("site", "spip4")));

    assertThat(run("verify", "--json")).isEqualTo(1);
    JsonNode j = Json.mapper().readTree(out.toString());
    List<String> problems = new ArrayList<>();
    j.get("problems").forEach(p -> problems.add(p.get("site").asText() + " " + p.get("file").asText() + ": " + p.get("problem").asText()));
    assertThat(problems).anyMatch(p -> p.startsWith("spip4 sites/spip4/warc/" + warc.getFileName() + ": damaged at offset "));
    assertThat(problems).contains("escal articles/" + id + ".json: article " + id
        + " says it is of the site spip4, but lies in the site escal's records");
    assertThat(run("verify")).isEqualTo(1);
    assertThat(out.toString()).contains("problem   spip4 sites/spip4/warc/" + warc.getFileName() + ": damaged at offset ");
  }

  @Test
  void openNamesAnArticleBySiteAndIdOrByAnIdOneSiteHas() throws Exception {
    int id = spip4Ids.iterator().next();
    Path page = mirror.resolve("site").resolve(host(spip4Url)).resolve("article" + id + ".html");
    assertThat(page).isRegularFile();
    assertThat(run("open", "spip4:" + id)).as(err.toString()).isZero();
    assertThat(out.toString().strip()).isEqualTo(page.toAbsolutePath().toString());
    assertThat(run("open", String.valueOf(id))).as(err.toString()).isZero();
    assertThat(out.toString().strip()).isEqualTo(page.toAbsolutePath().toString());

    // The same id in both sites, made on purpose: a bare id is then ambiguous.
    Files.copy(mirror.resolve("sites/spip4/articles/" + id + ".json"), mirror.resolve("articles/" + id + ".json"));
    assertThat(run("open", String.valueOf(id))).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("spip-archiver: " + id + " is in several sites: escal:" + id + ", spip4:" + id
        + "; give one of these");
    assertThat(run("open", "spip4:" + id)).as(err.toString()).isZero();
    assertThat(run("open", "other:" + id)).isEqualTo(2);
    assertThat(err.toString()).contains("no site 'other' in the archive");
  }

  @Test
  void rebuildWritesEverySiteAndAnIndexLinkingBothHomes() throws Exception {
    deleteTree(mirror.resolve("site"));
    assertThat(run("--site", escalUrl.toString(), "mirror", "--rebuild")).as(err.toString()).isZero();

    for (Path records : List.of(mirror.resolve("articles"), mirror.resolve("sites/spip4/articles"))) {
      try (Stream<Path> s = Files.list(records)) {
        for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
          String url = Json.mapper().readTree(f.toFile()).get("url").asText();
          URI u = URI.create(url);
          assertThat(mirror.resolve("site").resolve(host(u)).resolve("article" + u.getQuery().substring("article".length()) + ".html"))
              .isRegularFile();
        }
      }
    }
    Path index = mirror.resolve("site/index.html");
    Document d = Jsoup.parse(index.toFile(), "UTF-8");
    List<String> hrefs = d.select("a[href]").eachAttr("href");
    assertThat(hrefs).containsExactly(host(escalUrl) + "/index.html", host(spip4Url) + "/index.html");
    for (String href : hrefs) assertThat(index.getParent().resolve(href)).isRegularFile();
    for (Element link : d.select("link[href], img[src], script[src]")) assertThat(link.attr("href") + link.attr("src")).isEmpty();
    String text = d.text();
    assertThat(text).contains("escal " + escalUrl + " — " + escalIds.size() + " articles")
        .contains("spip4 " + spip4Url + " — " + spip4Ids.size() + " articles");

    assertThat(run("mirror")).isZero();
    assertThat(out.toString().strip()).isEqualTo(index.toAbsolutePath().toString());
  }
}
