package org.spiparchiver.crawl;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.spiparchiver.mirror.ArchiveOrigin;
import org.spiparchiver.mirror.SiteMove;
import org.spiparchiver.mirror.site.Canonicalizer;

/** The crawl's URL rules as the offline copy needs them: which canonical URL a link of a page is archived under. */
public final class SiteLinks {
  private SiteLinks() {}

  /** The moves of the site whose own mirror is {@code siteRoot}: from each earlier address in its origin file to {@code rules}'. */
  public static List<SiteMove> moves(Path siteRoot, UrlRules rules) throws IOException {
    List<SiteMove> moves = new ArrayList<>();
    for (URI earlier : ArchiveOrigin.earlier(siteRoot)) moves.add(move(earlier, rules));
    return moves;
  }

  /** The move from {@code from} to the site of {@code rules}, between the two roots in the form the crawl writes URLs. */
  static SiteMove move(URI from, UrlRules rules) {
    return SiteMove.of(new UrlRules(from, List.of()).root(), rules.root());
  }

  public static Canonicalizer of(UrlRules rules) {
    return (link, embedded) -> {
      UrlRules.Decision d = rules.decide(null, link, embedded ? UrlRules.Role.EMBED : UrlRules.Role.NAVIGATION);
      // A link to a stylesheet or a script file (not a page): archived when a page embedded it.
      if (!d.accepted() && !embedded) d = rules.decide(null, link, UrlRules.Role.EMBED);
      return d.accepted() ? Optional.of(d.target().url()) : Optional.empty();
    };
  }
}
