package org.spiparchiver.model;

import java.util.Objects;

/** Another language version of an article, as linked from its page. */
public record Translation(String lang, String url) {
  public Translation {
    Objects.requireNonNull(lang, "lang");
    Objects.requireNonNull(url, "url");
  }
}
