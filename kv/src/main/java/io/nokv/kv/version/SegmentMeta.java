package io.nokv.kv.version;

/**
 * What the manifest records about one value-log segment: its size, the bytes of entries written to
 * it, and the bytes of those entries known to be garbage (their pointers were dropped by
 * compaction). {@code garbageBytes / entryBytes} is the discard ratio GC picks by.
 */
public record SegmentMeta(long number, long fileSize, long entryBytes, long garbageBytes) {
  public double discardRatio() {
    return entryBytes == 0 ? 1.0 : (double) garbageBytes / entryBytes;
  }

  SegmentMeta addGarbage(long bytes) {
    return new SegmentMeta(number, fileSize, entryBytes, Math.min(entryBytes, garbageBytes + bytes));
  }
}
