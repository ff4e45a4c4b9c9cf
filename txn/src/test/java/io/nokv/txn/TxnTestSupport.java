package io.nokv.txn;

import java.nio.charset.StandardCharsets;

/** Small helpers shared by the client tests. */
final class TxnTestSupport {
  private TxnTestSupport() {}

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String s(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  static long asLong(byte[] b) {
    return b == null ? 0 : Long.parseLong(s(b));
  }

  static byte[] ofLong(long v) {
    return b(Long.toString(v));
  }
}
