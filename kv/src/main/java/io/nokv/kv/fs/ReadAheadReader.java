package io.nokv.kv.fs;

import java.io.EOFException;
import java.io.IOException;

/**
 * Reads mostly-forward ranges of a {@link ReadableFile} through one read-ahead window, so that
 * scanning a log of small records costs one positional read per window rather than one per record.
 * Reads at least half a window long bypass it. Used by the WAL reader and value-log iteration. Not
 * thread-safe; does not own the file.
 */
public final class ReadAheadReader {
  private final ReadableFile file;
  private final long limit;
  private final byte[] window;
  private long windowStart;
  private int windowLength;

  /** Reads are allowed in {@code [0, limit)}; {@code limit} is usually the file's size. */
  public ReadAheadReader(ReadableFile file, long limit, int windowSize) {
    this.file = file;
    this.limit = limit;
    this.window = new byte[windowSize];
  }

  public long limit() {
    return limit;
  }

  /** Reads exactly {@code len} bytes at {@code position}; {@link EOFException} past the limit. */
  public void readFully(long position, byte[] dst, int off, int len) throws IOException {
    if (position < 0 || len < 0 || position > limit - len) {
      throw new EOFException(
          "read of " + len + " bytes at " + position + " passes the end (" + limit + ")");
    }
    if (position >= windowStart && position + len <= windowStart + windowLength) {
      System.arraycopy(window, (int) (position - windowStart), dst, off, len);
      return;
    }
    if (len >= window.length / 2) {
      file.readFully(position, dst, off, len);
      return;
    }
    windowStart = position;
    windowLength = (int) Math.min(window.length, limit - position);
    file.readFully(position, window, 0, windowLength);
    System.arraycopy(window, 0, dst, off, len);
  }
}
