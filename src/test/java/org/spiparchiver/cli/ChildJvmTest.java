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

/**
 * Signals to a crawl in a child JVM: SIGKILL leaves nothing in the temporary directory and {@code status} says the
 * run was killed; SIGTERM and SIGINT stop it cleanly with their exit codes.
 */
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

  /** A crawl of spip4-dist in a child JVM, once it has made 3 requests (it waits 300 ms between them). */
  static Process crawlUnderWay(Path dir, org.spiparchiver.testing.FixtureSite site) throws Exception {
    Files.createDirectories(dir.resolve("tmp"));
    Process child = crawl(dir, site.root(), "--delay", "300ms").start();
    while (site.requestedUrls().size() < 3) {
      assertThat(child.isAlive()).as("the crawl ended before it was signalled").isTrue();
      Thread.sleep(20); // polling for the child to get going; no timing is asserted
    }
    return child;
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "SIG{0}")
  @org.junit.jupiter.params.provider.CsvSource({"TERM, 143", "INT, 130"})
  @Timeout(120) // a guard against a child that does not stop, not a speed assertion
  void aSignalStopsTheCrawlWritesItsReportAndExitsWithItsCode(String signal, int code) throws Exception {
    try (org.spiparchiver.testing.FixtureSite site = org.spiparchiver.testing.FixtureSite.builder("spip4-dist")
        .withoutCrawlDelay().start()) {
      Process child = crawlUnderWay(dir, site);
      // kill(1), as a shell's Ctrl-C or systemd's stop would signal it.
      assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor()).isZero();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = Files.readString(dir.resolve("child.out"));
      assertThat(child.exitValue()).as(out + Files.readString(dir.resolve("child.err"))).isEqualTo(code);
      assertThat(out).contains("interrupted; the next run continues").contains("report: ");
      Path report;
      try (Stream<Path> s = Files.list(dir.resolve("mirror/runs"))) {
        report = s.findFirst().orElseThrow();
      }
      assertThat(org.spiparchiver.model.Json.mapper().readTree(report.toFile()).get("exit_code").asInt()).isEqualTo(code);
      java.io.StringWriter vout = new java.io.StringWriter();
      assertThat(Main.run(new String[] {"--mirror", dir.resolve("mirror").toString(), "--index", dir.resolve("index").toString(),
          "verify"}, new java.io.PrintWriter(vout), new java.io.PrintWriter(new java.io.StringWriter()))).as(vout.toString()).isZero();
    }
  }

  @Test
  @Timeout(120) // a guard, not a speed assertion
  void statusSaysTheRunWasKilledAfterAKillNineMidRun() throws Exception {
    try (org.spiparchiver.testing.FixtureSite site = org.spiparchiver.testing.FixtureSite.builder("spip4-dist")
        .withoutCrawlDelay().start()) {
      Process child = crawlUnderWay(dir, site);
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    Path marker;
    try (Stream<Path> s = Files.list(dir.resolve("mirror/runs"))) {
      marker = s.filter(p -> p.getFileName().toString().endsWith(".running")).findFirst().orElseThrow();
    }
    String started = Files.readString(marker).strip();
    java.io.StringWriter sout = new java.io.StringWriter();
    java.io.StringWriter serr = new java.io.StringWriter();
    assertThat(Main.run(new String[] {"--mirror", dir.resolve("mirror").toString(), "status"}, new java.io.PrintWriter(sout),
        new java.io.PrintWriter(serr))).as(sout + "\n" + serr).isZero();
    assertThat(serr.toString()).contains("last run: crashed or killed (started " + started + ", no report)");
    java.io.StringWriter vout = new java.io.StringWriter();
    assertThat(Main.run(new String[] {"--mirror", dir.resolve("mirror").toString(), "--index", dir.resolve("index").toString(),
        "verify"}, new java.io.PrintWriter(vout), new java.io.PrintWriter(new java.io.StringWriter()))).as(vout.toString()).isZero();
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
