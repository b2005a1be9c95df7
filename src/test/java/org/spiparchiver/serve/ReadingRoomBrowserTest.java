package org.spiparchiver.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.spiparchiver.model.Article;
import org.spiparchiver.testing.Browser;

/** A reader in a real browser: search, narrow by a facet, read the article, its issue, its archived page. */
class ReadingRoomBrowserTest {
  @TempDir
  static Path dir;
  static RoomFixture fixture;
  static ReadingRoom room;
  static Browser browser;
  static String base;

  @BeforeAll
  static void start() throws IOException {
    browser = Browser.start(false);
    fixture = new RoomFixture(dir);
    room = new ReadingRoom(fixture.mirror, fixture.index, List::of);
    base = "http://127.0.0.1:" + room.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() throws IOException {
    if (room != null) room.close();
    if (browser != null) browser.close();
  }

  /** Articles whose words include the query's stem, by the truth's text (not by the index). */
  static List<Article> mentioning(String stem) {
    return fixture.live().stream().filter(a -> Stream.of(List.of(nz(a.title()), nz(a.subtitle()), nz(a.surtitle()),
            nz(a.chapo()), nz(a.text()), nz(a.ps())), a.notes(), a.authors(), a.keywords())
        .flatMap(List::stream).anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(stem))).toList();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  static Map<String, Integer> facet(WebDriver d, String name) {
    return d.findElements(By.cssSelector("section.facet[data-facet='" + name + "'] li")).stream().collect(
        Collectors.toMap(li -> li.findElement(By.className("value")).getText(),
            li -> Integer.valueOf(li.findElement(By.className("n")).getText())));
  }

  @Test
  void readerSearchesNarrowsByFacetAndFollowsTheArticleToItsIssueAndArchivedPage() throws IOException {
    WebDriver d = browser.driver();
    d.get(base + "/search");
    WebElement box = d.findElement(By.name("q"));
    box.sendKeys("kropotkine");
    d.findElement(By.cssSelector("form.search button[type=submit]")).click();

    List<Article> truth = mentioning("kropotkin");
    Article top = truth.stream().filter(a -> a.title().toLowerCase(Locale.ROOT).contains("kropotkin")).findFirst().orElseThrow();
    assertThat(d.getCurrentUrl()).isEqualTo(base + "/search?q=kropotkine");
    assertThat(d.findElement(By.id("count")).getText()).startsWith(truth.size() + " articles");
    assertThat(d.findElements(By.cssSelector(".hit .title")).get(0).getText()).isEqualTo(top.title());
    Map<String, Integer> byLang = truth.stream().collect(Collectors.groupingBy(Article::lang, Collectors.summingInt(a -> 1)));
    assertThat(facet(d, "Language")).isEqualTo(byLang);
    assertThat(d.findElements(By.cssSelector(".hit .snippet mark"))).isNotEmpty();
    browser.screenshot("serve-search");

    d.findElement(By.xpath("//section[@data-facet='Language']//a[span[@class='value' and text()='" + top.lang() + "']]"))
        .click();
    assertThat(d.getCurrentUrl()).contains("lang=" + top.lang());
    assertThat(d.findElement(By.id("count")).getText()).startsWith(byLang.get(top.lang()) + " article");
    assertThat(d.findElement(By.cssSelector("section.facet[data-facet='Language'] li.active")).getText())
        .startsWith(top.lang());

    d.findElements(By.cssSelector(".hit .title")).stream().filter(e -> e.getText().equals(top.title())).findFirst()
        .orElseThrow().click();
    assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo(top.title());
    // Images not archived are named, never loaded from the live site.
    assertThat(d.findElements(By.tagName("img"))).allSatisfy(i -> assertThat(i.getAttribute("src")).startsWith(base));
    browser.screenshot("serve-article");

    d.findElement(By.className("issue-link")).click();
    assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo(top.issue().title());
    long inIssue = fixture.live().stream().filter(a -> a.issue() != null && a.issue().title().equals(top.issue().title()))
        .count();
    assertThat(d.findElements(By.cssSelector(".hit .title"))).hasSize((int) inIssue)
        .anySatisfy(e -> assertThat(e.getText()).isEqualTo(top.title()));
    browser.screenshot("serve-issue");

    d.navigate().back();
    d.findElement(By.id("archived-page")).click();
    assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo(RoomFixture.ARCHIVED_MARKER);

  }

  @Test
  void historyShowsWhatChangedBetweenTheTwoCaptures() throws IOException {
    WebDriver d = browser.driver();
    d.get(base + "/articles/" + RoomFixture.HISTORY_ID);
    d.findElement(By.partialLinkText("2 captures")).click();
    assertThat(d.findElements(By.cssSelector("ol.captures li"))).hasSize(2);
    assertThat(d.findElements(By.cssSelector(".change h3"))).extracting(WebElement::getText).contains("title", "text");
    assertThat(d.findElement(By.cssSelector(".before p.del")).getText()).isEqualTo(RoomFixture.OLD_TITLE);
    browser.screenshot("serve-history");
  }

  @Test
  void aTitleHoldingAScriptIsShownNotRun() {
    WebDriver d = browser.driver();
    d.get(base + "/articles/" + RoomFixture.SCRIPT_ID);
    assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo(RoomFixture.SCRIPT_TITLE);
    assertThat(d.getTitle()).isEqualTo(RoomFixture.SCRIPT_TITLE + " · spip-archiver reading room"); // not 'pwned'
    d.findElement(By.id("call-1")).click();
    assertThat(d.getCurrentUrl()).endsWith("#note-1");
  }
}
