package io.nokv.kv.format;

import java.util.Arrays;
import java.util.Comparator;

/** Unsigned lexicographic byte-array helpers: the user-key order of the whole engine. */
public final class Bytes {
  private Bytes() {}

  public static final Comparator<byte[]> COMPARATOR = Arrays::compareUnsigned;

  public static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /** Printable form for messages: ASCII printable bytes as is, others as \xNN; cut at 64 bytes. */
  public static String toDebugString(byte[] b) {
    if (b == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder();
    int n = Math.min(b.length, 64);
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xFF;
      if (c >= 0x20 && c < 0x7F && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    if (b.length > n) {
      sb.append("...(").append(b.length).append(" bytes)");
    }
    return sb.toString();
  }
}
