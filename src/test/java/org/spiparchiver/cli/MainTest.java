package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void helpListsExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Exit codes:").contains("3  another run holds the lock");
  }

  @Test
  void versionNamesTheTool() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("spip-archiver ");
  }

  @Test
  void unknownOptionIsUsageError() {
    assertThat(run("--frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--frobnicate'");
  }

  @Test
  void aDirectoryNamedLikeACommandIsAnOptionValue(@TempDir Path dir) {
    assertThat(run("--mirror", dir.resolve("mirror").toString(), "--index", "index", "status")).isEqualTo(2);
    assertThat(err.toString()).startsWith("spip-archiver: no archive at ");
  }

  @Test
  void generatesCompletionScript() {
    assertThat(run("generate-completion")).isZero();
    assertThat(out.toString()).contains("complete -F");
  }

  @Test
  void badConfigIsOneLineExit2(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("bad.yaml");
    Files.writeString(cfg, "crawl:\n  delay: soon\n");
    Main main = new Main();
    main.configFile = cfg;
    int code = Main.run(new String[] {"--config", cfg.toString(), "help"}, new PrintWriter(out), new PrintWriter(err));
    // help does not read the configuration; loading it does:
    assertThat(code).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(main::config)
        .hasMessageContaining("bad.yaml:2: bad value for 'crawl.delay'");
  }

  @org.junit.jupiter.api.Test
  void recognisesADiskFullAnywhereInTheCauses() {
    java.io.IOException enospc = new java.io.IOException("No space left on device");
    org.assertj.core.api.Assertions.assertThat(Main.diskFull(new java.io.UncheckedIOException(enospc))).isEqualTo("the disk");
    org.assertj.core.api.Assertions.assertThat(Main.diskFull(new IllegalStateException(
        new java.nio.file.FileSystemException("mirror/warc/x.warc.gz", null, "No space left on device"))))
        .isEqualTo("mirror/warc/x.warc.gz");
    org.assertj.core.api.Assertions.assertThat(Main.diskFull(new java.io.IOException("Connection reset"))).isNull();
  }
}
