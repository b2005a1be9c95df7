package org.spiparchiver.serve;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.spiparchiver.index.ArticleSearcher;
import org.spiparchiver.index.IssueSummary;
import org.spiparchiver.index.LiveIndex;
import org.spiparchiver.index.SearchRequest;
import org.spiparchiver.index.SearchRequest.Filters;
import org.spiparchiver.index.SearchResult;
import org.spiparchiver.mirror.ArticleRecords;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.spiparchiver.model.Article;

/**
 * The issues page and an issue's page. The cover is the issue rubrique's logo: the first SPIP logo
 * of the rubrique's page in the offline copy, when the crawl archived both.
 * The list is computed once per index generation.
 */
final class IssuePages {
  /** Articles listed on an issue's page: far above any real issue, a bound on a page's size. */
  private static final int MAX_ARTICLES = 2_000;

  private final LiveIndex index;
  private final ArticleRecords records;
  private final MirrorFiles files;
  private Path cachedFor;
  private List<Views.IssueRow> cached;

  IssuePages(LiveIndex index, ArticleRecords records, MirrorFiles files) {
    this.index = index;
    this.records = records;
    this.files = files;
  }

  synchronized List<Views.IssueRow> rows() {
    return index.with(s -> {
      if (!s.generation().equals(cachedFor)) {
        List<Views.IssueRow> rows = new ArrayList<>();
        for (IssueSummary i : s.issues(false)) rows.add(SearchPages.row(i, cover(s, i)));
        cached = List.copyOf(rows);
        cachedFor = s.generation();
      }
      return cached;
    });
  }

  Optional<Views.IssuePage> page(int number) {
    Optional<Views.IssueRow> row = rows().stream().filter(r -> r.number() != null && r.number() == number).findFirst();
    if (row.isEmpty()) return Optional.empty();
    SearchRequest q = new SearchRequest(null, new Filters(String.valueOf(number), null, null, null, null, null, null,
        false), SearchRequest.Order.OLDEST, MAX_ARTICLES, 0, false);
    List<SearchResult.Hit> hits = index.with(s -> s.search(q)).hits();
    return Optional.of(SearchPages.issuePage(row.get(), hits));
  }

  /** The archived logo of the issue's rubrique, found from one of its articles' records. */
  private String cover(ArticleSearcher s, IssueSummary issue) {
    String filter = issue.number() != null ? String.valueOf(issue.number()) : issue.title();
    SearchRequest q = new SearchRequest(null, new Filters(filter, null, null, null, null, null, null, true), null, 1, 0,
        false);
    List<SearchResult.Hit> hits = s.search(q).hits();
    if (hits.isEmpty()) return null;
    Optional<Article> a;
    try {
      a = records.read(hits.get(0).id());
    } catch (IOException e) {
      return null; // an unreadable record: no cover, the list still shows
    }
    if (a.isEmpty() || a.get().issue() == null || a.get().issue().rubriqueId() == null) return null;
    return files.pageFile(URI.create(a.get().url()).resolve("spip.php?rubrique" + a.get().issue().rubriqueId()).toString())
        .flatMap(this::logoOf).orElse(null);
  }

  /** The first SPIP logo ({@code img.spip_logo}) of an archived rubrique page: the rubrique's own, above its list. */
  private Optional<String> logoOf(Path page) {
    try {
      Element img = Jsoup.parse(page.toFile(), "UTF-8").selectFirst("img.spip_logo[src]");
      if (img == null || img.attr("src").contains(":")) return Optional.empty(); // not archived: an absolute link
      Path rel = files.site().relativize(page.getParent().resolve(
          java.net.URLDecoder.decode(img.attr("src"), java.nio.charset.StandardCharsets.UTF_8)).normalize());
      return files.url("site/" + rel.toString().replace('\\', '/'));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // no cover rather than no list
    }
  }

}
