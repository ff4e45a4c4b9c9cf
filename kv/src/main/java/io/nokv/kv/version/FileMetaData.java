package io.nokv.kv.version;

import io.nokv.kv.format.InternalKey;
import java.util.Arrays;

/**
 * What the manifest records about one SSTable: its number and size, its key range (internal
 * keys), the range of sequence numbers in it, and the value-log segments its pointers reference
 * (so a segment is known to be unreferenced once no live table lists it).
 */
public record FileMetaData(
    long number,
    long fileSize,
    byte[] smallest,
    byte[] largest,
    long smallestSeq,
    long largestSeq,
    long numEntries,
    long[] valueLogRefs) {

  /** True if the user-key range [smallest, largest] of this file intersects [from, to] (null = unbounded). */
  public boolean overlapsUserRange(byte[] from, byte[] to) {
    if (from != null && InternalKey.compareUserKey(largest, from) < 0) {
      return false;
    }
    return to == null || InternalKey.compareUserKey(smallest, to) <= 0;
  }

  /** True if the user-key range of this file intersects the half-open range [from, toExclusive). */
  public boolean overlapsHalfOpen(byte[] from, byte[] toExclusive) {
    return InternalKey.compareUserKey(largest, from) >= 0 && InternalKey.compareUserKey(smallest, toExclusive) < 0;
  }

  @Override
  public String toString() {
    return "#" + number + "[" + InternalKey.describe(smallest) + " .. " + InternalKey.describe(largest)
        + ", " + fileSize + " bytes, seq " + smallestSeq + ".." + largestSeq + ", vlog " + Arrays.toString(valueLogRefs) + "]";
  }
}
