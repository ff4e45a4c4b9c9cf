package io.nokv.kv.sstable;

import io.nokv.kv.format.InternalKey;
import io.nokv.kv.iterator.InternalIterator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A cursor over one {@link Block} whose keys are internal keys. Seeks binary-search the restart
 * points (whose keys are stored whole, so they are compared in place) and then scan forward; {@link
 * #prev()} steps back to the restart point before the current entry and scans forward to the entry
 * just before it, as LevelDB does.
 *
 * <p>The current key is rebuilt in a private buffer while scanning; {@link #key()} and {@link
 * #value()} copy it out once per position (the arrays are the caller's to keep). Damage in the
 * block is reported as a {@link io.nokv.kv.CorruptionException} naming the file and block offset.
 * Not thread-safe.
 */
public final class BlockIterator implements InternalIterator {
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final Block block;
  private final byte[] data;
  private final int restartsOffset;
  private final int numRestarts;

  /** Offset of the current entry; {@code restartsOffset} when not valid. */
  private int current;

  /** Offset just after the current entry. */
  private int nextOffset;

  /** Index of the restart point at or before {@link #current}. */
  private int restartIndex;

  /** Decoding position of {@link #varint()}. */
  private int cursor;

  private byte[] keyBuf = new byte[64];
  private int keyLen;
  private int valueOff;
  private int valueLen;
  private byte[] keyCopy;
  private byte[] valueCopy;

  BlockIterator(Block block) {
    this.block = block;
    this.data = block.data();
    this.restartsOffset = block.restartsOffset();
    this.numRestarts = block.numRestarts();
    markInvalid();
  }

  @Override
  public boolean isValid() {
    return current < restartsOffset;
  }

  @Override
  public void seekToFirst() {
    if (numRestarts == 0) {
      markInvalid();
      return;
    }
    seekToRestart(0);
    parseNextEntry();
  }

  @Override
  public void seekToLast() {
    if (numRestarts == 0) {
      markInvalid();
      return;
    }
    seekToRestart(numRestarts - 1);
    while (parseNextEntry() && nextOffset < restartsOffset) {
      // keep going to the last entry
    }
  }

  @Override
  public void seek(byte[] target) {
    if (target.length < InternalKey.TRAILER_SIZE) {
      throw new IllegalArgumentException(
          "seek target is not an internal key (" + target.length + " bytes)");
    }
    if (numRestarts == 0) {
      markInvalid();
      return;
    }
    // Last restart point whose key is < target; the answer is at or after it.
    int left = 0;
    int right = numRestarts - 1;
    while (left < right) {
      int mid = (left + right + 1) >>> 1;
      cursor = restartPoint(mid);
      int shared = varint();
      int unshared = varint();
      varint(); // value length
      if (shared != 0
          || unshared < InternalKey.TRAILER_SIZE
          || cursor + unshared > restartsOffset) {
        throw block.corruption("bad restart entry at block offset " + restartPoint(mid));
      }
      if (compare(data, cursor, unshared, target) < 0) {
        left = mid;
      } else {
        right = mid - 1;
      }
    }
    seekToRestart(left);
    while (parseNextEntry()) {
      if (compare(keyBuf, 0, keyLen, target) >= 0) {
        return;
      }
    }
  }

  @Override
  public void next() {
    checkValid();
    parseNextEntry();
  }

  @Override
  public void prev() {
    checkValid();
    int original = current;
    while (restartPoint(restartIndex) >= original) {
      if (restartIndex == 0) {
        markInvalid();
        return;
      }
      restartIndex--;
    }
    seekToRestart(restartIndex);
    while (parseNextEntry() && nextOffset < original) {
      // scan to the entry ending where the original one starts
    }
  }

  @Override
  public byte[] key() {
    checkValid();
    if (keyCopy == null) {
      keyCopy = Arrays.copyOf(keyBuf, keyLen);
    }
    return keyCopy;
  }

  @Override
  public byte[] value() {
    checkValid();
    if (valueCopy == null) {
      valueCopy = Arrays.copyOfRange(data, valueOff, valueOff + valueLen);
    }
    return valueCopy;
  }

  /** Whether the current key's user key equals that of {@code internalKey}, without copying. */
  boolean currentUserKeyEquals(byte[] internalKey) {
    int n = internalKey.length - InternalKey.TRAILER_SIZE;
    return Arrays.equals(keyBuf, 0, keyLen - InternalKey.TRAILER_SIZE, internalKey, 0, n);
  }

  /** The current value decoded as a {@link BlockHandle} (index blocks), without copying it. */
  BlockHandle valueAsBlockHandle() {
    checkValid();
    int end = valueOff + valueLen;
    cursor = valueOff;
    long offset = varint64(end);
    long size = varint64(end);
    if (cursor != end) {
      throw block.corruption("bad block handle in index entry at block offset " + current);
    }
    return new BlockHandle(offset, size);
  }

  @Override
  public void close() {
    markInvalid();
  }

  private void checkValid() {
    if (current >= restartsOffset) {
      throw new IllegalStateException("iterator is not positioned on an entry");
    }
  }

  private void markInvalid() {
    current = restartsOffset;
    nextOffset = restartsOffset;
    restartIndex = Math.max(0, numRestarts - 1);
    keyLen = 0;
    keyCopy = null;
    valueCopy = null;
  }

  private int restartPoint(int index) {
    int p = BlockBuilder.restartOffset(data, restartsOffset, index);
    if (p < 0 || p > restartsOffset) {
      throw block.corruption("restart point " + index + " = " + p + " is outside the block");
    }
    return p;
  }

  private void seekToRestart(int index) {
    restartIndex = index;
    keyLen = 0;
    nextOffset = restartPoint(index);
  }

  /** Decodes the entry at {@link #nextOffset}; false (and invalid) at the end of the block. */
  private boolean parseNextEntry() {
    current = nextOffset;
    keyCopy = null;
    valueCopy = null;
    if (current >= restartsOffset) {
      markInvalid();
      return false;
    }
    cursor = current;
    int shared = varint();
    int unshared = varint();
    int vlen = varint();
    int keyLength = shared + unshared;
    if (shared > keyLen
        || keyLength < InternalKey.TRAILER_SIZE
        || (long) cursor + unshared + vlen > restartsOffset) {
      throw block.corruption("bad entry at block offset " + current);
    }
    if (keyBuf.length < keyLength) {
      keyBuf = Arrays.copyOf(keyBuf, Math.max(keyLength, keyBuf.length * 2));
    }
    System.arraycopy(data, cursor, keyBuf, shared, unshared);
    keyLen = keyLength;
    valueOff = cursor + unshared;
    valueLen = vlen;
    nextOffset = valueOff + vlen;
    while (restartIndex + 1 < numRestarts && restartPoint(restartIndex + 1) <= current) {
      restartIndex++;
    }
    return true;
  }

  /** A varint32 at {@link #cursor}, which it advances; must end before the restart array. */
  private int varint() {
    int p = cursor;
    int result = 0;
    for (int shift = 0; shift <= 28; shift += 7) {
      if (p >= restartsOffset) {
        break;
      }
      byte b = data[p++];
      result |= (b & 0x7F) << shift;
      if (b >= 0) {
        if (result < 0) {
          break;
        }
        cursor = p;
        return result;
      }
    }
    throw block.corruption("bad varint at block offset " + cursor);
  }

  /** A varint64 at {@link #cursor} that must end before {@code end}. */
  private long varint64(int end) {
    int p = cursor;
    long result = 0;
    for (int shift = 0; shift <= 63 && p < end; shift += 7) {
      byte b = data[p++];
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        cursor = p;
        return result;
      }
    }
    throw block.corruption("bad varint at block offset " + cursor);
  }

  /** Internal-key order (see {@link InternalKey}) of a key slice against a whole key. */
  static int compare(byte[] a, int aOff, int aLen, byte[] b) {
    int aUser = aLen - InternalKey.TRAILER_SIZE;
    int bUser = b.length - InternalKey.TRAILER_SIZE;
    int c = Arrays.compareUnsigned(a, aOff, aOff + aUser, b, 0, bUser);
    if (c != 0) {
      return c;
    }
    long ta = (long) LONG_BE.get(a, aOff + aUser);
    long tb = (long) LONG_BE.get(b, bUser);
    return Long.compareUnsigned(tb, ta);
  }
}
