package org.spiparchiver.serve;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.spiparchiver.extract.SpipUrls;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Attachment;
import org.spiparchiver.model.Image;
import org.spiparchiver.model.Issue;
import org.spiparchiver.model.Translation;
import org.spiparchiver.serve.Views.Block;
import org.spiparchiver.serve.Views.Link;
import org.spiparchiver.serve.Views.Note;
import org.spiparchiver.serve.Views.Picture;

/** The reading view of an article record, with its links into the reading room and the archive. */
final class ArticlePages {
  private final MirrorFiles files;

  ArticlePages(MirrorFiles files) {
    this.files = files;
  }

  /** An article's page: {@code /articles/123}, or {@code /articles/divergences2:123} ({@code site} given) in an archive of several sites. */
  static String articleUrl(int id, String site) {
    return "/articles/" + (site == null ? "" : site + ":") + id;
  }

  /** Where an issue's page is: its number's page, else a search for its title. */
  static String issueUrl(Integer number, String title) {
    return number != null ? "/issues/" + number : SearchForm.link("issue", title);
  }

  /**
   * @param records the records of the article's site
   * @param linkSite the site's key where links must name it (several sites), else null
   */
  Views.Article view(Article a, ArticleRecords records, String linkSite) throws IOException {
    Set<Integer> called = new HashSet<>();
    int n = a.notes().size();
    List<Block> chapo = Blocks.of(a.chapo(), n, called);
    List<Block> text = Blocks.of(a.text(), n, called);
    List<Block> ps = Blocks.of(a.ps(), n, called);
    List<Note> notes = new ArrayList<>();
    for (int i = 0; i < n; i++) notes.add(new Note(i + 1, Blocks.of(a.notes().get(i)), called.contains(i + 1)));
    Issue issue = a.issue();
    Link issueLink = issue == null ? null : new Link(issue.title(), issueUrl(issue.number(), issue.title()));
    List<String> path = a.rubriquePath().isEmpty() && a.section() != null ? List.of(a.section()) : a.rubriquePath();
    List<Link> pathLinks = path.stream()
        .map(p -> new Link(p, issue != null && p.equals(issue.title()) ? issueLink.url() : SearchForm.link("section", p)))
        .toList();
    int captures = records.history(a.id()).size() + 1;
    return new Views.Article(a.id(), a.lang(), a.title() == null ? "(untitled)" : a.title(), a.surtitle(),
        a.subtitle(), a.authors().stream().map(x -> new Link(x, SearchForm.link("author", x))).toList(),
        a.published(), a.modified(), issueLink, pathLinks, chapo, text, notes, ps, pictures(a), attachments(a),
        a.keywords().stream().map(k -> new Link(k, SearchForm.link("q", "keyword:\"" + k.replace("\"", "") + "\""))).toList(),
        translations(a, records, linkSite), files.pageUrl(a.url()).orElse(null), a.url(),
        articleUrl(a.id(), linkSite) + "/record.json",
        a.warcFile() == null ? null : a.warcFile() + (a.warcOffset() == null ? "" : ", offset " + a.warcOffset()),
        citation(a), a.removedAt(), a.capturedAt(), captures, articleUrl(a.id(), linkSite) + "/history");
  }

  private List<Picture> pictures(Article a) {
    List<Picture> out = new ArrayList<>();
    for (Image i : a.images()) {
      String src = files.url(i.localPath()).orElse(null);
      out.add(new Picture(src, i.title(), i.caption(), i.credits(), i.role(),
          i.originalUrl() != null ? i.originalUrl() : i.url()));
    }
    return out;
  }

  private List<Link> attachments(Article a) {
    List<Link> out = new ArrayList<>();
    for (Attachment d : a.attachments()) {
      String label = (d.title() == null ? d.url() : d.title()) + (d.type() == null ? "" : " (" + d.type() + ")");
      out.add(new Link(label, d.url()));
    }
    return out;
  }

  /** Other languages: their page here when archived, else the live page. */
  private static List<Link> translations(Article a, ArticleRecords records, String linkSite) {
    List<Link> out = new ArrayList<>();
    for (Translation t : a.translations()) {
      String url = t.url();
      try {
        OptionalInt id = SpipUrls.articleId(URI.create(t.url()));
        if (id.isPresent() && records.file(id.getAsInt()).toFile().isFile()) url = articleUrl(id.getAsInt(), linkSite);
      } catch (IllegalArgumentException notAUrl) {
        // keep the link as the page gave it
      }
      out.add(new Link(t.lang() == null ? "?" : t.lang(), url));
    }
    return out;
  }

  /** Authors, « title », issue, publication day, URL, capture: enough to find the text again. */
  static String citation(Article a) {
    StringBuilder sb = new StringBuilder();
    if (!a.authors().isEmpty()) sb.append(String.join(", ", a.authors())).append(", ");
    sb.append("« ").append(a.title() == null ? "(untitled)" : a.title()).append(" »");
    if (a.issue() != null) sb.append(", ").append(a.issue().title());
    if (a.published() != null) sb.append(", ").append(a.published(), 0, Math.min(10, a.published().length()));
    sb.append(". ").append(a.url());
    if (a.capturedAt() != null) sb.append(" (archived ").append(a.capturedAt(), 0, Math.min(10, a.capturedAt().length())).append(")");
    return sb.append('.').toString();
  }
}
