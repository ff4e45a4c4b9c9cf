package io.nokv.kv;

import io.nokv.kv.engine.DbImpl;
import java.nio.file.Path;

/**
 * An embedded, durable, ordered key-value store: an LSM tree with WiscKey value separation.
 * Shaped like RocksDB's Java API so that a RocksDB user can switch. All methods are thread-safe.
 *
 * <pre>{@code
 * try (Db db = Db.open(Path.of("data"), new Options())) {
 *   db.put(key, value);            // durable when it returns
 *   byte[] v = db.get(key);        // null when absent
 * }
 * }</pre>
 *
 * Bad arguments raise {@link IllegalArgumentException} naming the limit (see {@link Limits}); I/O
 * and corruption raise {@link KvIOException} and {@link CorruptionException} naming the file.
 */
public interface Db extends AutoCloseable {
  /** Opens (by default creating) the database in {@code dir}. Only one opener at a time. */
  static Db open(Path dir, Options options) {
    return DbImpl.open(dir, options);
  }

  static Db open(Path dir) {
    return open(dir, new Options());
  }

  /** The value of {@code key}, or null when absent. */
  byte[] get(byte[] key);

  byte[] get(ReadOptions options, byte[] key);

  /** Durable put (sync, WAL on). */
  void put(byte[] key, byte[] value);

  void put(WriteOptions options, byte[] key, byte[] value);

  /** Durable delete. Deleting an absent key is not an error. */
  void delete(byte[] key);

  void delete(WriteOptions options, byte[] key);

  /** Deletes every key in [from, to), durably. */
  void deleteRange(byte[] from, byte[] to);

  void deleteRange(WriteOptions options, byte[] from, byte[] to);

  /** Applies {@code batch} atomically. */
  void write(WriteOptions options, WriteBatch batch);

  /** The same as {@link #write(WriteOptions, WriteBatch)}, with the arguments the other way round. */
  default void write(WriteBatch batch, WriteOptions options) {
    write(options, batch);
  }

  /** Applies {@code batch} atomically and durably. */
  default void write(WriteBatch batch) {
    write(WriteOptions.DEFAULT, batch);
  }

  /** A consistent view of the current state; close it when done. */
  Snapshot snapshot();

  DbIterator newIterator(ReadOptions options);

  default DbIterator newIterator() {
    return newIterator(new ReadOptions());
  }

  /** Flushes the memtables to SSTables and waits for it. */
  void flush();

  /** Compacts all levels overlapping [from, to] down to the bottom; null bounds mean unbounded. */
  void compactRange(byte[] from, byte[] to);

  default void compactRange() {
    compactRange(null, null);
  }

  /**
   * Writes a consistent, openable copy of the database into {@code dir} (which must not exist),
   * hard-linking immutable files where the file system allows.
   */
  void checkpoint(Path dir);

  /**
   * Writes the live keys in [from, to) (null bounds mean unbounded) with their current values to a
   * standalone SSTable at {@code sstFile}; returns the number of entries written.
   */
  long exportRange(byte[] from, byte[] to, Path sstFile);

  /**
   * Ingests an SSTable written by {@link #exportRange}: its entries become visible atomically, as
   * newer than everything already in the database.
   */
  void ingest(Path sstFile);

  /**
   * Runs one value-log garbage collection pass now: rewrites the live values of every segment whose
   * discard ratio is at least {@code discardRatio}. Returns the number of segments collected.
   */
  int runValueLogGc(double discardRatio);

  /** A snapshot of the engine's counters and shape. */
  DbStats stats();

  /** The sequence number of the newest acknowledged write. */
  long latestSequence();

  @Override
  void close();
}
