package org.spiparchiver.export;

/** Progress of a long export, for a bar on a terminal. */
public interface Progress extends AutoCloseable {
  Progress NONE = new Progress() {
    @Override
    public void start(long total, String task) {}

    @Override
    public void step() {}

    @Override
    public void close() {}
  };

  void start(long total, String task);

  void step();

  @Override
  void close();
}
