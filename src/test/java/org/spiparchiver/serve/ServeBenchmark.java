package org.spiparchiver.serve;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for the reading room (not a unit test; see BENCHMARKS.md "## Reading room"):
 * {@code ServeBenchmark BASE_URL CONNECTIONS SECONDS} sends search-page requests (query, facets,
 * 20 highlighted snippets, rendered page) from CONNECTIONS clients for SECONDS after a warm-up of
 * the same length (none with a 4th argument {@code --no-warm-up}), and prints searches per second,
 * p50, p95 and p99 latency and the number of answers other than 200.
 */
public final class ServeBenchmark {
  /** The words and filters of SearchBenchmark's suites, as search-page URLs. */
  static final List<String> QUERIES = List.of(
      "q=gr%C3%A8ve", "q=revolution", "q=kropotkine", "q=autogestion", "q=syndicats", "q=whitfield",
      "q=%22mutual%20aid%22", "q=%22g%C3%A9n%C3%A9ration%20perdue%22", "q=gr%C3%A8ve%20salaires&year=2008",
      "q=mutual%20aid&lang=en", "q=autogestion&issue=13", "q=syndicats&from=2001-01-01&to=2003-12-31",
      "issue=40", "q=anarchisme&page=2", "q=grève&sort=date", "q=revolution&author=garcia");

  private ServeBenchmark() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    int connections = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    if (args.length < 4 || !args[3].equals("--no-warm-up")) run(client, base, connections, seconds); // JIT, OS cache
    Result r = run(client, base, connections, seconds);
    double[] ms = r.latencies;
    Arrays.sort(ms);
    System.out.printf(Locale.ROOT, "%d connections, %d s: %d searches, %.0f searches/s, p50 %.1f ms, p95 %.1f ms,"
            + " p99 %.1f ms; non-200: %d%n", connections, seconds, ms.length, ms.length / (double) seconds,
        ms[ms.length / 2], ms[ms.length * 95 / 100], ms[ms.length * 99 / 100], r.errors);
  }

  record Result(double[] latencies, int errors) {}

  static Result run(HttpClient client, String base, int connections, int seconds) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicInteger errors = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    List<Future<List<Double>>> futures = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      int offset = c;
      futures.add(pool.submit(() -> {
        List<Double> out = new ArrayList<>();
        for (int i = offset; System.nanoTime() < end; i++) {
          String q = QUERIES.get(i % QUERIES.size()).replace("grève", "gr%C3%A8ve");
          HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/search?" + q)).timeout(Duration.ofSeconds(30)).build();
          long s = System.nanoTime();
          HttpResponse<byte[]> resp = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
          out.add((System.nanoTime() - s) / 1e6);
          if (resp.statusCode() != 200) errors.incrementAndGet();
        }
        return out;
      }));
    }
    List<Double> all = new ArrayList<>();
    for (Future<List<Double>> f : futures) all.addAll(f.get());
    pool.shutdown();
    return new Result(all.stream().mapToDouble(Double::doubleValue).toArray(), errors.get());
  }
}
