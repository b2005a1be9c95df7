package org.spiparchiver.mirror;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code mirror/.lock}: an OS file lock held for the whole run (released by the OS if the process
 * dies, even by kill -9), with the holder's PID written inside for the message of the next comer.
 */
public final class MirrorLock implements AutoCloseable {

  /** Another process (or run) holds the lock. */
  public static final class Held extends Exception {
    private static final long serialVersionUID = 1L;
    public final String pid;

    Held(Path file, String pid) {
      super("another run holds the lock on " + file.getParent() + " (PID " + pid + ")");
      this.pid = pid;
    }
  }

  private final FileChannel channel;
  private final FileLock lock;

  private MirrorLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static MirrorLock acquire(Path mirror) throws IOException, Held {
    Files.createDirectories(mirror);
    Path file = new MirrorLayout(mirror).lockFile();
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String pid = Files.readString(file, StandardCharsets.UTF_8).trim();
      ch.close();
      throw new Held(file, pid.isEmpty() ? "unknown" : pid);
    }
    ch.truncate(0);
    ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    ch.force(false);
    return new MirrorLock(ch, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }

  /**
   * The PID of the run holding the lock on {@code mirror} ("unknown" when it wrote none), empty when
   * the lock is free. Tries the lock and releases it at once; creates nothing.
   */
  public static java.util.Optional<String> holder(Path mirror) throws IOException {
    Path file = new MirrorLayout(mirror).lockFile();
    if (!Files.exists(file)) return java.util.Optional.empty();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock probe;
      try {
        probe = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        probe = null; // held by this JVM
      }
      if (probe != null) {
        probe.release();
        return java.util.Optional.empty();
      }
      ByteBuffer buf = ByteBuffer.allocate(64);
      ch.read(buf, 0);
      String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
      return java.util.Optional.of(pid.isEmpty() ? "unknown" : pid);
    } catch (java.nio.file.NoSuchFileException e) {
      return java.util.Optional.empty(); // removed since: nobody holds it
    }
  }
}
