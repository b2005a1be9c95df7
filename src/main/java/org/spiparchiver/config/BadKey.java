package org.spiparchiver.config;

/**
 * A check across several keys of the file (the same site listed twice, {@code site} and
 * {@code sites} both given) that names the key at fault, so the loader can give that key's line,
 * and the key it clashes with, when there is one.
 */
final class BadKey extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The dotted path of the key at fault ({@code sites[1].url}). */
  final String key;
  /** The dotted path of the key it clashes with, or null. */
  final String first;

  BadKey(String key, String first, String message) {
    super(message);
    this.key = key;
    this.first = first;
  }
}
