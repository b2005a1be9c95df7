package org.spiparchiver.model;

import java.util.Objects;

/** A document attached to an article (PDF, audio, …). {@code type} is the file extension or MIME type. */
public record Attachment(String url, String title, String type) {
  public Attachment {
    Objects.requireNonNull(url, "url");
  }
}
