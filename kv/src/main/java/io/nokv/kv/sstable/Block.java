package io.nokv.kv.sstable;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.format.Coding;

/**
 * A parsed, uncompressed block in the {@link BlockBuilder} format, ready to iterate: the bytes and
 * where the restart array starts. Immutable and shared between threads (it is what the {@link
 * io.nokv.kv.cache.BlockCache} holds), so a cache hit does no parsing. Each {@link #iterator()} is
 * a private cursor.
 *
 * <p>Remembers the file and the offset it came from so that damage found while iterating is
 * reported as a {@link CorruptionException} naming them.
 */
public final class Block {
  /** Bookkeeping bytes charged per cached block on top of its contents. */
  static final int OVERHEAD = 64;

  private final byte[] data;
  private final int restartsOffset;
  private final int numRestarts;
  private final String fileName;
  private final long fileOffset;

  private Block(
      byte[] data, int restartsOffset, int numRestarts, String fileName, long fileOffset) {
    this.data = data;
    this.restartsOffset = restartsOffset;
    this.numRestarts = numRestarts;
    this.fileName = fileName;
    this.fileOffset = fileOffset;
  }

  /**
   * Parses {@code data[0, length)} (the array is kept, not copied; bytes after {@code length} are
   * ignored).
   *
   * @param fileName file the block was read from, for error messages
   * @param fileOffset offset of the block's handle in that file, for error messages
   * @throws CorruptionException if the restart array does not fit
   */
  public static Block parse(byte[] data, int length, String fileName, long fileOffset) {
    if (length < 4) {
      throw new CorruptionException(
          fileName, fileOffset, "block of " + length + " bytes is too short");
    }
    int numRestarts = Coding.getInt(data, length - 4);
    long restartsBytes = 4L * numRestarts;
    if (numRestarts < 0 || restartsBytes > length - 4L) {
      throw new CorruptionException(
          fileName,
          fileOffset,
          "block restart count " + numRestarts + " does not fit its " + length + " bytes");
    }
    int restartsOffset = (int) (length - 4 - restartsBytes);
    if (numRestarts == 0 && restartsOffset != 0) {
      throw new CorruptionException(fileName, fileOffset, "block has entries but no restart point");
    }
    return new Block(data, restartsOffset, numRestarts, fileName, fileOffset);
  }

  public BlockIterator iterator() {
    return new BlockIterator(this);
  }

  /** Bytes this block is charged in the cache (contents plus bookkeeping). */
  public int weight() {
    return data.length + OVERHEAD;
  }

  byte[] data() {
    return data;
  }

  int restartsOffset() {
    return restartsOffset;
  }

  int numRestarts() {
    return numRestarts;
  }

  String fileName() {
    return fileName;
  }

  long fileOffset() {
    return fileOffset;
  }

  CorruptionException corruption(String detail) {
    return new CorruptionException(fileName, fileOffset, detail);
  }
}
