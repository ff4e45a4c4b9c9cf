package io.nokv.server.resp.command;

/**
 * Redis's reading of an index range {@code start..stop} over {@code size} elements (LRANGE,
 * LTRIM, ZRANGE, ZREMRANGEBYRANK): negative indexes count from the end, the start is clamped to
 * 0 and the stop to the last element; what is left is {@code count} elements from {@code first}.
 */
record IndexSlice(long first, long count) {
  static IndexSlice of(long start, long stop, long size) {
    if (start < 0) {
      start = size + start;
    }
    if (stop < 0) {
      stop = size + stop;
    }
    if (start < 0) {
      start = 0;
    }
    if (start > stop || start >= size) {
      return new IndexSlice(0, 0);
    }
    if (stop >= size) {
      stop = size - 1;
    }
    return new IndexSlice(start, stop - start + 1);
  }

  boolean isEmpty() {
    return count == 0;
  }
}
