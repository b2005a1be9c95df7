package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spiparchiver.mirror.SiteCopy;
import org.spiparchiver.model.Json;
import org.spiparchiver.testing.FixtureSite;
import org.spiparchiver.testing.HandMadeArchive;

/**
 * Memory is bounded by the limits, not by the input: the whole escal-dev site, six of its articles
 * replaced by the hostile pages of issue 11, crawled, extracted, copied and indexed by a child JVM
 * at {@code -Xmx256m}.
 */
class LowMemoryCrawlTest {
  static final String HTML = "text/html; charset=utf-8";
  @TempDir Path dir;

  static String repeat(String s, int n) {
    return s.repeat(n);
  }

  @Test
  @Timeout(300) // a guard against a child that hangs, not a speed assertion
  void crawlsTheFixtureAndEveryHostilePageWithin256MegabytesOfHeap() throws Exception {
    try (FixtureSite site = FixtureSite.builder("escal-dev").withoutCrawlDelay().start()) {
      List<Integer> served = site.publicArticleIds().stream()
          .filter(id -> site.routes().containsKey("/spip.php?article" + id)).toList();
      Map<Integer, String> hostile = new LinkedHashMap<>();
      List<Integer> pick = served.subList(served.size() - 6, served.size());
      byte[] nuls = new byte[19 << 20];
      StringBuilder links = new StringBuilder("<html><body class=\"page_article\">");
      for (int i = 0; i < 500_000; i++) links.append("<a href=\"/x/").append(i).append("\">x</a>");
      // 1 GiB of zeros in about 1 MB: the decoded body would be 50 times the heap.
      site.replace("/spip.php?article" + pick.get(0), 200, List.of(new String[] {"Content-Type", HTML},
          new String[] {"Content-Encoding", "gzip"}), HandMadeArchive.gzipBomb(1 << 30));
      hostile.put(pick.get(0), "gzip bomb");
      site.replace("/spip.php?article" + pick.get(1), 200, List.<String[]>of(new String[] {"Content-Type", HTML}), nuls);
      hostile.put(pick.get(1), "19 MB of NUL bytes");
      site.replace("/spip.php?article" + pick.get(2), 200, HTML, "<html><body>" + repeat("<p>a</p>", 2_400_000) + "</body></html>");
      hostile.put(pick.get(2), "2.4 million <p>");
      site.replace("/spip.php?article" + pick.get(3), 200, HTML, links + "</body></html>");
      hostile.put(pick.get(3), "500,000 links");
      site.replace("/spip.php?article" + pick.get(4), 200, HTML, "<html><body>" + repeat("<div>", 200_000) + "</body></html>");
      hostile.put(pick.get(4), "200,000 nested tags");
      site.replace("/spip.php?article" + pick.get(5), 200, HTML, "<html><body>" + repeat("<span>", 40_000) + "x</body></html>");
      hostile.put(pick.get(5), "nested 40,000 deep");

      Path mirror = dir.resolve("mirror");
      Files.createDirectories(dir.resolve("tmp"));
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-Djava.io.tmpdir=" + dir.resolve("tmp"), "-cp", System.getProperty("java.class.path"),
          Main.class.getName(), "--site", site.root().toString(), "--mirror", mirror.toString(),
          "--index", dir.resolve("index").toString(), "crawl", "--delay", "0s"));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile());
      pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
      Process child = pb.start();
      assertThat(child.waitFor(280, TimeUnit.SECONDS)).as("the child crawl ended").isTrue();
      String out = Files.readString(dir.resolve("child.out"));
      assertThat(out).doesNotContain("OutOfMemoryError").doesNotContain("internal error");
      // 1: the bomb skipped over max_body_size and the pages too complex to extract make the run partial.
      assertThat(child.exitValue()).as(out).isEqualTo(1);

      Set<Integer> recorded = new TreeSet<>();
      try (Stream<Path> s = Files.list(mirror.resolve("articles"))) {
        s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+\\.json"))
            .forEach(n -> recorded.add(Integer.parseInt(n.substring(0, n.length() - 5))));
      }
      Set<Integer> expected = new TreeSet<>(site.publicArticleIds());
      expected.removeAll(hostile.keySet());
      assertThat(recorded).as("every article but the hostile ones (%s)", hostile).isEqualTo(expected);

      JsonNode report;
      try (Stream<Path> s = Files.list(mirror.resolve("runs"))) {
        report = Json.mapper().readTree(s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow().toFile());
      }
      List<String> failures = new ArrayList<>();
      report.get("failures").forEach(f -> failures.add(f.get("url").asText() + " " + f.get("error").asText()));
      assertThat(failures).anySatisfy(f -> assertThat(f).contains("article" + pick.get(0)).contains("over max_body_size"));
      for (int id : pick.subList(1, pick.size())) {
        assertThat(failures).as(hostile.get(id)).anySatisfy(f -> assertThat(f).contains("article" + id + " ")
            .contains("archived, too complex to extract: "));
      }
      assertThat(report.get("exit_code").asInt()).isEqualTo(child.exitValue());
      try (Stream<Path> s = Files.list(dir.resolve("tmp"))) {
        assertThat(s.toList()).as("files left in java.io.tmpdir").isEmpty();
      }
      assertThat(site.requestedUrls()).noneMatch(u -> u.startsWith("/x/")); // the 500,000 links were not followed

      URI tooComplex = site.root().resolve("spip.php?article" + pick.get(2));
      assertThat(Files.readString(mirror.resolve(SiteCopy.relativePath(tooComplex, true)), StandardCharsets.UTF_8))
          .contains("not in the offline copy");
      StringWriter vout = new StringWriter();
      assertThat(Main.run(new String[] {"--mirror", mirror.toString(), "--index", dir.resolve("index").toString(), "verify"},
          new PrintWriter(vout), new PrintWriter(new StringWriter()))).as(vout.toString()).isZero();
      assertThat(Arrays.asList(out.split("\n"))).anyMatch(l -> l.startsWith("index ") && l.endsWith("; " + expected.size() + " articles"));
    }
  }
}
