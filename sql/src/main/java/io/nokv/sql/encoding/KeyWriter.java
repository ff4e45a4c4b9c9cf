package io.nokv.sql.encoding;

import java.util.Arrays;

/**
 * A growable byte buffer that keys are built in: a table or index prefix ({@link TableKeys}), then
 * one {@link KeyCodec} encoding per column. Reuse one writer per scan or statement ({@link
 * #reset()}, or {@link #truncate(int)} back to a shared prefix): only {@link #toByteArray()}
 * allocates. Not thread-safe.
 */
public final class KeyWriter {
  byte[] buf;
  int len;

  public KeyWriter() {
    this(64);
  }

  public KeyWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** Bytes written so far. */
  public int length() {
    return len;
  }

  /** Forgets everything written; keeps the buffer. */
  public void reset() {
    len = 0;
  }

  /** Drops the bytes after the first {@code length} (to reuse a prefix). */
  public void truncate(int length) {
    if (length < 0 || length > len) {
      throw new IllegalArgumentException("cannot truncate " + len + " bytes to " + length);
    }
    len = length;
  }

  /** Appends bytes as they are (a prefix, or a key encoded elsewhere). */
  public KeyWriter writeRaw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    return this;
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  void ensure(int extra) {
    int need = len + extra;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }

  void put(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  /** Eight bytes, big-endian. */
  void putLong(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[len++] = (byte) (v >>> shift);
    }
  }
}
