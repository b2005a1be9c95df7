package org.spiparchiver.model;

import java.util.List;
import java.util.Objects;

/**
 * How a record was extracted.
 *
 * @param template the template family recognised: {@code escal}, {@code spip-dist} or {@code generic}
 * @param warnings the fields that could not be found, one short sentence each
 */
public record Extraction(String template, List<String> warnings) {
  public Extraction {
    Objects.requireNonNull(template, "template");
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
