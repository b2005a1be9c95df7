package org.spiparchiver.crawl;

import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import org.spiparchiver.extract.OfflineExtraction;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.mirror.MirrorLayout;
import org.spiparchiver.model.Article;

/**
 * The crawl state's part in {@code extract}: image paths of archived files, and the change log
 * (the next run report lists the records an extraction changed). Nothing when the mirror has no crawl.db.
 */
public final class RecordBookkeeping implements OfflineExtraction.Bookkeeping {
  private final CrawlState state;
  private final LocalImages images;
  private final Clock clock;

  private RecordBookkeeping(CrawlState state, URI site, Clock clock) {
    this.state = state;
    this.images = new LocalImages(new UrlRules(site, List.of()), state);
    this.clock = clock;
  }

  /** The bookkeeping of {@code layout}'s crawl state, or none when there is no crawl.db. */
  public static OfflineExtraction.Bookkeeping open(MirrorLayout layout, URI site, Clock clock) {
    if (!Files.exists(layout.crawlDb())) return OfflineExtraction.Bookkeeping.NONE;
    return new RecordBookkeeping(CrawlState.open(layout.crawlDb()), site, clock);
  }

  @Override
  public Article fill(Article a, URI page) {
    return images.fill(a, page);
  }

  @Override
  public void changed(ArticleRecords.Change change, Article a) {
    state.recordChange(new CrawlState.ArticleChange(a.id(), change.kind(), change.fields(),
        a.issue() == null ? null : a.issue().title(), a.payloadDigest() == null ? "none" : a.payloadDigest()), clock.instant());
  }

  @Override
  public void close() {
    state.close();
  }
}
