package io.nokv.sql.encoding;

/**
 * UTF-8 encoding straight into a caller's buffer, so keys and rows need no intermediate {@code
 * byte[]} per string. Unlike {@link String#getBytes}, an unpaired surrogate is an error rather than
 * a silent {@code '?'}: two different strings must never share an encoding.
 */
final class Utf8 {
  private Utf8() {}

  /** The UTF-8 length of {@code s}. */
  static int encodedLength(String s) {
    int n = s.length();
    int len = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c < 0x800) {
        len += 1;
      } else if (Character.isSurrogate(c)) {
        checkPair(s, i);
        i++;
        len += 2; // two chars, four bytes
      } else {
        len += 2;
      }
    }
    return len;
  }

  /**
   * Writes {@code s} as UTF-8 at {@code dst[off]} and returns the offset after it. With {@code
   * escapeZero} each 0x00 byte is written as 0x00 0xFF (the key string escape). {@code dst} needs
   * room for {@code 3 * s.length()} bytes, the worst case either way.
   */
  static int encode(String s, byte[] dst, int off, boolean escapeZero) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        dst[off++] = (byte) c;
        if (c == 0 && escapeZero) {
          dst[off++] = (byte) 0xFF;
        }
      } else if (c < 0x800) {
        dst[off++] = (byte) (0xC0 | c >> 6);
        dst[off++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isSurrogate(c)) {
        checkPair(s, i);
        int cp = Character.toCodePoint(c, s.charAt(++i));
        dst[off++] = (byte) (0xF0 | cp >> 18);
        dst[off++] = (byte) (0x80 | cp >> 12 & 0x3F);
        dst[off++] = (byte) (0x80 | cp >> 6 & 0x3F);
        dst[off++] = (byte) (0x80 | cp & 0x3F);
      } else {
        dst[off++] = (byte) (0xE0 | c >> 12);
        dst[off++] = (byte) (0x80 | c >> 6 & 0x3F);
        dst[off++] = (byte) (0x80 | c & 0x3F);
      }
    }
    return off;
  }

  private static void checkPair(String s, int i) {
    if (!Character.isHighSurrogate(s.charAt(i))
        || i + 1 == s.length()
        || !Character.isLowSurrogate(s.charAt(i + 1))) {
      throw new DataException(
          DataException.CHARACTER_NOT_IN_REPERTOIRE,
          "string has an unpaired UTF-16 surrogate at index " + i);
    }
  }
}
