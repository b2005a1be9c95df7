package org.spiparchiver.extract;

import java.util.Collection;
import java.util.Optional;
import org.spiparchiver.model.Article;

/**
 * Whether a run's new records say the site's theme changed: many records made by the generic
 * layer, or without text, mean the precise template rules no longer fit. The crawl prints the
 * warning at the end of its run so that a cron job notices on the next run, not months later.
 */
public final class ExtractionHealth {
  private ExtractionHealth() {}

  /**
   * New records made by the generic layer or without text that a run may have before it warns. A
   * few are normal (an article that is only a title and images, a page of another template); more
   * than this in one run is a pattern worth a look.
   */
  public static final int QUIET_LIMIT = 3;

  /** The warning line for these new records, if more than {@link #QUIET_LIMIT} are generic or lack text. */
  public static Optional<String> warning(Collection<Article> newRecords) {
    long generic = newRecords.stream().filter(a -> a.extraction() != null && "generic".equals(a.extraction().template())).count();
    long noText = newRecords.stream().filter(a -> a.text() == null && a.chapo() == null).count();
    if (generic <= QUIET_LIMIT && noText <= QUIET_LIMIT) return Optional.empty();
    return Optional.of(String.format("warning: of %d new articles, %d were extracted by the generic layer (template not "
        + "recognised) and %d have no text: the site's theme may have changed; check with `spip-archiver probe`",
        newRecords.size(), generic, noText));
  }
}
