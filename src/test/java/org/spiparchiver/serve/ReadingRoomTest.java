package org.spiparchiver.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spiparchiver.model.Article;

/** The routes and templates over HTTP: status codes, escaping, links. */
class ReadingRoomTest {
  @TempDir
  static Path dir;
  static RoomFixture fixture;
  static ReadingRoom room;
  static int port;

  @BeforeAll
  static void start() throws IOException {
    fixture = new RoomFixture(dir);
    room = new ReadingRoom(fixture.mirror, fixture.index, () -> List.of("archive   status line"));
    port = room.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    room.close();
  }

  record Response(int status, String body) {}

  /** A GET with the path sent exactly as given (no client-side normalisation of {@code ..}). */
  static Response get(String rawPath) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = s.getOutputStream();
      out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(all.substring(9, 12));
      int bodyAt = all.indexOf("\r\n\r\n");
      return new Response(status, bodyAt < 0 ? "" : all.substring(bodyAt + 4));
    }
  }

  @Test
  void searchPageCountsHitsAndFacetsAsTheTruth() throws IOException {
    Response r = get("/search?lang=es");
    List<Article> es = fixture.live().stream().filter(a -> "es".equals(a.lang())).toList();
    assertThat(es).isNotEmpty();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains(es.size() + " articles");
    Map<Integer, Long> byYear = es.stream().collect(Collectors.groupingBy(a -> Integer.parseInt(a.published().substring(0, 4)),
        Collectors.counting()));
    byYear.forEach((year, n) -> assertThat(r.body()).containsPattern(
        "<span class=\"value\">" + year + "</span> <span class=\"n\">" + n + "</span>"));
  }

  @Test
  void unparsableQueryShowsTheMessageOfSearchWith400() throws IOException {
    Response r = get("/search?q=%22gr%C3%A8ve");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("unclosed quote at column 1").doesNotContain("Exception").doesNotContain("at org.");
  }

  @Test
  void badFilterIs400NamingIt() throws IOException {
    assertThat(get("/search?q=x&from=2008-13-01").body()).contains("from: '2008-13-01' is not a date (YYYY-MM-DD)");
    assertThat(get("/search?year=20x8").status()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/articles/424242", "/articles/abc", "/articles/-1", "/articles/99999999999999",
      "/articles/424242/history", "/articles/424242/record.json", "/issues/999", "/issues/x", "/nothing/here"})
  void unknownThingsAre404Pages(String path) throws IOException {
    Response r = get(path);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).contains("<h1>Not found</h1>").doesNotContain("Exception");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/mirror/../crawl.db.not", "/mirror/site/../crawl.db.not", "/mirror/site/%2e%2e/crawl.db.not",
      "/mirror/site%2F..%2Fcrawl.db.not", "/mirror/site/..%2fcrawl.db.not", "/mirror/site/..%5ccrawl.db.not",
      "/mirror/articles/833.json", "/mirror/site/..", "/mirror/site/%2e%2e/site/x"})
  void noPathLeavesTheOfflineCopy(String path) throws IOException {
    Response r = get(path);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).doesNotContain("not the state").contains("<h1>Not found</h1>");
  }

  /** Paths above the server's root or with NUL are refused by Jetty itself, before any route: 400, no file. */
  @ParameterizedTest
  @ValueSource(strings = {"/mirror/site/%00", "/mirror/%2e%2e/%2e%2e/etc/passwd", "/mirror/site/../../../../etc/passwd"})
  void pathsAboveTheRootAreBadRequests(String path) throws IOException {
    Response r = get(path);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("root:").doesNotContain("Exception").doesNotContain("at org.");
  }

  @Test
  void titleWithAScriptIsEscapedNeverMarkup() throws IOException {
    Response article = get("/articles/" + RoomFixture.SCRIPT_ID);
    assertThat(article.status()).isEqualTo(200);
    assertThat(article.body()).doesNotContain("<script>").doesNotContain("<b>piégé</b>").doesNotContain("<i>x</i>")
        .contains("&lt;script&gt;").contains("La note &lt;em&gt;un&lt;/em&gt;.");
    assertThat(get("/search?q=pi%C3%A9g%C3%A9").body()).doesNotContain("<script>").contains("&lt;script&gt;");
  }

  @Test
  void noteCallsAndNotesLinkBothWays() throws IOException {
    String body = get("/articles/" + RoomFixture.SCRIPT_ID).body();
    assertThat(body).contains("<a class=\"call\" href=\"#note-1\" id=\"call-1\">[1]</a>")
        .contains("<a class=\"call\" href=\"#note-2\" id=\"call-2\">[2]</a>")
        .contains("<li id=\"note-1\">").contains("href=\"#call-1\"")
        .contains("<h3 class=\"intertitle\">Un intertitre</h3>");
    // The second call of note 1 links to it but does not repeat the anchor.
    assertThat(body.split("id=\"call-1\"", -1)).hasSize(2);
  }

  @Test
  void articlePageLinksToItsIssueArchivedPageRecordAndHistory() throws IOException {
    Article a = fixture.article(RoomFixture.HISTORY_ID);
    String body = get("/articles/" + a.id()).body();
    assertThat(body).contains("href=\"/issues/" + a.issue().number() + "\"")
        .contains("id=\"archived-page\" href=\"/mirror/site/")
        .contains("href=\"/articles/" + a.id() + "/record.json\"")
        .contains("2 captures");
    String archived = body.replaceAll("(?s).*id=\"archived-page\" href=\"([^\"]+)\".*", "$1");
    assertThat(get(archived).body()).contains(RoomFixture.ARCHIVED_MARKER);
    assertThat(get("/articles/" + a.id() + "/record.json").body()).contains("\"id\" : " + a.id());
    assertThat(get("/articles/" + RoomFixture.SCRIPT_ID).body()).contains("no offline copy of this page");
  }

  @Test
  void historyShowsTheChangedFieldsBetweenCaptures() throws IOException {
    String body = get("/articles/" + RoomFixture.HISTORY_ID + "/history").body();
    assertThat(body).contains("2026-01-01T00:00:00Z").contains("<h3>title</h3>").contains("<h3>text</h3>")
        .contains(RoomFixture.OLD_TITLE).contains("<p class=\"del\">Un paragraphe disparu.</p>")
        .doesNotContain("<h3>authors</h3>");
  }

  @Test
  void removedArticleSaysWhenItWasRemovedAndLeavesSearchesUnlessIncluded() throws IOException {
    assertThat(get("/articles/" + RoomFixture.REMOVED_ID).body()).contains("removed 2026-11-20T03:00:00Z");
    assertThat(get("/search?q=retir%C3%A9").body()).doesNotContain("/articles/" + RoomFixture.REMOVED_ID + "\"");
    assertThat(get("/search?q=retir%C3%A9&removed=1").body()).contains("/articles/" + RoomFixture.REMOVED_ID + "\"");
  }

  @Test
  void issuesPageListsEveryIssueWithItsArticleCount() throws IOException {
    String body = get("/issues").body();
    Map<String, Long> counts = fixture.live().stream().filter(a -> a.issue() != null)
        .collect(Collectors.groupingBy(a -> a.issue().title(), Collectors.counting()));
    assertThat(body).contains(counts.size() + " issues");
    Article a = fixture.article(RoomFixture.HISTORY_ID);
    String issuePage = get("/issues/" + a.issue().number()).body();
    assertThat(issuePage).contains(a.issue().title()).contains("/articles/" + a.id() + "\"")
        .contains(counts.get(a.issue().title()) + " articles");
  }

  @Test
  void statusPageShowsWhatStatusPrints() throws IOException {
    assertThat(get("/status").body()).contains("archive   status line");
  }

  @Test
  void aPortInUseIsOneLine() {
    try (ReadingRoom second = new ReadingRoom(fixture.mirror, fixture.index, List::of)) {
      assertThatThrownBy(() -> second.start("127.0.0.1", port))
          .isInstanceOf(ReadingRoom.StartException.class)
          .hasMessage("cannot listen on 127.0.0.1:" + port + ": the port is already in use");
    }
  }
}
