package org.spiparchiver.crawl;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.jsoup.nodes.Document;
import org.spiparchiver.crawl.CrawlState.UrlRow;
import org.spiparchiver.crawl.revisit.ChangeSignals;

/**
 * Listing pages (home, rubriques, site plan): their links followed until a page of a paginated
 * listing repeats another page of it, the dates they show for articles, their offline copy.
 */
final class ListingPages implements ResponseHandler.KindHandler {
  private final CrawlContext ctx;
  private final ResponseHandler handler;

  ListingPages(CrawlContext ctx, ResponseHandler handler) {
    this.ctx = ctx;
    this.handler = handler;
  }

  @Override
  public void handle(UrlRow row, HttpFetcher.Result r, byte[] body, String type, CrawlRun run, ResponseHandler.Found found) {
    URI url = row.url();
    run.pages++;
    Document doc = Links.parseHtml(body, r.header("Content-Type").orElse(null), url);
    List<Links.Link> links = Links.html(doc);
    found.listingDigest = listingDigest(links);
    found.signals.putAll(ChangeSignals.fromListing(doc));
    boolean repeated = isPaginated(url)
        && ctx.state().listingDigests(withoutPagination(url), url).contains(found.listingDigest);
    // A page of a listing equal to another page of it: the pagination has ended (or loops).
    handler.accept(url, links, found, !repeated);
  }

  /** Digest of the article ids a listing page links to: equal digests = the same page of the listing. */
  private String listingDigest(List<Links.Link> links) {
    TreeSet<Integer> ids = new TreeSet<>();
    for (Links.Link l : links) {
      if (l.role() != UrlRules.Role.NAVIGATION) continue;
      UrlRules.Decision d = ctx.rules().decide(null, l.href(), UrlRules.Role.NAVIGATION);
      if (d.accepted() && d.target().kind() == UrlKind.ARTICLE) ids.add(d.target().objectId());
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-1").digest(ids.toString().getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isPaginated(URI url) {
    return url.getRawQuery() != null && url.getRawQuery().contains("debut_");
  }

  static URI withoutPagination(URI url) {
    String q = url.getRawQuery();
    if (q == null) return url;
    String kept = String.join("&", java.util.Arrays.stream(q.split("&")).filter(p -> !p.startsWith("debut_")).toList());
    String s = url.toString();
    return URI.create(s.substring(0, s.indexOf('?')) + (kept.isEmpty() ? "" : "?" + kept));
  }
}
