package io.nokv.txn.mvcc;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Where the transaction layer keeps its state in the engine's single ordered keyspace.
 *
 * <p>Each space is told apart by its first byte:
 *
 * <pre>
 *   'd' enc(key) ~start_ts(8, big-endian)   -> value      (data: values longer than the short limit)
 *   'l' enc(key)                            -> Lock       (one lock per key at most)
 *   'm' name                                -> store metadata (TSO window, GC safe point)
 *   'r' key                                 -> raw value  (the non-transactional client)
 *   'w' enc(key) ~commit_ts(8, big-endian)  -> Write      (commit, rollback and lock records)
 * </pre>
 *
 * <p>{@code enc} is an order-preserving, prefix-free escape: each 0x00 byte becomes 0x00 0xFF and the
 * key ends with 0x00 0x01. Without it, the versions of "a" would sort among those of "a\0..." and
 * a scan could not tell where one key's versions end. Timestamps are stored inverted (bitwise NOT,
 * big-endian) so that a key's newest version sorts first and a seek to {@code enc(key) ~ts} lands on
 * the newest version at or below {@code ts}.
 */
public final class MvccKeys {
  private MvccKeys() {}

  public static final byte DATA = 'd';
  public static final byte LOCK = 'l';
  public static final byte META = 'm';
  public static final byte RAW = 'r';
  public static final byte WRITE = 'w';

  /** The length of the inverted timestamp suffix. */
  public static final int TS_LENGTH = 8;

  public static byte[] lockKey(byte[] key) {
    return prefixed(LOCK, key, 0);
  }

  public static byte[] writeKey(byte[] key, long commitTs) {
    byte[] out = prefixed(WRITE, key, TS_LENGTH);
    putTs(out, out.length - TS_LENGTH, commitTs);
    return out;
  }

  public static byte[] dataKey(byte[] key, long startTs) {
    byte[] out = prefixed(DATA, key, TS_LENGTH);
    putTs(out, out.length - TS_LENGTH, startTs);
    return out;
  }

  /** The prefix shared by every version of {@code key} in {@code space}. */
  public static byte[] keyPrefix(byte space, byte[] key) {
    return prefixed(space, key, 0);
  }

  /** The smallest engine key of {@code space} for user keys at or after {@code key} (null: the space start). */
  public static byte[] spaceLowerBound(byte space, byte[] key) {
    return key == null ? new byte[] {space} : prefixed(space, key, 0);
  }

  /** The engine key bounding {@code space} for user keys before {@code key} (null: the space end). */
  public static byte[] spaceUpperBound(byte space, byte[] key) {
    return key == null ? new byte[] {(byte) (space + 1)} : prefixed(space, key, 0);
  }

  public static byte[] rawKey(byte[] key) {
    byte[] out = new byte[key.length + 1];
    out[0] = RAW;
    System.arraycopy(key, 0, out, 1, key.length);
    return out;
  }

  public static byte[] metaKey(String name) {
    byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] out = new byte[n.length + 1];
    out[0] = META;
    System.arraycopy(n, 0, out, 1, n.length);
    return out;
  }

  /** The user key of a lock, write or data engine key. */
  public static byte[] userKey(byte[] engineKey) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(engineKey.length);
    int i = 1;
    while (true) {
      if (i >= engineKey.length) {
        throw new IllegalArgumentException("not an MVCC key (no terminator)");
      }
      byte b = engineKey[i];
      if (b == 0) {
        if (i + 1 >= engineKey.length) {
          throw new IllegalArgumentException("not an MVCC key (truncated escape)");
        }
        byte next = engineKey[i + 1];
        if (next == 1) {
          return out.toByteArray();
        }
        if (next != (byte) 0xFF) {
          throw new IllegalArgumentException("not an MVCC key (bad escape)");
        }
        out.write(0);
        i += 2;
      } else {
        out.write(b);
        i++;
      }
    }
  }

  /** The timestamp suffix of a write or data engine key. */
  public static long timestampOf(byte[] engineKey) {
    long v = 0;
    for (int i = engineKey.length - TS_LENGTH; i < engineKey.length; i++) {
      v = (v << 8) | (engineKey[i] & 0xFF);
    }
    return ~v;
  }

  /** True when {@code engineKey} is a version (write or data key) of the user key whose prefix is {@code prefix}. */
  public static boolean isVersionOf(byte[] engineKey, byte[] prefix) {
    return engineKey.length == prefix.length + TS_LENGTH
        && Arrays.equals(engineKey, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** The user-key prefix (space byte and escaped key) of a write or data engine key. */
  public static byte[] versionPrefix(byte[] engineKey) {
    return Arrays.copyOf(engineKey, engineKey.length - TS_LENGTH);
  }

  private static byte[] prefixed(byte space, byte[] key, int suffix) {
    int zeros = 0;
    for (byte b : key) {
      if (b == 0) {
        zeros++;
      }
    }
    byte[] out = new byte[1 + key.length + zeros + 2 + suffix];
    out[0] = space;
    int p = 1;
    if (zeros == 0) {
      System.arraycopy(key, 0, out, 1, key.length);
      p += key.length;
    } else {
      for (byte b : key) {
        out[p++] = b;
        if (b == 0) {
          out[p++] = (byte) 0xFF;
        }
      }
    }
    out[p++] = 0;
    out[p] = 1;
    return out;
  }

  private static void putTs(byte[] out, int off, long ts) {
    long v = ~ts;
    for (int i = 7; i >= 0; i--) {
      out[off + i] = (byte) v;
      v >>>= 8;
    }
  }
}
