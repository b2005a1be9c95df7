package org.spiparchiver.index;

/** A failure the user can act on; the message is one line naming the directory, file or query. */
public final class IndexException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** What went wrong, so that the command line can choose its exit code. */
  public enum Reason { NO_INDEX, BAD_QUERY, LOCKED, BAD_INPUT, DAMAGED }

  private final Reason reason;

  public IndexException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public IndexException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
