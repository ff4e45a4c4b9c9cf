package io.nokv.kv.sstable;

import io.nokv.kv.format.ByteSink;
import io.nokv.kv.format.Coding;
import java.util.Arrays;

/**
 * Builds one block: sorted (key, value) entries with each key prefix-compressed against the
 * previous one, and a restart point (a key stored whole) every {@code restartInterval} entries so
 * that readers can binary-search and walk backwards. Data and index blocks share this format.
 *
 * <pre>
 *   block   := entry* restart* numRestarts
 *   entry   := varint shared        bytes shared with the previous key (0 at a restart point)
 *              varint unshared      bytes of key that follow
 *              varint valueLength
 *              byte[unshared]       key suffix
 *              byte[valueLength]    value
 *   restart := u32 LE               offset of a restart entry within the block
 *   numRestarts := u32 LE           at least 1 (an empty block has the single restart 0)
 * </pre>
 *
 * <p>Keys must be added in strictly increasing order; the caller (a {@link TableBuilder}) checks.
 * Not thread-safe; reusable after {@link #reset()}.
 */
public final class BlockBuilder {
  private final int restartInterval;
  private final ByteSink buffer;
  private int[] restarts = new int[32];
  private int numRestarts;
  private int counter;
  private int numEntries;
  private byte[] lastKey = new byte[64];
  private int lastKeyLength;
  private boolean finished;

  public BlockBuilder(int restartInterval, int initialCapacity) {
    if (restartInterval < 1) {
      throw new IllegalArgumentException(
          "restartInterval must be at least 1, got " + restartInterval);
    }
    this.restartInterval = restartInterval;
    this.buffer = new ByteSink(initialCapacity);
    reset();
  }

  /** Empties the builder for a new block. */
  public void reset() {
    buffer.reset();
    restarts[0] = 0;
    numRestarts = 1;
    counter = 0;
    numEntries = 0;
    lastKeyLength = 0;
    finished = false;
  }

  /** Appends an entry; {@code key} must sort after the previous key. */
  public void add(byte[] key, byte[] value) {
    add(key, value, 0, value.length);
  }

  public void add(byte[] key, byte[] value, int valueOff, int valueLen) {
    if (finished) {
      throw new IllegalStateException("block already finished");
    }
    int shared = 0;
    if (counter < restartInterval) {
      int max = Math.min(lastKeyLength, key.length);
      int mismatch = Arrays.mismatch(lastKey, 0, max, key, 0, max);
      shared = mismatch < 0 ? max : mismatch;
    } else {
      if (numRestarts == restarts.length) {
        restarts = Arrays.copyOf(restarts, numRestarts * 2);
      }
      restarts[numRestarts++] = buffer.size();
      counter = 0;
    }
    int unshared = key.length - shared;
    buffer.putVarint(shared).putVarint(unshared).putVarint(valueLen);
    buffer.put(key, shared, unshared).put(value, valueOff, valueLen);

    if (lastKey.length < key.length) {
      lastKey = Arrays.copyOf(lastKey, Math.max(key.length, lastKey.length * 2));
    }
    System.arraycopy(key, shared, lastKey, shared, unshared);
    lastKeyLength = key.length;
    counter++;
    numEntries++;
  }

  /** Size of the block if it were finished now. */
  public int currentSizeEstimate() {
    return buffer.size() + numRestarts * 4 + 4;
  }

  public boolean isEmpty() {
    return numEntries == 0;
  }

  public int numEntries() {
    return numEntries;
  }

  /**
   * Appends the restart array and returns the block contents: the backing array of the builder,
   * valid up to {@link #finishedLength()} and until the next {@link #reset()}.
   */
  public byte[] finish() {
    if (!finished) {
      for (int i = 0; i < numRestarts; i++) {
        buffer.putInt(restarts[i]);
      }
      buffer.putInt(numRestarts);
      finished = true;
    }
    return buffer.array();
  }

  /** Length of the finished block in {@link #finish()}'s array. */
  public int finishedLength() {
    if (!finished) {
      throw new IllegalStateException("block not finished");
    }
    return buffer.size();
  }

  /** A copy of the finished block, for tests and small blocks. */
  public byte[] finishToArray() {
    finish();
    return Arrays.copyOf(buffer.array(), buffer.size());
  }

  static int restartOffset(byte[] data, int restartsOffset, int index) {
    return Coding.getInt(data, restartsOffset + 4 * index);
  }
}
