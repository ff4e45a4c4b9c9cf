package io.nokv.bench.engine;

import io.nokv.kv.Compression;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine settings a benchmark applies to every engine alike, so that NoKV and RocksDB are
 * configured comparably. The LSM shape (L0 triggers, level sizes, file size) is fixed to the
 * values both engines use by default, and set explicitly on both so a default changing in one of
 * them cannot skew a comparison.
 *
 * @param cacheSizeBytes block cache capacity (NoKV: Caffeine; RocksDB: LRUCache)
 * @param bloomBitsPerKey bloom filter bits per key; 0 disables filters
 * @param compression SSTable block compression
 * @param sync whether every write waits for an fsync of the WAL
 * @param blockSize target uncompressed data block size
 * @param writeBufferSize memtable size before it is switched and flushed
 * @param maxWriteBufferNumber memtables (mutable plus immutable) before writers wait
 * @param valueThreshold NoKV only: values of at least this many bytes go to the value log
 */
public record BenchSettings(
    long cacheSizeBytes,
    int bloomBitsPerKey,
    Compression compression,
    boolean sync,
    int blockSize,
    long writeBufferSize,
    int maxWriteBufferNumber,
    int valueThreshold) {

  public static final int L0_COMPACTION_TRIGGER = 4;
  public static final int L0_SLOWDOWN_TRIGGER = 20;
  public static final int L0_STOP_TRIGGER = 36;
  public static final long MAX_BYTES_FOR_LEVEL_BASE = 256L << 20;
  public static final int LEVEL_SIZE_MULTIPLIER = 10;
  public static final long TARGET_FILE_SIZE_BASE = 64L << 20;

  public static final int DEFAULT_BLOCK_SIZE = 4096;
  public static final long DEFAULT_WRITE_BUFFER_SIZE = 64L << 20;
  public static final int DEFAULT_MAX_WRITE_BUFFER_NUMBER = 2;

  /** The shared settings, in the order they are printed and written to JSON. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cache_size_bytes", cacheSizeBytes);
    m.put("bloom_bits_per_key", bloomBitsPerKey);
    m.put("compression", compression.name().toLowerCase(java.util.Locale.ROOT));
    m.put("sync", sync);
    m.put("wal", true);
    m.put("block_size_bytes", blockSize);
    m.put("write_buffer_size_bytes", writeBufferSize);
    m.put("max_write_buffer_number", maxWriteBufferNumber);
    m.put("compaction", "leveled");
    m.put("l0_compaction_trigger", L0_COMPACTION_TRIGGER);
    m.put("l0_slowdown_trigger", L0_SLOWDOWN_TRIGGER);
    m.put("l0_stop_trigger", L0_STOP_TRIGGER);
    m.put("max_bytes_for_level_base", MAX_BYTES_FOR_LEVEL_BASE);
    m.put("level_size_multiplier", LEVEL_SIZE_MULTIPLIER);
    m.put("target_file_size_base", TARGET_FILE_SIZE_BASE);
    m.put("nokv_value_threshold_bytes", valueThreshold);
    return m;
  }
}
