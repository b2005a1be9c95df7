package org.spiparchiver.extract;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.spiparchiver.config.Config;

/**
 * Extraction throughput in pages per second on one thread, over the page of every public article
 * of both fixture sites, next to jsoup's parse alone on the same pages. One operation = one page.
 *
 * <p>Sampled per page ({@link Mode#SampleTime}) so that the median page time can be read: on a
 * machine shared with other work, a page that happens to span a preemption counts many times its
 * real cost in a mean, but not in the median. Run from the project root as written in
 * BENCHMARKS.md: through {@link #main} (alternating rounds, ratio printed) or JMH's own
 * {@code org.openjdk.jmh.Main ExtractionBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(2)
// Long warm-up: on a loaded machine the JIT needs some 20 s to finish compiling the extractor.
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExtractionBenchmark {
  private final ArticleExtractor extractor = new ArticleExtractor(new Config.Extraction(null, null));
  private final List<byte[]> pages = new ArrayList<>();
  private final List<byte[]> stripped = new ArrayList<>();
  private final List<URI> urls = new ArrayList<>();
  private int next;

  @Setup(Level.Trial)
  public void loadPages() {
    for (String site : List.of("spip4-dist", "escal-dev")) {
      Fixtures f = Fixtures.site(site);
      f.publicArticles().forEach(t -> {
        String path = f.articlePath(t.get("id").asInt());
        pages.add(f.body(path));
        urls.add(f.url(path));
        stripped.add(ThemeVariants.stripped(f.body(path), f.url(path)));
      });
    }
  }

  private int nextPage() {
    int i = next;
    next = i + 1 == pages.size() ? 0 : i + 1;
    return i;
  }

  /** jsoup's parse alone: its own charset detection, no limits (the baseline). */
  @Benchmark
  public Object parseOnly() {
    int i = nextPage();
    return jsoup(pages.get(i), urls.get(i));
  }

  @Benchmark
  public Object extract() {
    int i = nextPage();
    return extractor.extract(pages.get(i), urls.get(i));
  }

  /** The same pages, theme stripped (ThemeVariants): the generic layer makes every record. */
  @Benchmark
  public Object parseOnlyStripped() {
    int i = nextPage();
    return jsoup(stripped.get(i), urls.get(i));
  }

  @Benchmark
  public Object extractStripped() {
    int i = nextPage();
    return extractor.extract(stripped.get(i), urls.get(i));
  }

  private static Object jsoup(byte[] page, URI url) {
    try {
      return org.jsoup.Jsoup.parse(new java.io.ByteArrayInputStream(page), null, url.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Runs the two benchmarks in alternation, one fork each per round (neighbouring runs see the
   * same machine load), and prints pages per second from the median and the mean page time, and
   * extraction as a share of parse-only.
   *
   * @param args the number of rounds (default 3)
   */
  public static void main(String[] args) throws RunnerException {
    if (args.length > 0 && args[0].equals("cpu")) {
      cpuTime(args.length > 1 ? Integer.parseInt(args[1]) : 3);
      return;
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    for (String variant : List.of("", "Stripped")) {
      List<Double> medianRatios = new ArrayList<>();
      List<Double> meanRatios = new ArrayList<>();
      String name = variant.isEmpty() ? "unstripped" : "stripped";
      for (int round = 1; round <= rounds; round++) {
        Statistics extract = statistics("extract" + variant);
        Statistics parse = statistics("parseOnly" + variant);
        medianRatios.add(parse.getPercentile(50) / extract.getPercentile(50));
        meanRatios.add(parse.getMean() / extract.getMean());
        System.out.printf("%s round %d: median page: extraction %.0f pages/s, parse alone %.0f pages/s, ratio %.0f%%;"
                + " mean page: %.0f vs %.0f pages/s, ratio %.0f%%%n",
            name, round, 1e6 / extract.getPercentile(50), 1e6 / parse.getPercentile(50), 100 * medianRatios.get(round - 1),
            1e6 / extract.getMean(), 1e6 / parse.getMean(), 100 * meanRatios.get(round - 1));
      }
      System.out.printf("%s, over %d rounds: median-page ratio %.0f%%, mean-page ratio %.0f%% (goal >= 60%% unstripped)%n",
          name, rounds, 100 * median(medianRatios), 100 * median(meanRatios));
    }
  }

  /**
   * The same comparison in thread CPU time (immune to the preemptions of a shared machine): each
   * round runs every page through parse-only and extraction, unstripped then stripped, and prints
   * pages per CPU-second. The first round is warm-up.
   */
  static void cpuTime(int rounds) {
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    ExtractionBenchmark b = new ExtractionBenchmark();
    b.loadPages();
    int passes = 20;
    for (int round = 0; round <= rounds; round++) {
      long[] ns = new long[4];
      for (int pass = 0; pass < passes; pass++) {
        for (int i = 0; i < b.pages.size(); i++) {
          long t0 = cpu.getCurrentThreadCpuTime();
          jsoup(b.pages.get(i), b.urls.get(i));
          long t1 = cpu.getCurrentThreadCpuTime();
          b.extractor.extract(b.pages.get(i), b.urls.get(i));
          long t2 = cpu.getCurrentThreadCpuTime();
          jsoup(b.stripped.get(i), b.urls.get(i));
          long t3 = cpu.getCurrentThreadCpuTime();
          b.extractor.extract(b.stripped.get(i), b.urls.get(i));
          long t4 = cpu.getCurrentThreadCpuTime();
          ns[0] += t1 - t0;
          ns[1] += t2 - t1;
          ns[2] += t3 - t2;
          ns[3] += t4 - t3;
        }
      }
      double n = (double) passes * b.pages.size();
      System.out.printf("%s %d: unstripped: extraction %.0f pages/CPU-s, parse alone %.0f, ratio %.0f%%;"
              + " stripped: extraction %.0f, parse alone %.0f, ratio %.0f%%%n",
          round == 0 ? "warm-up" : "round", round, n * 1e9 / ns[1], n * 1e9 / ns[0], 100.0 * ns[0] / ns[1],
          n * 1e9 / ns[3], n * 1e9 / ns[2], 100.0 * ns[2] / ns[3]);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static Statistics statistics(String benchmark) throws RunnerException {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(ExtractionBenchmark.class.getName() + "\\." + benchmark + "$")
        .forks(1)
        .build()).run();
    return results.iterator().next().getPrimaryResult().getStatistics();
  }
}
