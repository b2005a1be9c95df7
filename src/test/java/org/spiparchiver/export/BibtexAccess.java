package org.spiparchiver.export;

/** Test access to the BibTeX escaping. */
public final class BibtexAccess {
  private BibtexAccess() {}

  public static String escape(String s) {
    return BibtexWriter.escape(s);
  }
}
