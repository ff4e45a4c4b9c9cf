package io.nokv.kv;

import io.nokv.kv.fs.FileSystem;
import io.nokv.kv.fs.LocalFileSystem;

/**
 * Settings for {@link Db#open}. Defaults are durable and sized for a small server; docs/kv.md
 * explains each and how to tune it. Setters return {@code this}, as in RocksDB.
 */
public final class Options {
  private FileSystem fileSystem = LocalFileSystem.INSTANCE;
  private boolean createIfMissing = true;
  private boolean errorIfExists = false;

  private long writeBufferSize = 64L << 20;
  private int maxWriteBufferNumber = 2;

  private int blockSize = 4096;
  private int blockRestartInterval = 16;
  private int bloomBitsPerKey = 10;
  private Compression compression = Compression.NONE;
  private long blockCacheSize = 64L << 20;

  private int level0FileNumCompactionTrigger = 4;
  private int level0SlowdownWritesTrigger = 20;
  private int level0StopWritesTrigger = 36;
  private long maxBytesForLevelBase = 256L << 20;
  private int maxBytesForLevelMultiplier = 10;
  private long targetFileSizeBase = 64L << 20;
  private boolean disableAutoCompactions = false;

  private int valueThreshold = 1024;
  private double valueLogGcDiscardRatio = 0.5;
  private boolean valueLogGcAutomatic = true;

  public FileSystem fileSystem() { return fileSystem; }
  public Options setFileSystem(FileSystem fs) { this.fileSystem = java.util.Objects.requireNonNull(fs, "fileSystem"); return this; }

  public boolean createIfMissing() { return createIfMissing; }
  public Options setCreateIfMissing(boolean v) { this.createIfMissing = v; return this; }

  public boolean errorIfExists() { return errorIfExists; }
  public Options setErrorIfExists(boolean v) { this.errorIfExists = v; return this; }

  /** Bytes a memtable may hold before it is switched and flushed (default 64 MiB). */
  public long writeBufferSize() { return writeBufferSize; }
  public Options setWriteBufferSize(long v) { this.writeBufferSize = atLeast("writeBufferSize", v, 64 << 10); return this; }

  /** Memtables (mutable plus immutable) before writers wait for a flush (default 2). */
  public int maxWriteBufferNumber() { return maxWriteBufferNumber; }
  public Options setMaxWriteBufferNumber(int v) { this.maxWriteBufferNumber = (int) atLeast("maxWriteBufferNumber", v, 2); return this; }

  /** Target uncompressed size of an SSTable data block (default 4 KiB). */
  public int blockSize() { return blockSize; }
  public Options setBlockSize(int v) { this.blockSize = (int) atLeast("blockSize", v, 256); return this; }

  public int blockRestartInterval() { return blockRestartInterval; }
  public Options setBlockRestartInterval(int v) { this.blockRestartInterval = (int) atLeast("blockRestartInterval", v, 1); return this; }

  /** Bloom filter bits per key (default 10, about 1% false positives); 0 disables filters. */
  public int bloomBitsPerKey() { return bloomBitsPerKey; }
  public Options setBloomBitsPerKey(int v) { this.bloomBitsPerKey = (int) atLeast("bloomBitsPerKey", v, 0); return this; }

  public Compression compression() { return compression; }
  public Options setCompression(Compression c) { this.compression = java.util.Objects.requireNonNull(c, "compression"); return this; }

  /** Block cache capacity in bytes (default 64 MiB); 0 disables the cache. */
  public long blockCacheSize() { return blockCacheSize; }
  public Options setBlockCacheSize(long v) { this.blockCacheSize = atLeast("blockCacheSize", v, 0); return this; }

  public int level0FileNumCompactionTrigger() { return level0FileNumCompactionTrigger; }
  public Options setLevel0FileNumCompactionTrigger(int v) { this.level0FileNumCompactionTrigger = (int) atLeast("level0FileNumCompactionTrigger", v, 1); return this; }

  public int level0SlowdownWritesTrigger() { return level0SlowdownWritesTrigger; }
  public Options setLevel0SlowdownWritesTrigger(int v) { this.level0SlowdownWritesTrigger = (int) atLeast("level0SlowdownWritesTrigger", v, 1); return this; }

  public int level0StopWritesTrigger() { return level0StopWritesTrigger; }
  public Options setLevel0StopWritesTrigger(int v) { this.level0StopWritesTrigger = (int) atLeast("level0StopWritesTrigger", v, 1); return this; }

  /** Target total size of L1 (default 256 MiB); each deeper level is {@link #maxBytesForLevelMultiplier()} times larger. */
  public long maxBytesForLevelBase() { return maxBytesForLevelBase; }
  public Options setMaxBytesForLevelBase(long v) { this.maxBytesForLevelBase = atLeast("maxBytesForLevelBase", v, 64 << 10); return this; }

  public int maxBytesForLevelMultiplier() { return maxBytesForLevelMultiplier; }
  public Options setMaxBytesForLevelMultiplier(int v) { this.maxBytesForLevelMultiplier = (int) atLeast("maxBytesForLevelMultiplier", v, 2); return this; }

  /** Target size of a compaction output file (default 64 MiB). */
  public long targetFileSizeBase() { return targetFileSizeBase; }
  public Options setTargetFileSizeBase(long v) { this.targetFileSizeBase = atLeast("targetFileSizeBase", v, 16 << 10); return this; }

  /** Turns background compactions off (manual {@link Db#compactRange} still works). */
  public boolean disableAutoCompactions() { return disableAutoCompactions; }
  public Options setDisableAutoCompactions(boolean v) { this.disableAutoCompactions = v; return this; }

  /** Values of at least this many bytes go to the value log (default 1024); values below stay in the LSM tree. */
  public int valueThreshold() { return valueThreshold; }
  public Options setValueThreshold(int v) { this.valueThreshold = (int) atLeast("valueThreshold", v, 1); return this; }

  /** A value-log segment is rewritten once this fraction of it is garbage (default 0.5). */
  public double valueLogGcDiscardRatio() { return valueLogGcDiscardRatio; }
  public Options setValueLogGcDiscardRatio(double v) {
    if (!(v > 0 && v <= 1)) {
      throw new IllegalArgumentException("valueLogGcDiscardRatio must be in (0, 1], got " + v);
    }
    this.valueLogGcDiscardRatio = v;
    return this;
  }

  /** Whether the compaction thread runs value-log GC by itself when a segment passes the ratio (default true). */
  public boolean valueLogGcAutomatic() { return valueLogGcAutomatic; }
  public Options setValueLogGcAutomatic(boolean v) { this.valueLogGcAutomatic = v; return this; }

  private static long atLeast(String name, long v, long min) {
    if (v < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", got " + v);
    }
    return v;
  }

  @Override
  public String toString() {
    return "Options{writeBufferSize=" + writeBufferSize + ", maxWriteBufferNumber=" + maxWriteBufferNumber
        + ", blockSize=" + blockSize + ", bloomBitsPerKey=" + bloomBitsPerKey + ", compression=" + compression
        + ", blockCacheSize=" + blockCacheSize + ", l0Trigger=" + level0FileNumCompactionTrigger
        + ", l0Slowdown=" + level0SlowdownWritesTrigger + ", l0Stop=" + level0StopWritesTrigger
        + ", maxBytesForLevelBase=" + maxBytesForLevelBase + ", targetFileSizeBase=" + targetFileSizeBase
        + ", valueThreshold=" + valueThreshold + ", valueLogGcDiscardRatio=" + valueLogGcDiscardRatio + "}";
  }
}
