package org.spiparchiver.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file written under a temporary name beside its target and renamed at the end: an interrupted
 * export leaves no half file under the final name (only a {@code .NAME.part} file, replaced next time).
 */
public final class OutputFile implements AutoCloseable {
  private final Path target;
  private final Path part;
  private final OutputStream out;
  private boolean committed;

  private OutputFile(Path target) throws IOException {
    this.target = target;
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    this.part = parent.resolve("." + target.getFileName() + ".part");
    this.out = new BufferedOutputStream(Files.newOutputStream(part));
  }

  public static OutputFile create(Path target) throws IOException {
    return new OutputFile(target);
  }

  public OutputStream stream() {
    return out;
  }

  public Path target() {
    return target;
  }

  /** Closes the temporary file and gives it the final name. */
  public void commit() throws IOException {
    out.close();
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }
    committed = true;
  }

  /** Without {@link #commit()}, the temporary file is removed. */
  @Override
  public void close() throws IOException {
    if (committed) return;
    out.close();
    Files.deleteIfExists(part);
  }

  /** Writes a whole file through a temporary name. */
  public static void write(Path target, byte[] content) throws IOException {
    try (OutputFile f = create(target)) {
      f.stream().write(content);
      f.commit();
    }
  }
}
