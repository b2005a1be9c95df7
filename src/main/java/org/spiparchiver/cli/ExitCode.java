package org.spiparchiver.cli;

/** The process exit codes: a public contract, documented in the README and in {@code --help}. */
public enum ExitCode {
  OK(0, "success"),
  PARTIAL(1, "partial success: some items failed, retry later"),
  USAGE(2, "usage or configuration error"),
  LOCKED(3, "another run holds the lock on the mirror"),
  UNREACHABLE(4, "site unreachable or forbidden by robots.txt"),
  INTERNAL(5, "internal error"),
  INTERRUPTED(130, "interrupted by Ctrl-C (SIGINT): state saved, report written, the next run continues"),
  TERMINATED(143, "stopped by SIGTERM: state saved, report written, the next run continues");

  public final int code;
  public final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** The exit-code list printed under {@code spip-archiver --help}. */
  static String[] helpFooter() {
    java.util.List<String> lines = new java.util.ArrayList<>();
    lines.add("%nExit codes:");
    for (ExitCode c : values()) lines.add("  " + c.code + "  " + c.meaning);
    return lines.toArray(String[]::new);
  }
}
