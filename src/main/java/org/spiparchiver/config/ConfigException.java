package org.spiparchiver.config;

/** A configuration that cannot be used; the message is one line naming the file, line and key. */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  public ConfigException(String message) {
    super(message);
  }
}
