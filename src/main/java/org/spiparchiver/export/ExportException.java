package org.spiparchiver.export;

/** An export that cannot be done as asked (bad selection, unreadable input): one line for the user. */
public final class ExportException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  public ExportException(String message) {
    super(message);
  }

  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
