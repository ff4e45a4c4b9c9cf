package io.nokv.txn;

import io.nokv.kv.Limits;

/**
 * Bounds on what a transaction accepts. A user key may be at most 16 KiB: its MVCC encoding can
 * double it (every 0x00 byte is escaped) and adds 11 bytes, and the engine takes keys up to 64 KiB.
 */
public final class TxnLimits {
  private TxnLimits() {}

  public static final int MAX_KEY_BYTES = 16 * 1024;
  public static final int MAX_VALUE_BYTES = Limits.MAX_VALUE_BYTES;

  static void checkKey(byte[] key) {
    if (key == null) {
      throw new IllegalArgumentException("key must not be null");
    }
    if (key.length == 0 || key.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "key length " + key.length + " is outside 1.." + MAX_KEY_BYTES + " bytes");
    }
  }

  static void checkValue(byte[] value) {
    if (value == null) {
      throw new IllegalArgumentException("value must not be null (use delete)");
    }
    if (value.length > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException("value length " + value.length + " exceeds " + MAX_VALUE_BYTES + " bytes");
    }
  }
}
