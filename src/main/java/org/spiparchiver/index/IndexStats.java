package org.spiparchiver.index;

/**
 * What an index run did.
 *
 * @param total documents in the index afterwards
 * @param failed records that could not be read (named in the log), left as they were in the index
 */
public record IndexStats(int added, int updated, int deleted, int unchanged, int total, int failed) {
  public IndexStats(int added, int updated, int deleted, int unchanged, int total) {
    this(added, updated, deleted, unchanged, total, 0);
  }

  /** Whether the index changed. */
  public boolean changed() {
    return added + updated + deleted > 0;
  }
}
