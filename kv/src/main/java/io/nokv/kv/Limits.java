package io.nokv.kv;

/** Hard limits on argument sizes; violations are {@link IllegalArgumentException}s naming them. */
public final class Limits {
  private Limits() {}

  /** Largest key, in bytes. Keys must also be non-empty. */
  public static final int MAX_KEY_BYTES = 64 * 1024;
  /** Largest value, in bytes. Empty values are allowed. */
  public static final int MAX_VALUE_BYTES = 64 * 1024 * 1024;
  /** Largest serialized {@link WriteBatch}, in bytes. */
  public static final int MAX_BATCH_BYTES = 1024 * 1024 * 1024;

  static byte[] checkKey(byte[] key, String what) {
    if (key == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (key.length == 0) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (key.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          what + " is " + key.length + " bytes, over the maximum key size of " + MAX_KEY_BYTES + " bytes (Limits.MAX_KEY_BYTES)");
    }
    return key;
  }

  static byte[] checkValue(byte[] value) {
    if (value == null) {
      throw new IllegalArgumentException("value must not be null (use delete to remove a key)");
    }
    if (value.length > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException(
          "value is " + value.length + " bytes, over the maximum value size of " + MAX_VALUE_BYTES + " bytes (Limits.MAX_VALUE_BYTES)");
    }
    return value;
  }

  /** Validates a key given to a read (same rules as writes). */
  public static byte[] checkReadKey(byte[] key) {
    return checkKey(key, "key");
  }

  /** Validates a range [from, to): both valid keys, from < to. */
  public static void checkRange(byte[] from, byte[] to) {
    checkKey(from, "range start");
    checkKey(to, "range end");
    if (java.util.Arrays.compareUnsigned(from, to) >= 0) {
      throw new IllegalArgumentException("range start must sort before range end (the range is [start, end))");
    }
  }
}
