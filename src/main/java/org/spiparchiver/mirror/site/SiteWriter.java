package org.spiparchiver.mirror.site;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spiparchiver.mirror.AtomicFiles;
import org.spiparchiver.mirror.WarcPayloads;

/**
 * Writes the offline copy: each archived 200 response as the file {@link SiteLayout} names, pages and
 * stylesheets with their references rewritten against what is archived ({@link Captures}), the home
 * page also as {@code site/index.html}. A page written while something it links to was not archived
 * yet is redone when that arrives ({@link #finish()}), so the copy ends the same as one rebuilt
 * from the WARC files.
 */
public final class SiteWriter {
  private static final Logger log = LoggerFactory.getLogger(SiteWriter.class);
  /** Links remembered for pages to redo; past this (a huge run), every page written in the run is redone. */
  static final int MAX_WAITING_LINKS = 2_000_000;

  private final Path mirror;
  private final Path root;
  private final URI home;
  private final Captures captures;
  private final long maxBody;
  private final Linker linker;
  private final Map<URI, Set<URI>> waiting = new HashMap<>();
  private final Set<URI> stale = new LinkedHashSet<>();
  private final Set<URI> written = new LinkedHashSet<>();
  private int waitingLinks;
  private boolean overflow;
  private boolean redoAll;
  private boolean archiveIndex;

  /**
   * @param root the folder written ({@code mirror/site}, or a new one being rebuilt)
   * @param home the site's home page URL
   * @param maxBody crawl.max_body_size: an archived body read back that decodes to more is not written
   */
  public SiteWriter(Path mirror, Path root, URI home, Canonicalizer canonicalizer, Captures captures, long maxBody) {
    this.mirror = mirror;
    this.root = root;
    this.home = home;
    this.captures = captures;
    this.maxBody = maxBody;
    this.linker = new Linker(canonicalizer, captures, this::waitFor);
  }

  public Captures captures() {
    return captures;
  }

  /**
   * {@code site/index.html} is the archive's list of its sites ({@link SiteIndex}), not this site's
   * home page: the archive has several sites, or this one is not its first.
   */
  public void leaveIndexToArchive() {
    archiveIndex = true;
  }

  /** At {@link #finish()}, redo every page and stylesheet (a previous run ended before its own finish). */
  public void redoAllAtFinish() {
    redoAll = true;
  }

  /** An archived 200 answer: recorded in the view of the archive, then written (static files unchanged on a revisit are kept). */
  public void captured(URI url, String contentType, Instant date, byte[] body, String warcFile, long offset, boolean revisit)
      throws IOException {
    if (revisit && captures.get(url).isPresent()) captures.revisit(url, date);
    else captures.response(url, contentType, revisit ? null : warcFile, revisit ? -1 : offset, date);
    Set<URI> linking = waiting.remove(url);
    if (linking != null) {
      stale.addAll(linking);
      waitingLinks -= linking.size();
    }
    Captures.Entry e = captures.get(url).orElseThrow();
    Path file = file(SiteLayout.path(url, e.mediaType()));
    if (revisit && !rewritten(e.mediaType()) && Files.exists(file)) return;
    write(e, new WarcPayloads.Payload(body, contentType));
  }

  /** Writes the file of one archived URL from its body (decoded) and Content-Type. */
  void write(Captures.Entry e, WarcPayloads.Payload payload) throws IOException {
    byte[] body = payload.body();
    String path = SiteLayout.path(e.url(), e.mediaType());
    written.add(e.url());
    if (isHtml(e.mediaType())) {
      AtomicFiles.write(file(path), SitePages.page(body, payload.contentType(), e.url(), e.date(), path, linker), false);
      if (e.url().equals(home) && !archiveIndex) {
        AtomicFiles.write(root.resolve("index.html"), SitePages.page(body, payload.contentType(), e.url(), e.date(), SiteLayout.DIR + "/index.html", linker), false);
      }
    } else if ("text/css".equals(e.mediaType())) {
      AtomicFiles.write(file(path), SitePages.css(body, e.url(), path, linker), false);
    } else {
      AtomicFiles.write(file(path), body, false);
    }
  }

  /**
   * End of a run: pages and stylesheets that linked to URLs archived after them are written again
   * from their archived bodies, and the site index is brought up to date.
   */
  public void finish() throws IOException {
    if (redoAll) {
      for (Captures.Entry e : captures.entries()) stale.add(e.url());
      redoAll = false;
    }
    if (overflow) stale.addAll(written);
    redoStale(() -> true);
    writeIndex();
  }

  /**
   * Writes again the pages that linked to URLs archived after them, one by one while {@code more}
   * says so (the crawl's writer yields to new captures); the rest wait for the next call.
   */
  public void redoStale(BooleanSupplier more) {
    Iterator<URI> it = stale.iterator();
    while (it.hasNext() && more.getAsBoolean()) {
      URI u = it.next();
      it.remove();
      Captures.Entry e = captures.get(u).orElse(null);
      if (e == null || e.warcFile() == null || !rewritten(e.mediaType())) continue;
      try {
        write(e, WarcPayloads.read(new org.spiparchiver.mirror.MirrorLayout(mirror).warcDir().resolve(e.warcFile()), e.offset(), maxBody));
      } catch (IOException | RuntimeException ex) {
        log.warn("offline copy of {} not brought up to date: {}", u, ex.toString());
      }
    }
  }

  /** Several hosts in the copy of one site: {@code site/index.html} lists their home pages. */
  public void writeIndex() throws IOException {
    if (archiveIndex) return;
    List<SitePages.Home> homes = new ArrayList<>();
    for (Captures.Entry e : captures.entries()) {
      String path = e.url().getRawPath();
      if ((path == null || path.isEmpty() || path.equals("/")) && e.url().getRawQuery() == null && isHtml(e.mediaType())) {
        homes.add(new SitePages.Home(e.url().toString(), e.url().toString(),
            Linker.relative(SiteLayout.DIR + "/index.html", SiteLayout.page(e.url())), null));
      }
    }
    if (homes.size() < 2) return;
    homes.sort((a, b) -> a.url().compareTo(b.url()));
    AtomicFiles.write(root.resolve("index.html"), SitePages.index(homes), false);
  }

  /** Adds the "removed from the site on DATE" banner to the page of {@code url}, when the copy has it. */
  public void markRemoved(URI url, String date) throws IOException {
    Path f = file(SiteLayout.page(url));
    if (!Files.isRegularFile(f)) return;
    byte[] page = Files.readAllBytes(f);
    byte[] marked = SitePages.withBanner(page, date);
    if (marked != page) AtomicFiles.write(f, marked, false);
  }

  private void waitFor(URI target, URI source) {
    if (overflow) return;
    if (waitingLinks >= MAX_WAITING_LINKS) {
      overflow = true;
      waiting.clear();
      return;
    }
    if (waiting.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(source)) waitingLinks++;
  }

  private Path file(String path) {
    return root.resolve(path.substring(SiteLayout.DIR.length() + 1));
  }

  private static boolean rewritten(String type) {
    return isHtml(type) || "text/css".equals(type);
  }

  static boolean isHtml(String type) {
    return "text/html".equals(type) || "application/xhtml+xml".equals(type);
  }
}
