package io.nokv.kv.fs;

import java.io.Closeable;
import java.io.IOException;

/** Positional reads on an immutable (or append-only) file. Safe for concurrent readers. */
public interface ReadableFile extends Closeable {
  /**
   * Reads exactly {@code len} bytes at {@code position}; throws {@link java.io.EOFException} if the
   * file ends first.
   */
  void readFully(long position, byte[] dst, int off, int len) throws IOException;

  default byte[] readFully(long position, int len) throws IOException {
    byte[] b = new byte[len];
    readFully(position, b, 0, len);
    return b;
  }

  long size() throws IOException;
}
