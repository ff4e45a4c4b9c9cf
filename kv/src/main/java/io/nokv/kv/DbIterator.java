package io.nokv.kv;

/**
 * A cursor over the user's keys in unsigned-byte order, shaped like RocksDB's {@code RocksIterator}.
 * It reads a consistent view (its {@link ReadOptions} snapshot, or the state when it was created),
 * honours the read options' bounds, and pins the files it reads until closed. Not thread-safe.
 */
public interface DbIterator extends AutoCloseable {
  boolean isValid();

  void seekToFirst();

  void seekToLast();

  /** Positions at the first key >= {@code target}. */
  void seek(byte[] target);

  /** Positions at the last key <= {@code target}. */
  void seekForPrev(byte[] target);

  void next();

  void prev();

  /** The current key (a fresh copy the caller may keep). */
  byte[] key();

  /** The current value (a fresh copy the caller may keep). */
  byte[] value();

  @Override
  void close();
}
