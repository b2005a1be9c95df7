package org.spiparchiver.crawl;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Image;

/** Fills an article's images with {@code local_path} and digest from what the crawl state says is archived. */
final class LocalImages {
  private final UrlRules rules;
  private final CrawlState state;

  LocalImages(UrlRules rules, CrawlState state) {
    this.rules = rules;
    this.state = state;
  }

  /** The original file ({@code IMG/…}) when archived, else the displayed copy; untouched when neither is. */
  Article fill(Article a, URI page) {
    List<Image> images = new ArrayList<>();
    for (Image img : a.images()) {
      Image done = img;
      for (String u : new String[] {img.originalUrl(), img.url()}) {
        if (u == null) continue;
        UrlRules.Decision d = rules.decide(page, u, UrlRules.Role.EMBED);
        if (!d.accepted()) continue;
        Optional<CrawlState.UrlRow> fetched = state.get(d.target().url())
            .filter(x -> x.status() == CrawlState.Status.FETCHED && x.digest() != null && x.httpStatus() != null
                // 304: the archived file is still the current one.
                && (x.httpStatus() == 200 || x.httpStatus() == 304));
        if (fetched.isPresent()) {
          done = img.withLocal(org.spiparchiver.mirror.site.SiteLayout.path(d.target().url(), null), fetched.get().digest());
          break;
        }
      }
      images.add(done);
    }
    return a.withImages(images);
  }

  /**
   * True when no image of {@code a} may still get a better local copy: the preferred file of each
   * (the original when known) has been dealt with, whatever its answer.
   */
  boolean settled(Article a, URI page) {
    for (Image img : a.images()) {
      String preferred = img.originalUrl() != null ? img.originalUrl() : img.url();
      UrlRules.Decision d = rules.decide(page, preferred, UrlRules.Role.EMBED);
      if (!d.accepted()) continue;
      Optional<CrawlState.UrlRow> row = state.get(d.target().url());
      if (row.isPresent() && row.get().status() == CrawlState.Status.PENDING) return false;
    }
    return true;
  }
}
