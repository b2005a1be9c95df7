package org.spiparchiver.mirror;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spiparchiver.mirror.site.Canonicalizer;
import org.spiparchiver.mirror.site.Captures;
import org.spiparchiver.mirror.site.SiteIndex;
import org.spiparchiver.mirror.site.SiteLayout;
import org.spiparchiver.mirror.site.SiteWriter;

/**
 * The crawl's hook into the browsable offline copy ({@code mirror/site/}, see {@link SiteWriter}):
 * each archived 200 answer is written as it arrives, the pages that need it are redone at the end
 * of the run. The copy is derived data (the WARC files are the record): a failure to write it is
 * logged and never stops the crawl ({@code mirror --rebuild} regenerates it).
 */
public final class SiteCopy {
  private static final Logger log = LoggerFactory.getLogger(SiteCopy.class);
  /**
   * Present from the start of a run to the end of its {@link #finish()}: found at the start of the
   * next run, it says the previous one was interrupted, so its pages may link live to pages archived
   * since; that run's end then redoes every page.
   */
  public static final String RUN_MARKER = SiteLayout.RUN_MARKER;

  private final SiteWriter writer;
  private final Path mirror;
  private final Path marker;

  private SiteCopy(SiteWriter writer, Path mirror, Path marker) {
    this.writer = writer;
    this.mirror = mirror;
    this.marker = marker;
  }

  /** Opens the copy of {@code mirror}'s only (or first) site. */
  public static SiteCopy open(Path mirror, URI home, Canonicalizer canonicalizer, long maxBody) throws IOException {
    return open(mirror, mirror, home, canonicalizer, maxBody);
  }

  /**
   * Opens the copy of the site whose own mirror is {@code siteRoot} ({@code mirror} itself for the
   * first site, {@code sites/<key>/} for another), knowing what is archived from its CDXJ indexes.
   * The copy is the archive's, {@code mirror/site/}; its index page lists the sites when the
   * archive has several. Each site has its own run marker in its root. {@code maxBody}:
   * crawl.max_body_size, for the pages read back from the WARC files at {@link #finish()}.
   */
  public static SiteCopy open(Path mirror, Path siteRoot, URI home, Canonicalizer canonicalizer, long maxBody)
      throws IOException {
    SiteWriter writer = new SiteWriter(siteRoot, mirror.resolve(SiteLayout.DIR), home, canonicalizer,
        Captures.fromCdxj(new MirrorLayout(siteRoot).warcDir()), maxBody);
    if (!siteRoot.equals(mirror) || ArchiveSites.of(mirror).size() > 1) writer.leaveIndexToArchive();
    Path marker = siteRoot.resolve(RUN_MARKER);
    if (Files.exists(marker)) writer.redoAllAtFinish();
    else Files.write(marker, new byte[0]);
    return new SiteCopy(writer, mirror, marker);
  }

  /** The file for {@code url}, relative to the mirror (as stored in records' {@code local_path}). */
  public static String relativePath(URI url, boolean html) {
    return html ? SiteLayout.page(url) : SiteLayout.path(url, null);
  }

  /** A 200 answer archived in {@code capture} (null when it was not written to a WARC file). */
  public void captured(URI url, String contentType, Instant date, byte[] body, WarcArchive.Capture capture) {
    try {
      writer.captured(url, contentType, date, body, capture == null ? null : capture.file(),
          capture == null ? -1 : capture.offset(), capture != null && capture.revisit());
    } catch (IOException | RuntimeException e) {
      log.warn("offline copy of {} not written: {}", url, e.toString());
    }
  }

  /** Marks the page of an article the site no longer serves (a banner, not part of the record). */
  public void markRemoved(URI url, String removedAt) {
    try {
      writer.markRemoved(url, removedAt);
    } catch (IOException | RuntimeException e) {
      log.warn("offline copy of {} not marked removed: {}", url, e.toString());
    }
  }

  /** End of the run: pages linking to URLs archived after them are brought up to date, and the index page. */
  public void finish() {
    try {
      writer.finish();
      SiteIndex.write(mirror, mirror.resolve(SiteLayout.DIR));
      Files.deleteIfExists(marker);
    } catch (IOException | RuntimeException e) {
      log.warn("offline copy not brought up to date: {} (run 'spip-archiver mirror --rebuild')", e.toString());
    }
  }
}
