package org.spiparchiver.extract;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.spiparchiver.config.Config;

/**
 * Extraction throughput in pages per second on one thread, over the page of every public article
 * of both fixture sites, next to jsoup's parse alone on the same pages. One operation = one page.
 * Run (from the project root) as written in BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExtractionBenchmark {
  private final ArticleExtractor extractor = new ArticleExtractor(new Config.Extraction(null, null));
  private final List<byte[]> pages = new ArrayList<>();
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
      });
    }
  }

  private int nextPage() {
    int i = next;
    next = i + 1 == pages.size() ? 0 : i + 1;
    return i;
  }

  @Benchmark
  public Object parseOnly() {
    int i = nextPage();
    return ArticleExtractor.parse(pages.get(i), urls.get(i));
  }

  @Benchmark
  public Object extract() {
    int i = nextPage();
    return extractor.extract(pages.get(i), urls.get(i));
  }

  /** Runs both benchmarks and prints extraction throughput as a share of parse-only. */
  public static void main(String[] args) throws RunnerException {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(ExtractionBenchmark.class.getName() + "\\.")
        .build()).run();
    double parse = 0;
    double extract = 0;
    for (RunResult r : results) {
      double score = r.getPrimaryResult().getScore();
      if (r.getParams().getBenchmark().endsWith(".parseOnly")) parse = score;
      else extract = score;
    }
    System.out.printf("%nextraction: %.0f pages/s, jsoup parse alone: %.0f pages/s, ratio %.0f%% (goal >= 60%%)%n",
        extract, parse, 100 * extract / parse);
  }
}
