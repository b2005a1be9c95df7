package org.spiparchiver.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorLockTest {
  @TempDir Path mirror;

  @SuppressWarnings("try") // the resource is held for the block, not used in it
  @Test
  void secondHolderIsRefusedWithThePidOfTheFirst() throws Exception {
    try (MirrorLock first = MirrorLock.acquire(mirror)) {
      assertThat(Files.readString(mirror.resolve(".lock")).strip()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
      assertThatThrownBy(() -> MirrorLock.acquire(mirror)).isInstanceOf(MirrorLock.Held.class)
          .hasMessage("another run holds the lock on " + mirror + " (PID " + ProcessHandle.current().pid() + ")");
    }
  }

  @SuppressWarnings("try") // the resource is held for the block, not used in it
  @Test
  void isFreeAgainOnceReleased() throws Exception {
    MirrorLock.acquire(mirror).close();
    assertThat(MirrorLock.holder(mirror)).isEmpty();
    try (MirrorLock again = MirrorLock.acquire(mirror)) {
      String pid = Long.toString(ProcessHandle.current().pid());
      assertThat(Files.readString(mirror.resolve(".lock")).strip()).isEqualTo(pid);
      assertThat(MirrorLock.holder(mirror)).contains(pid);
      assertThatThrownBy(() -> MirrorLock.acquire(mirror)).isInstanceOf(MirrorLock.Held.class);
    }
  }
}
