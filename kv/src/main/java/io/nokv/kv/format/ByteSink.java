package io.nokv.kv.format;

import java.util.Arrays;

/** A growable byte buffer for building records and blocks (no synchronisation). */
public final class ByteSink {
  private byte[] buf;
  private int size;

  public ByteSink(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public ByteSink() {
    this(256);
  }

  private void ensure(int extra) {
    int need = size + extra;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }

  public ByteSink put(byte b) {
    ensure(1);
    buf[size++] = b;
    return this;
  }

  public ByteSink put(byte[] b) {
    return put(b, 0, b.length);
  }

  public ByteSink put(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
    return this;
  }

  public ByteSink putVarint(long v) {
    ensure(10);
    size = Coding.putVarint(buf, size, v);
    return this;
  }

  public ByteSink putInt(int v) {
    ensure(4);
    Coding.putInt(buf, size, v);
    size += 4;
    return this;
  }

  public ByteSink putLong(long v) {
    ensure(8);
    Coding.putLong(buf, size, v);
    size += 8;
    return this;
  }

  /** Length-prefixed bytes (varint length, then the bytes). */
  public ByteSink putLengthPrefixed(byte[] b) {
    putVarint(b.length);
    return put(b);
  }

  public void setInt(int off, int v) {
    Coding.putInt(buf, off, v);
  }

  public int size() {
    return size;
  }

  public void reset() {
    size = 0;
  }

  public void truncate(int newSize) {
    size = newSize;
  }

  /** The backing array; valid up to {@link #size()}. */
  public byte[] array() {
    return buf;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
