package io.nokv.kv.fs;

import java.io.Closeable;
import java.io.IOException;

/**
 * An append-only file. Appends may be buffered in the process; {@link #flush()} hands them to the
 * operating system (they then survive a process crash), {@link #sync()} also forces them to the
 * device (they then survive a power cut).
 */
public interface WritableFile extends Closeable {
  void append(byte[] b, int off, int len) throws IOException;

  default void append(byte[] b) throws IOException {
    append(b, 0, b.length);
  }

  /** Hands buffered bytes to the operating system. */
  void flush() throws IOException;

  /** {@link #flush()}, then fsync the file's data. */
  void sync() throws IOException;

  /** Bytes appended so far (buffered or not). */
  long size();

  /** Flushes (without syncing) and closes. */
  @Override
  void close() throws IOException;
}
