package io.nokv.kv;

/**
 * A consistent point-in-time view: reads through {@link ReadOptions#setSnapshot} see exactly the
 * writes acknowledged before the snapshot was taken. While open it keeps the old versions it needs
 * from being compacted away; close it when done.
 */
public interface Snapshot extends AutoCloseable {
  /** The sequence number this snapshot reads at. */
  long sequence();

  @Override
  void close();
}
