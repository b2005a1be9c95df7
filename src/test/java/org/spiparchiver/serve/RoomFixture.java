package org.spiparchiver.serve;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spiparchiver.index.Indexer;
import org.spiparchiver.index.TruthArticles;
import org.spiparchiver.mirror.SiteCopy;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;

/**
 * A mirror of the fixture sites' articles (from their truth) with an index, plus: an article whose
 * title holds a script and whose text has a note call and an intertitle, a removed article, an
 * earlier capture of article 833, and the offline copy of article 833's page.
 */
final class RoomFixture {
  static final int SCRIPT_ID = 999_001;
  static final int REMOVED_ID = 999_002;
  static final int HISTORY_ID = 833;
  static final String SCRIPT_TITLE = "<script>document.title='pwned'</script>Un titre <b>piégé</b>";
  static final String OLD_TITLE = "Relire Kropotkine (first version)";
  static final String ARCHIVED_MARKER = "Archived copy of article 833";

  final Path mirror;
  final Path index;
  final List<Article> articles = new ArrayList<>();

  RoomFixture(Path dir) throws IOException {
    mirror = dir.resolve("mirror");
    index = dir.resolve("index");
    articles.addAll(TruthArticles.all());
    Article base = article(HISTORY_ID);
    articles.add(new Article(SCRIPT_ID, base.url().replace("article" + HISTORY_ID, "article" + SCRIPT_ID), "fr",
        SCRIPT_TITLE, null, null, List.of("Auteur <i>x</i>"), "2010-05-08", null, base.issue(), base.section(),
        base.rubriquePath(), null, "Premier paragraphe avec une note [1].\n\nUn intertitre\n\nSuite du texte, [2] et [1] encore.",
        null, List.of("La note <em>un</em>.", "La note deux."), List.of(), List.of(), List.of(), List.of(), null, null,
        null, null, null, null));
    articles.add(new Article(REMOVED_ID, base.url().replace("article" + HISTORY_ID, "article" + REMOVED_ID), "fr",
        "Un article retiré", null, null, List.of(), "2010-05-09", null, base.issue(), base.section(),
        base.rubriquePath(), null, "Texte retiré.", null, List.of(), List.of(), List.of(), List.of(), List.of(), null,
        null, null, null, null, "2026-11-20T03:00:00Z"));
    TruthArticles.writeMirror(mirror, articles);

    Article old = new Article(base.id(), base.url(), base.lang(), OLD_TITLE, base.surtitle(), base.subtitle(),
        base.authors(), base.published(), base.modified(), base.issue(), base.section(), base.rubriquePath(),
        base.chapo(), "Un paragraphe disparu.\n\n" + base.text(), base.ps(), base.notes(), base.keywords(),
        base.images(), base.attachments(), base.translations(), null, "2026-01-01T00:00:00Z", null, null, null, null);
    Path history = Files.createDirectories(mirror.resolve("articles").resolve(String.valueOf(HISTORY_ID)));
    Json.mapper().writeValue(history.resolve("2026-01-01T00-00-00Z.json").toFile(), old);

    Path page = mirror.resolve(SiteCopy.relativePath(URI.create(base.url()), true));
    Files.createDirectories(page.getParent());
    Files.writeString(page, "<!DOCTYPE html><html><head><title>archived</title></head><body><h1>" + ARCHIVED_MARKER
        + "</h1></body></html>", StandardCharsets.UTF_8);
    Files.writeString(mirror.resolve("crawl.db.not"), "not the state"); // a file outside site/, never served
    new Indexer(mirror, index).rebuild();
  }

  Article article(int id) {
    return articles.stream().filter(a -> a.id() == id).findFirst().orElseThrow();
  }

  /** Articles a search shows by default: the site still serves them. */
  List<Article> live() {
    return articles.stream().filter(a -> a.removedAt() == null).toList();
  }
}
