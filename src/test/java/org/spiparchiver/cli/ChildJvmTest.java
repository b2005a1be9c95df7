package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Signals to a crawl in a child JVM: SIGKILL leaves nothing in the temporary directory; SIGTERM stops it cleanly. */
class ChildJvmTest {
  @TempDir Path dir;

  static List<Path> sqliteFiles(Path d) throws IOException {
    if (!Files.isDirectory(d)) return List.of();
    try (Stream<Path> s = Files.walk(d)) {
      return s.filter(p -> p.getFileName().toString().contains("sqlite")).filter(Files::isRegularFile).toList();
    }
  }

  static ProcessBuilder crawl(Path dir, java.net.URI site, String... extra) {
    List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + dir.resolve("tmp"), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--site", site.toString(), "--mirror", dir.resolve("mirror").toString(), "crawl", "--no-index"));
    cmd.addAll(List.of(extra));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    return pb.redirectError(dir.resolve("child.err").toFile()).redirectOutput(dir.resolve("child.out").toFile());
  }

  @Test
  @Timeout(120) // a guard against a child that does not stop, not a speed assertion
  void sigtermStopsTheCrawlWritesItsReportAndExits143() throws Exception {
    Files.createDirectories(dir.resolve("tmp"));
    try (org.spiparchiver.testing.FixtureSite site = org.spiparchiver.testing.FixtureSite.builder("spip4-dist")
        .withoutCrawlDelay().start()) {
      Process child = crawl(dir, site.root(), "--delay", "300ms").start();
      while (site.requestedUrls().size() < 3) {
        assertThat(child.isAlive()).as("the crawl ended before it was signalled").isTrue();
        Thread.sleep(20); // polling for the child to get going; no timing is asserted
      }
      child.destroy(); // SIGTERM
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = Files.readString(dir.resolve("child.out"));
      assertThat(child.exitValue()).as(out + Files.readString(dir.resolve("child.err"))).isEqualTo(143);
      assertThat(out).contains("interrupted; the next run continues").contains("report: ");
      Path report;
      try (Stream<Path> s = Files.list(dir.resolve("mirror/runs"))) {
        report = s.findFirst().orElseThrow();
      }
      assertThat(org.spiparchiver.model.Json.mapper().readTree(report.toFile()).get("exit_code").asInt()).isEqualTo(143);
      java.io.StringWriter vout = new java.io.StringWriter();
      assertThat(Main.run(new String[] {"--mirror", dir.resolve("mirror").toString(), "--index", dir.resolve("index").toString(),
          "verify"}, new java.io.PrintWriter(vout), new java.io.PrintWriter(new java.io.StringWriter()))).as(vout.toString()).isZero();
    }
  }

  @SuppressWarnings("try") // the accepted socket is held open while the child is killed
  @Test
  @Timeout(60) // a guard: the child is killed long before
  void killNineLeavesNoNativeLibraryInTmp() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path cache = dir.resolve("cache");
    // A server that accepts and never answers: the crawl waits for robots.txt with crawl.db open.
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
          "--site", "http://127.0.0.1:" + silent.getLocalPort() + "/", "--mirror", dir.resolve("mirror").toString(),
          "crawl", "--no-index");
      pb.environment().put("XDG_CACHE_HOME", cache.toString());
      pb.redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
      Process child = pb.start();
      try (java.net.Socket s = silent.accept()) { // the child is now past opening crawl.db
        child.destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
    }
    assertThat(sqliteFiles(tmp)).as(Files.readString(dir.resolve("child.log"))).isEmpty();
    assertThat(sqliteFiles(cache.resolve("spip-archiver/sqlite"))).isNotEmpty();
  }
}
