package io.nokv.kv.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Internal keys: {@code userKey || trailer}, the trailer being 8 bytes big-endian of
 * {@code (sequence << 8) | type}. Ordered by user key (unsigned bytes, ascending), then trailer
 * (unsigned, descending), so the newest version of a key comes first. Sequence numbers use 56
 * bits.
 */
public final class InternalKey {
  private InternalKey() {}

  public static final int TRAILER_SIZE = 8;
  public static final long MAX_SEQUENCE = (1L << 56) - 1;

  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  public static byte[] encode(byte[] userKey, long sequence, byte type) {
    byte[] out = Arrays.copyOf(userKey, userKey.length + TRAILER_SIZE);
    LONG_BE.set(out, userKey.length, (sequence << 8) | (type & 0xFF));
    return out;
  }

  public static byte[] encode(byte[] buf, int off, int len, long sequence, byte type) {
    byte[] out = new byte[len + TRAILER_SIZE];
    System.arraycopy(buf, off, out, 0, len);
    LONG_BE.set(out, len, (sequence << 8) | (type & 0xFF));
    return out;
  }

  /** The seek target for reading {@code userKey} as of {@code sequence}. */
  public static byte[] forSeek(byte[] userKey, long sequence) {
    return encode(userKey, sequence, ValueType.FOR_SEEK);
  }

  public static long trailer(byte[] internalKey) {
    return (long) LONG_BE.get(internalKey, internalKey.length - TRAILER_SIZE);
  }

  public static long sequence(byte[] internalKey) {
    return trailer(internalKey) >>> 8;
  }

  public static byte type(byte[] internalKey) {
    return internalKey[internalKey.length - 1];
  }

  public static int userKeyLength(byte[] internalKey) {
    return internalKey.length - TRAILER_SIZE;
  }

  public static byte[] userKey(byte[] internalKey) {
    return Arrays.copyOf(internalKey, internalKey.length - TRAILER_SIZE);
  }

  /** Compares the user-key parts of two internal keys. */
  public static int compareUserKeys(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, 0, a.length - TRAILER_SIZE, b, 0, b.length - TRAILER_SIZE);
  }

  /** Compares the user-key part of {@code internalKey} with a plain user key. */
  public static int compareUserKey(byte[] internalKey, byte[] userKey) {
    return Arrays.compareUnsigned(internalKey, 0, internalKey.length - TRAILER_SIZE, userKey, 0, userKey.length);
  }

  /** The internal-key order described in the class comment. */
  public static int compare(byte[] a, byte[] b) {
    int c = Arrays.compareUnsigned(a, 0, a.length - TRAILER_SIZE, b, 0, b.length - TRAILER_SIZE);
    if (c != 0) {
      return c;
    }
    return Long.compareUnsigned(trailer(b), trailer(a));
  }

  public static final java.util.Comparator<byte[]> COMPARATOR = InternalKey::compare;

  public static String describe(byte[] internalKey) {
    if (internalKey == null || internalKey.length < TRAILER_SIZE) {
      return String.valueOf(Bytes.toDebugString(internalKey));
    }
    return Bytes.toDebugString(userKey(internalKey)) + "@" + sequence(internalKey) + "/" + type(internalKey);
  }
}
