package org.spiparchiver.crawl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.spiparchiver.mirror.ArchiveSite;

/**
 * The crawls of several sites of one archive, side by side: each site's crawl has its own robots,
 * delay, back-off, WARC files and state, and the sites run on a small fixed pool, so two sites take
 * about the time of the slower one. Sites that share a host (an {@code extra_hosts} CDN) are crawled
 * one after the other in the same worker, so no host ever has two requests in flight.
 */
public final class SiteCrawls {
  /** One site to crawl: its place in the archive, its crawl, and every host it may fetch from. */
  public record Target(ArchiveSite site, CrawlService service, Set<String> hosts) {
    public Target {
      hosts = Set.copyOf(hosts);
    }
  }

  /** How one site's crawl ended: its run, or the error that stopped it before a run began. */
  public record Result(ArchiveSite site, CrawlRun run, Exception error) {}

  private final List<Target> targets;
  private volatile boolean stopped;

  public SiteCrawls(List<Target> targets) {
    this.targets = List.copyOf(targets);
  }

  /**
   * The servers a site's crawl fetches from: its own ({@code host:port}) and its extra hosts
   * ({@code host:*}, any port), lower-case.
   */
  public static Set<String> hosts(java.net.URI site, List<String> extraHosts) {
    Set<String> out = new HashSet<>();
    int port = site.getPort() >= 0 ? site.getPort() : "https".equalsIgnoreCase(site.getScheme()) ? 443 : 80;
    out.add(site.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    for (String h : extraHosts) out.add(h.toLowerCase(Locale.ROOT) + ":*");
    return out;
  }

  /** Whether two sets of {@link #hosts} name a server in common ({@code host:*} matches any port of host). */
  static boolean overlap(Set<String> a, Set<String> b) {
    for (String x : a) {
      for (String y : b) {
        String hx = x.substring(0, x.lastIndexOf(':'));
        String hy = y.substring(0, y.lastIndexOf(':'));
        if (x.equals(y) || hx.equals(hy) && (x.endsWith(":*") || y.endsWith(":*"))) return true;
      }
    }
    return false;
  }

  /** Stops every crawl after its URL in flight; sites not started yet are not started. */
  public void stop() {
    stopped = true;
    for (Target t : targets) t.service().stop();
  }

  /** Runs the crawls, {@code parallel} sites at a time; results in the order of the targets. */
  public List<Result> run(Path archive, int parallel) throws InterruptedException {
    List<List<Target>> groups = groupsSharingHosts();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, groups.size())), r -> {
      Thread t = new Thread(r, "site-crawl");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<List<Result>>> running = new ArrayList<>();
      for (List<Target> group : groups) running.add(pool.submit(() -> crawlInTurn(archive, group)));
      List<Result> all = new ArrayList<>();
      for (Future<List<Result>> f : running) {
        try {
          all.addAll(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a site's crawl ended with an error outside its run", e.getCause());
        }
      }
      return targets.stream().map(t -> all.stream().filter(r -> r.site().equals(t.site())).findFirst().orElseThrow()).toList();
    } finally {
      pool.shutdownNow();
    }
  }

  private List<Result> crawlInTurn(Path archive, List<Target> group) {
    List<Result> out = new ArrayList<>();
    for (Target t : group) {
      if (stopped) {
        out.add(new Result(t.site(), null, new InterruptedException("stopped before it started")));
        continue;
      }
      try {
        out.add(new Result(t.site(), t.service().runInArchive(archive), null));
      } catch (Exception e) { // one site's failure (lock held, disk) never stops the others
        out.add(new Result(t.site(), null, e));
      }
    }
    return out;
  }

  /**
   * The targets in groups: two sites sharing a host are in the same group (connected by shared
   * hosts), each group and the groups in the order the sites are listed.
   */
  List<List<Target>> groupsSharingHosts() {
    List<List<Target>> groups = new ArrayList<>();
    List<Set<String>> hostsOf = new ArrayList<>();
    for (Target t : targets) {
      List<Integer> touching = new ArrayList<>();
      for (int i = 0; i < groups.size(); i++) {
        if (overlap(hostsOf.get(i), t.hosts())) touching.add(i);
      }
      List<Target> merged = new ArrayList<>();
      Set<String> hosts = new HashSet<>(t.hosts());
      for (int i = touching.size() - 1; i >= 0; i--) {
        int g = touching.get(i);
        merged.addAll(0, groups.remove(g));
        hosts.addAll(hostsOf.remove(g));
      }
      merged.add(t);
      groups.add(merged);
      hostsOf.add(hosts);
    }
    // In the order the sites are listed, within a group and between groups: with fewer workers than
    // groups, the first sites listed are crawled first.
    for (List<Target> g : groups) g.sort(java.util.Comparator.comparingInt(targets::indexOf));
    groups.sort(java.util.Comparator.comparingInt(g -> targets.indexOf(g.get(0))));
    return groups;
  }
}
