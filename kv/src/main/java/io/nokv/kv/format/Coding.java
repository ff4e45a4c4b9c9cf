package io.nokv.kv.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Fixed-width little-endian integers and LEB128 varints, the building blocks of every on-disk
 * format. Decoders that can run past the end of their input throw
 * {@link ArrayIndexOutOfBoundsException}; callers turn that into a {@code CorruptionException}
 * naming the file.
 */
public final class Coding {
  private Coding() {}

  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  public static void putInt(byte[] b, int off, int v) {
    INT_LE.set(b, off, v);
  }

  public static int getInt(byte[] b, int off) {
    return (int) INT_LE.get(b, off);
  }

  public static void putLong(byte[] b, int off, long v) {
    LONG_LE.set(b, off, v);
  }

  public static long getLong(byte[] b, int off) {
    return (long) LONG_LE.get(b, off);
  }

  /** Bytes a varint of {@code v} takes (1..10). */
  public static int varintLength(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  /** Writes {@code v} as a varint at {@code off}; returns the offset after it. */
  public static int putVarint(byte[] b, int off, long v) {
    while ((v & ~0x7FL) != 0) {
      b[off++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[off++] = (byte) v;
    return off;
  }

  /**
   * Reads a varint at {@code pos[0]} and advances it. Throws {@link IllegalStateException} on an
   * overlong encoding.
   */
  public static long getVarint(byte[] b, int[] pos) {
    int p = pos[0];
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte x = b[p++];
      result |= (long) (x & 0x7F) << shift;
      if (x >= 0) {
        pos[0] = p;
        return result;
      }
    }
    throw new IllegalStateException("varint longer than 10 bytes");
  }

  /** Reads a varint that must fit an int (lengths, counts). */
  public static int getVarint32(byte[] b, int[] pos) {
    long v = getVarint(b, pos);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new IllegalStateException("varint " + v + " does not fit a length");
    }
    return (int) v;
  }
}
