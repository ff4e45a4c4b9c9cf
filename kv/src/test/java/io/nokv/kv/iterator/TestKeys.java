package io.nokv.kv.iterator;

import io.nokv.kv.format.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Small key helpers for iterator tests. */
final class TestKeys {
  private TestKeys() {}

  /** Bytes chosen to stress unsigned order and prefixes: 0x00, 0x01, 'a', 'b', 0x7f, 0x80, 0xff. */
  private static final byte[] ALPHABET = {0x00, 0x01, 'a', 'b', 0x7f, (byte) 0x80, (byte) 0xff};

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A random non-empty key of up to {@code maxLen} bytes over {@link #ALPHABET}. */
  static byte[] randomKey(SplittableRandom rnd, int maxLen) {
    byte[] k = new byte[1 + rnd.nextInt(maxLen)];
    for (int i = 0; i < k.length; i++) {
      k[i] = ALPHABET[rnd.nextInt(ALPHABET.length)];
    }
    return k;
  }

  static String show(byte[] key) {
    return Bytes.toDebugString(key);
  }
}
