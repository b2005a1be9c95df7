package org.spiparchiver.cli;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a long command: the first signal asks the work to stop (a
 * flag the crawl checks between URLs), so that it saves its state, writes its report and summary,
 * and exits with the documented code, 130 or 143 (128 + the signal's number, as shells do). A
 * second signal, or a stop that takes longer than the grace period, ends the process at once with
 * the same code (the archive stays consistent: every write is crash-safe).
 *
 * <p>Signal handlers, not a shutdown hook: a hook runs once the JVM is already exiting, which is
 * too late to choose the exit code or to print the summary reliably.
 */
final class Interrupts implements AutoCloseable {
  private static final Map<String, Integer> CODES = Map.of("INT", ExitCode.INTERRUPTED.code, "TERM", ExitCode.TERMINATED.code);

  private final Map<Signal, SignalHandler> previous = new java.util.HashMap<>();
  private volatile Integer code;

  private Interrupts() {}

  /** Installs the handlers; {@code stop} is called once, on the first signal. */
  static Interrupts install(Runnable stop, Duration grace) {
    Interrupts in = new Interrupts();
    for (String name : CODES.keySet()) {
      Signal sig = new Signal(name);
      try {
        in.previous.put(sig, Signal.handle(sig, s -> in.signalled(name, stop, grace)));
      } catch (IllegalArgumentException e) {
        // The signal cannot be caught here (e.g. the JVM was started with -Xrs): its default applies.
      }
    }
    return in;
  }

  private synchronized void signalled(String name, Runnable stop, Duration grace) {
    if (code != null) Runtime.getRuntime().halt(code); // a second signal: stop now
    code = CODES.get(name);
    Thread timer = new Thread(() -> {
      try {
        Thread.sleep(grace.toMillis());
        Runtime.getRuntime().halt(code);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "stop-grace");
    timer.setDaemon(true);
    timer.start();
    stop.run();
  }

  /** The exit code the signal asks for, when one arrived. */
  Optional<Integer> exitCode() {
    return Optional.ofNullable(code);
  }

  @Override
  public void close() {
    previous.forEach((sig, handler) -> {
      try {
        Signal.handle(sig, handler);
      } catch (IllegalArgumentException e) {
        // Nothing to restore.
      }
    });
  }
}
