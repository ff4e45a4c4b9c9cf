package io.nokv.kv.sstable;

import io.nokv.kv.Compression;
import io.nokv.kv.Options;
import java.util.Objects;

/**
 * How a {@link TableBuilder} lays out a table.
 *
 * @param blockSize target uncompressed size of a data block in bytes (a block is cut once it
 *     reaches this size, so blocks can be larger by up to one entry)
 * @param restartInterval entries between restart points in data blocks
 * @param bloomBitsPerKey bloom filter bits per user key; 0 writes no filter
 * @param compression compression tried on data and index blocks
 */
public record TableOptions(
    int blockSize, int restartInterval, int bloomBitsPerKey, Compression compression) {
  public static final TableOptions DEFAULT = new TableOptions(4096, 16, 10, Compression.NONE);

  public TableOptions {
    if (blockSize < 1) {
      throw new IllegalArgumentException("blockSize must be at least 1, got " + blockSize);
    }
    if (restartInterval < 1) {
      throw new IllegalArgumentException(
          "restartInterval must be at least 1, got " + restartInterval);
    }
    if (bloomBitsPerKey < 0) {
      throw new IllegalArgumentException(
          "bloomBitsPerKey must be at least 0, got " + bloomBitsPerKey);
    }
    Objects.requireNonNull(compression, "compression");
  }

  public static TableOptions from(Options options) {
    return new TableOptions(
        options.blockSize(),
        options.blockRestartInterval(),
        options.bloomBitsPerKey(),
        options.compression());
  }

  public TableOptions withCompression(Compression c) {
    return new TableOptions(blockSize, restartInterval, bloomBitsPerKey, c);
  }

  public TableOptions withBloomBitsPerKey(int bits) {
    return new TableOptions(blockSize, restartInterval, bits, compression);
  }

  public TableOptions withBlockSize(int size) {
    return new TableOptions(size, restartInterval, bloomBitsPerKey, compression);
  }

  public TableOptions withRestartInterval(int interval) {
    return new TableOptions(blockSize, interval, bloomBitsPerKey, compression);
  }
}
