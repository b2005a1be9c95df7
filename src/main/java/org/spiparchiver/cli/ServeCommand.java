package org.spiparchiver.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.spiparchiver.changes.ArchiveStatus;
import org.spiparchiver.config.Config;
import org.spiparchiver.serve.ReadingRoom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spip-archiver serve}: the web reading room over the mirror and the index, read-only. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Serve the archive as a web reading room: search with facets, the issues, each article as a clean "
            + "reading view with its archived page, record, WARC position and capture history, and the status.",
        "Read-only; a crawl may run meanwhile (a new index is picked up by itself). Ctrl-C stops it.",
        ""},
    footer = {"%nExamples:",
        "  spip-archiver serve                      # http://127.0.0.1:8080/",
        "  spip-archiver serve --port 8141",
        "%nExit codes: 2 bad option, or the port is in use; 0 when stopped."})
public final class ServeCommand implements Callable<Integer> {
  @CommandLine.ParentCommand
  Main root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
      description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). Another address makes "
          + "the archive reachable from the network.")
  String bind;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) throw new UserException(ExitCode.USAGE, "--port must be 0 to 65535, not " + port);
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new UserException(ExitCode.USAGE, "--bind " + bind + ": not an address of this machine");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!address.isLoopbackAddress()) {
      err.println("spip-archiver: warning: --bind " + bind + ": the archive becomes reachable from the network "
          + "(anyone who can reach this machine on port " + port + " can read it)");
      err.flush();
    }
    Config config = root.config();
    ReadingRoom room = new ReadingRoom(config.paths().mirror(), config.paths().index(),
        () -> StatusCommand.text(ArchiveStatus.read(config.paths().mirror(), config.revisit(), Instant.now())));
    int actual;
    try {
      actual = room.start(address.getHostAddress(), port);
    } catch (ReadingRoom.StartException e) {
      room.close();
      throw new UserException(ExitCode.USAGE, e.getMessage(), e);
    }
    String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    out.println("reading room at http://" + host + ":" + actual + "/ (mirror " + config.paths().mirror() + ", index "
        + config.paths().index() + "); Ctrl-C stops it");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      room.close();
      stopped.countDown();
    }, "serve-shutdown"));
    stopped.await();
    return ExitCode.OK.code;
  }
}
