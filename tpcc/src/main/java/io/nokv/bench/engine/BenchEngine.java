package io.nokv.bench.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One storage engine under benchmark, reduced to what YCSB needs: point read, put (insert and
 * update are both puts of a whole record), forward scan. Implementations are thread-safe once
 * open: all benchmark threads share one instance. Failures are {@link BenchEngineException}s.
 */
public interface BenchEngine extends AutoCloseable {
  /** The engine's name as the {@code --engine} option spells it. */
  String name();

  /** Opens (creating) a database in the empty directory {@code dir}. */
  void open(Path dir, BenchSettings settings);

  /** The value of {@code key}, or null when absent. */
  byte[] read(byte[] key);

  /** Writes {@code value} under {@code key}, with the settings' sync mode. */
  void put(byte[] key, byte[] value);

  /**
   * Visits up to {@code count} records in key order starting at the first key >= {@code
   * startKey}; returns how many were visited.
   */
  int scan(byte[] startKey, int count, BiConsumer<byte[], byte[]> sink);

  /** The engine-specific settings in effect (after open), for the report. */
  Map<String, Object> describe();

  /** The engine's own statistics report (multi-line), for {@code --stats}. */
  String statsReport();

  @Override
  void close();
}
