package org.spiparchiver.cli;

/**
 * An error the user can fix (bad input, missing file, locked mirror, …): printed as one line,
 * no stack trace unless {@code -v}, and the process exits with {@link #exitCode()}.
 */
public class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ExitCode exitCode;

  public UserException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public UserException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
