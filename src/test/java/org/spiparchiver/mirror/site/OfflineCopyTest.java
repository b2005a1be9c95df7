package org.spiparchiver.mirror.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.spiparchiver.cli.Main;
import org.spiparchiver.config.Config;
import org.spiparchiver.crawl.SiteLinks;
import org.spiparchiver.crawl.UrlRules;
import org.spiparchiver.extract.ArticleExtractor;
import org.spiparchiver.extract.PageResult;
import org.spiparchiver.model.Json;
import org.spiparchiver.testing.Browser;
import org.spiparchiver.testing.CrawlHarness;
import org.spiparchiver.testing.FixtureSite;

/**
 * The offline copy of a fixture crawl of escal-dev (crawled once for the class): references,
 * containment of the site's origin, rebuild from WARC, an interrupted run, {@code parse} of a copied
 * page, and a real browser with every request that leaves the machine caught by a proxy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineCopyTest {
  /** Attributes that name what a browser loads by itself. */
  private static final String EMBEDDED = "img[src], script[src], iframe[src], frame[src], embed[src], source[src], "
      + "video[src], video[poster], audio[src], input[src], object[data], link[rel~=(?i)stylesheet|icon|preload]";
  private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*(['\"]?)(.*?)\\1\\s*\\)|@import\\s+['\"]([^'\"]+)['\"]");

  /** Hosts the browser itself calls (not any page): Google's update/time/account services, DuckDuckGo's start page. */
  private static final Pattern BROWSER_SERVICES = Pattern.compile(
      "^(CONNECT |[A-Z]+ https?://)([a-z0-9-]+\\.)*(google\\.com|googleapis\\.com|gstatic\\.com|gvt1\\.com|duckduckgo\\.com)[:/ ]");

  @TempDir static Path dir;
  FixtureSite site;
  Path mirror;
  /** The copy as the crawl wrote it (a rebuild replaces it). */
  Map<String, byte[]> incremental;
  int partialPages;
  List<String> partialBroken;
  Path site() {
    return mirror.resolve("site");
  }

  @BeforeAll
  void crawl() throws Exception {
    site = FixtureSite.builder("escal-dev").withoutCrawlDelay().start();
    mirror = dir.resolve("mirror");
    CrawlHarness harness = new CrawlHarness(site.root(), mirror);
    ArticleExtractor extractor = new ArticleExtractor(Config.defaults().extraction());
    harness.source = (html, url) -> extractor.extract(html, url) instanceof PageResult.ArticlePage p
        ? Optional.of(p.article()) : Optional.empty();
    // A first run stopped early, as if killed before its end (the marker stays), then the run that completes it.
    harness.maxRequests = 60;
    harness.crawl();
    partialPages = htmlFiles(site()).size();
    partialBroken = brokenReferences(site());
    Files.write(mirror.resolve(SiteLayout.RUN_MARKER), new byte[0]);
    harness.maxRequests = 0;
    harness.crawl();
    incremental = tree(site());
  }

  @AfterAll
  void stop() {
    site.close();
  }

  @Test
  void everyLocalReferenceOfEveryPageAndStylesheetLeadsToAFile() throws Exception {
    assertThat(site().resolve("index.html")).isRegularFile();
    List<String> broken = brokenReferences(site());
    assertThat(broken).isEmpty();
    assertThat(htmlFiles(site())).hasSizeGreaterThan(100);
  }

  @Test
  void noPageMakesTheBrowserFetchAnythingFromTheNetwork() throws Exception {
    List<String> remote = new ArrayList<>();
    for (Path f : htmlFiles(site())) {
      Document d = Jsoup.parse(f.toFile(), "UTF-8");
      for (Element e : d.select(EMBEDDED)) {
        for (String attr : List.of("src", "href", "data", "poster")) {
          if (e.hasAttr(attr) && isRemote(e.attr(attr))) remote.add(f + ": " + e.outerHtml());
        }
      }
      for (Element e : d.select("img[srcset], source[srcset]")) {
        for (String c : e.attr("srcset").split(",")) if (isRemote(c.strip())) remote.add(f + ": " + e.outerHtml());
      }
      for (String css : d.select("style").eachText()) cssUrls(css).stream().filter(OfflineCopyTest::isRemote).forEach(u -> remote.add(f + ": " + u));
      for (String css : d.select("[style]").eachAttr("style")) cssUrls(css).stream().filter(OfflineCopyTest::isRemote).forEach(u -> remote.add(f + ": " + u));
    }
    try (var walk = Files.walk(site())) {
      for (Path f : walk.filter(p -> p.toString().endsWith(".css")).toList()) {
        cssUrls(Files.readString(f, StandardCharsets.ISO_8859_1)).stream().filter(OfflineCopyTest::isRemote)
            .forEach(u -> remote.add(f + ": " + u));
      }
    }
    assertThat(remote).isEmpty();
    // The six scripts of /prive/ (robots.txt forbids it) were the issue's example: kept, neutralised.
    Document article = Jsoup.parse(site().resolve(host() + "/article1224.html").toFile(), "UTF-8");
    assertThat(article.select("script[data-archived-src*=prive/]")).isNotEmpty();
  }

  @Test
  void givesEachEscalStylesheetItsOwnFileAndTheSiteIndexIsTheHomePage() throws Exception {
    Document home = Jsoup.parse(site().resolve("index.html").toFile(), "UTF-8");
    List<String> sheets = home.select("link[rel=stylesheet][href]").eachAttr("href");
    assertThat(sheets).anyMatch(h -> h.matches(".*/config-[0-9a-f]{10}\\.css"))
        .anyMatch(h -> h.matches(".*/layoutPMP-[0-9a-f]{10}\\.css")).anyMatch(h -> h.matches(".*/persoconfig-[0-9a-f]{10}\\.css"));
    assertThat(home.selectFirst("meta[name=archived-from]").attr("content")).isEqualTo(site.root().toString());
  }

  @Test
  void parseOfACopiedPageReadsTheOriginalUrl() throws Exception {
    Path page = site().resolve(host() + "/article1224.html");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"parse", page.toString()}, new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    JsonNode parsed = Json.mapper().readTree(out.toString());
    JsonNode archived = Json.mapper().readTree(mirror.resolve("articles/1224.json").toFile());
    assertThat(parsed.get("url").asText()).isEqualTo(site.root() + "spip.php?article1224");
    assertThat(parsed.get("issue")).isEqualTo(archived.get("issue"));
    assertThat(parsed.get("rubrique_path")).isEqualTo(archived.get("rubrique_path"));
    assertThat(parsed.get("title")).isEqualTo(archived.get("title"));
  }

  @Test
  void rebuildFromTheWarcFilesGivesTheSameTreeByteForByte() throws Exception {
    UrlRules rules = new UrlRules(site.root(), List.of());
    SiteRebuild.Result r = new SiteRebuild(mirror, java.util.List.of(new SiteRebuild.Source(mirror, rules.root(), SiteLinks.of(rules))), SiteWriterTest.MAX_BODY).run((done, total) -> { });
    assertThat(r.failed()).isZero();
    assertThat(differences(incremental, tree(site()))).isEmpty();
  }

  private static List<String> differences(Map<String, byte[]> a, Map<String, byte[]> b) {
    List<String> out = new ArrayList<>();
    for (String k : a.keySet()) if (!b.containsKey(k) || !java.util.Arrays.equals(a.get(k), b.get(k))) out.add(k);
    for (String k : b.keySet()) if (!a.containsKey(k)) out.add(k + " (only in the rebuild)");
    return out;
  }

  /** The next run redoing the interrupted run's pages is checked by the rebuild test: the copy is the resumed one. */
  @Test
  void anInterruptedRunLeavesAConsistentCopyAndTheNextRunCompletesIt() {
    assertThat(partialPages).isPositive();
    assertThat(partialBroken).isEmpty();
    assertThat(mirror.resolve(SiteLayout.RUN_MARKER)).doesNotExist();
  }

  @Test
  void aBrowserShowsTheCopyWithItsImagesAndStylesWithoutTheNetwork() throws Exception {
    Map<Integer, String> titles = truthTitles();
    try (Browser browser = Browser.start(true)) {
      WebDriver d = browser.driver();
      d.get(site().resolve("index.html").toUri().toString());
      browser.screenshot("offline-home");
      assertRendered(d, "home");
      // Escal's colours come from spip.php?page=config.css: the banner is #336699.
      Object banner = ((JavascriptExecutor) d).executeScript(
          "var e = document.querySelector('#entete, nav.menu'); return e ? getComputedStyle(e).backgroundColor : null;");
      assertThat(banner).isEqualTo("rgb(51, 102, 153)");
      assertThat(((JavascriptExecutor) d).executeScript("return getComputedStyle(document.body).fontFamily;"))
          .asString().contains("Verdana");

      org.openqa.selenium.WebElement link = d.findElements(By.cssSelector("a[href$='.html']")).stream()
          .filter(e -> e.isDisplayed() && e.getAttribute("href").matches(".*/article\\d+\\.html")).findFirst().orElseThrow();
      String href = link.getAttribute("href");
      link.click();
      int followed = Integer.parseInt(href.replaceAll(".*article(\\d+)\\.html", "$1"));
      assertThat(d.getCurrentUrl()).endsWith("/article" + followed + ".html");
      assertThat(d.getTitle()).contains(typographic(titles.get(followed)).substring(0, 12));

      int shot = 0;
      for (int id : List.of(1224, 1232, 1307)) {
        d.get(site().resolve(host() + "/article" + id + ".html").toUri().toString());
        browser.screenshot("offline-article" + id);
        assertRendered(d, "article " + id);
        String text = d.findElement(By.tagName("body")).getText().replaceAll("\\s+", " ");
        assertThat(text).contains(typographic(titles.get(id)).substring(0, 15));
        shot++;
      }
      assertThat(shot).isEqualTo(3);
      // Debian's Chromium calls its own services (updates, clock, default search engine) whatever the
      // page: those are not the copy's doing; every other request would be, and there must be none.
      List<String> fromPages = browser.outbound().stream().filter(r -> !BROWSER_SERVICES.matcher(r).find()).toList();
      assertThat(fromPages).as("requests that left the machine").isEmpty();
      // The pages' own requests, from DevTools: files of the copy only (and inline data), nothing for the network.
      List<Browser.PageRequest> ofCopy = browser.pageRequests().stream().filter(r -> r.page().startsWith("file:")).toList();
      assertThat(ofCopy).as("the requests of the copy's pages").hasSizeGreaterThan(20)
          .allSatisfy(r -> assertThat(r.url()).as("asked for by " + r.page()).matches("^(file:|data:).*"));
      assertThat(browser.outbound()).as("requests naming the site").noneMatch(r -> r.contains(site.root().getRawAuthority()));
    }
  }

  private static void assertRendered(WebDriver d, String what) {
    JavascriptExecutor js = (JavascriptExecutor) d;
    Object broken = js.executeScript("return Array.from(document.images).filter(i => i.getAttribute('src'))"
        + ".filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src'));");
    Object loaded = js.executeScript("return Array.from(document.images).filter(i => i.naturalWidth > 0).length;");
    assertThat((List<?>) broken).as(what + ": images not loaded").isEmpty();
    assertThat(((Number) loaded).intValue()).as(what + ": images shown").isPositive();
    Object sheets = js.executeScript("return document.styleSheets.length;");
    assertThat(((Number) sheets).intValue()).as(what + ": stylesheets").isGreaterThan(3);
  }

  /** As the page shows it: SPIP puts a no-break space before ':;?!' and curly apostrophes. */
  private static String typographic(String s) {
    return s.replace("'", "’").replaceAll("\\s*([:;?!])", "\u00a0$1").replace('\u00a0', ' ');
  }

  private Map<Integer, String> truthTitles() throws Exception {
    Map<Integer, String> out = new TreeMap<>();
    for (String line : Files.readAllLines(FixtureSite.FIXTURES.resolve("escal-dev/truth.jsonl"))) {
      JsonNode j = Json.mapper().readTree(line);
      out.put(j.get("id").asInt(), j.get("title").asText());
    }
    return out;
  }

  private String host() {
    return SiteLayout.hostDir(site.root());
  }

  private static boolean isRemote(String u) {
    String l = u.strip().toLowerCase(java.util.Locale.ROOT);
    return l.startsWith("http:") || l.startsWith("https:") || l.startsWith("//");
  }

  private static List<String> cssUrls(String css) {
    List<String> out = new ArrayList<>();
    Matcher m = CSS_URL.matcher(css);
    while (m.find()) out.add(m.group(2) != null ? m.group(2) : m.group(3));
    return out;
  }

  private static List<Path> htmlFiles(Path root) throws Exception {
    try (var walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".html")).sorted().toList();
    }
  }

  /** Local references (not a URL with a scheme, not a fragment) whose file does not exist. */
  private static List<String> brokenReferences(Path root) throws Exception {
    List<String> broken = new ArrayList<>();
    for (Path f : htmlFiles(root)) {
      Document d = Jsoup.parse(f.toFile(), "UTF-8");
      List<String> refs = new ArrayList<>();
      for (Element e : d.select("[href], [src], [data], [poster]")) {
        for (String attr : List.of("href", "src", "data", "poster")) if (e.hasAttr(attr)) refs.add(e.attr(attr));
      }
      for (String s : d.select("[srcset]").eachAttr("srcset")) for (String c : s.split(",")) refs.add(c.strip().split("\\s+")[0]);
      for (String css : d.select("style").eachText()) refs.addAll(cssUrls(css));
      for (String css : d.select("[style]").eachAttr("style")) refs.addAll(cssUrls(css));
      for (String r : refs) if (isLocal(r) && !Files.exists(target(f, r))) broken.add(f + " -> " + r);
    }
    try (var walk = Files.walk(root)) {
      for (Path f : walk.filter(p -> p.toString().endsWith(".css")).toList()) {
        for (String r : cssUrls(Files.readString(f, StandardCharsets.ISO_8859_1))) {
          if (isLocal(r) && !Files.exists(target(f, r))) broken.add(f + " -> " + r);
        }
      }
    }
    return broken;
  }

  private static boolean isLocal(String r) {
    String l = r.strip().toLowerCase(java.util.Locale.ROOT);
    return !l.isEmpty() && !l.startsWith("#") && !l.matches("^[a-z][a-z0-9+.-]*:.*") && !l.startsWith("//");
  }

  private static Path target(Path from, String ref) {
    String path = ref.replaceAll("[#?].*", "");
    return from.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
  }

  private static Map<String, byte[]> tree(Path root) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    try (var walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) out.put(root.relativize(p).toString(), Files.readAllBytes(p));
    }
    return out;
  }

}
