package io.nokv.kv.iterator;

import io.nokv.kv.format.Bytes;

/**
 * A range deletion: every entry whose user key is in [{@code start}, {@code end}) and whose
 * sequence is below {@code seq} is deleted for readers at a sequence >= {@code seq}. Range
 * tombstones are not part of the sorted entry stream; memtables and the manifest keep them in
 * lists, and readers apply them through a {@link RangeTombstoneSet}.
 *
 * <p>The arrays are owned by the tombstone once built and must not be modified. Equality is by
 * identity of the arrays (a plain record), so compare fields with {@link Bytes} when needed.
 */
public record RangeTombstone(byte[] start, byte[] end, long seq) {
  public RangeTombstone {
    if (start == null || end == null) {
      throw new IllegalArgumentException("range tombstone bounds must not be null");
    }
    if (Bytes.compare(start, end) >= 0) {
      throw new IllegalArgumentException(
          "range tombstone start must sort before its end: [" + Bytes.toDebugString(start) + ", "
              + Bytes.toDebugString(end) + ")");
    }
    if (seq < 0) {
      throw new IllegalArgumentException("range tombstone sequence must not be negative: " + seq);
    }
  }

  /** Whether this tombstone covers {@code userKey} (ignoring sequences). */
  public boolean covers(byte[] userKey) {
    return Bytes.compare(start, userKey) <= 0 && Bytes.compare(userKey, end) < 0;
  }

  @Override
  public String toString() {
    return "[" + Bytes.toDebugString(start) + ", " + Bytes.toDebugString(end) + ")@" + seq;
  }
}
