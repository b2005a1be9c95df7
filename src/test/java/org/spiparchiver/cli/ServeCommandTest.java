package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @TempDir
  Path dir;

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int serve(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "--mirror";
    all[1] = dir.resolve("mirror").toString();
    all[2] = "--index";
    all[3] = dir.resolve("index").toString();
    all[4] = "serve";
    System.arraycopy(args, 0, all, 5, args.length);
    return Main.run(all, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void portOutOfRangeIsOneLineAndExit2() {
    assertThat(serve("--port", "70000")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("spip-archiver: --port must be 0 to 65535, not 70000");
  }

  @Test
  void portInUseIsOneLineAndExit2() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThat(serve("--port", String.valueOf(port))).isEqualTo(2);
      assertThat(err.toString().strip())
          .isEqualTo("spip-archiver: cannot listen on 127.0.0.1:" + port + ": the port is already in use");
      assertThat(out.toString()).isEmpty();
    }
  }

  @Test
  void unknownBindAddressIsOneLineAndExit2() {
    assertThat(serve("--bind", "no-such-host.invalid")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("spip-archiver: --bind no-such-host.invalid: not an address of this machine");
  }
}
