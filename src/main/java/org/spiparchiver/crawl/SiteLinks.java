package org.spiparchiver.crawl;

import java.util.Optional;
import org.spiparchiver.mirror.site.Canonicalizer;

/** The crawl's URL rules as the offline copy needs them: which canonical URL a link of a page is archived under. */
public final class SiteLinks {
  private SiteLinks() {}

  public static Canonicalizer of(UrlRules rules) {
    return (link, embedded) -> {
      UrlRules.Decision d = rules.decide(null, link, embedded ? UrlRules.Role.EMBED : UrlRules.Role.NAVIGATION);
      // A link to a stylesheet or a script file (not a page): archived when a page embedded it.
      if (!d.accepted() && !embedded) d = rules.decide(null, link, UrlRules.Role.EMBED);
      return d.accepted() ? Optional.of(d.target().url()) : Optional.empty();
    };
  }
}
