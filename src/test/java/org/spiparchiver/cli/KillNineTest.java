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

/** A crawl killed with SIGKILL leaves nothing in the temporary directory (a child JVM is killed). */
class KillNineTest {
  @TempDir Path dir;

  static List<Path> sqliteFiles(Path d) throws IOException {
    if (!Files.isDirectory(d)) return List.of();
    try (Stream<Path> s = Files.walk(d)) {
      return s.filter(p -> p.getFileName().toString().contains("sqlite")).filter(Files::isRegularFile).toList();
    }
  }

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
