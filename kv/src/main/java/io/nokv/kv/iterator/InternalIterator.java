package io.nokv.kv.iterator;

/**
 * A cursor over internal entries (internal key, raw value) in internal-key order (see
 * {@link io.nokv.kv.format.InternalKey}). Memtables, blocks, SSTables, levels and merges all
 * implement it; {@code DbIterator} turns one into the user's view.
 *
 * <p>{@link #key()} and {@link #value()} may only be called while {@link #isValid()}; the returned
 * arrays must not be modified, and stay valid after the cursor moves. Not thread-safe.
 * Errors (corruption, I/O) are thrown as {@link io.nokv.kv.KvException}s from the moving methods.
 */
public interface InternalIterator extends AutoCloseable {
  boolean isValid();

  void seekToFirst();

  void seekToLast();

  /** Positions at the first entry whose internal key is >= {@code internalKey}. */
  void seek(byte[] internalKey);

  void next();

  void prev();

  byte[] key();

  byte[] value();

  @Override
  void close();
}
