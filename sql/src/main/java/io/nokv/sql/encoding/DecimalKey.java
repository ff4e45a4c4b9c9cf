package io.nokv.sql.encoding;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The memcomparable encoding of a DECIMAL key column (after {@link KeyCodec}'s 01 marker). A
 * non-zero value is written as {@code ±0.d1d2...dn × 10^E} with {@code d1 ≠ 0} and, because
 * trailing zeros are stripped first, {@code dn ≠ 0}: so 1.0 and 1.00 share one encoding. A value
 * whose stripped form has no int scale (beyond 1E+2147483648) cannot be a key.
 *
 * <pre>
 * class     01 negative, 02 zero (nothing follows), 03 positive
 * exponent  E &gt;= 0: 80+n, then E in n big-endian bytes (n minimal, 0..8)
 *           E &lt; 0:  7F-n, then ~E in n big-endian bytes, each inverted
 *           (a larger header means a larger E; within one header, larger bytes do)
 * digits    d1d2 d3d4 ... as base-100 bytes X (the last pair padded with a 0 digit), each
 *           written 2X+1, except the last written 2X: odd bytes continue, an even byte ends
 * </pre>
 *
 * For a negative value every byte after the class is inverted, so larger magnitudes sort lower. The
 * digit rule (SQLite4's) makes a shorter mantissa sort before a longer one it prefixes, which is
 * right because the extra digits are non-zero.
 */
final class DecimalKey {
  private static final int NEGATIVE = 0x01;
  private static final int ZERO = 0x02;
  private static final int POSITIVE = 0x03;

  private DecimalKey() {}

  static void encode(KeyWriter out, BigDecimal value) {
    int sign = value.signum();
    if (sign == 0) {
      out.put(ZERO);
      return;
    }
    String digits = value.unscaledValue().abs().toString();
    long exponent = (long) digits.length() - value.scale();
    int n = digits.length();
    while (digits.charAt(n - 1) == '0') {
      n--; // strip trailing zeros here: BigDecimal.stripTrailingZeros can overflow the scale
    }
    if (n - exponent < Integer.MIN_VALUE) {
      throw new DataException(
          DataException.NUMERIC_OUT_OF_RANGE, "DECIMAL " + value + " is too large for a key");
    }
    int flip = sign < 0 ? 0xFF : 0;
    out.put(sign < 0 ? NEGATIVE : POSITIVE);
    putExponent(out, exponent, flip);
    out.ensure((n + 1) / 2);
    for (int i = 0; i < n; i += 2) {
      int pair = (digits.charAt(i) - '0') * 10 + (i + 1 < n ? digits.charAt(i + 1) - '0' : 0);
      int b = i + 2 >= n ? 2 * pair : 2 * pair + 1;
      out.buf[out.len++] = (byte) (b ^ flip);
    }
  }

  static BigDecimal decode(KeyReader in) {
    int start = in.pos;
    int cls = in.next();
    if (cls == ZERO) {
      return BigDecimal.ZERO;
    }
    int flip = classFlip(in, cls, start);
    long exponent = readExponent(in, flip);
    int first = in.pos;
    skipDigits(in, flip);
    char[] digits = new char[2 * (in.pos - first)];
    for (int i = first, d = 0; i < in.pos; i++) {
      int b = (in.key[i] & 0xFF) ^ flip;
      int pair = b >> 1;
      digits[d++] = (char) ('0' + pair / 10);
      digits[d++] = (char) ('0' + pair % 10);
    }
    int n = digits[digits.length - 1] == '0' ? digits.length - 1 : digits.length;
    long scale = n - exponent;
    if (digits[0] == '0' || scale != (int) scale) {
      throw new KeyFormatException(start, "DECIMAL key is not normalised");
    }
    BigDecimal magnitude = magnitude(digits, n, (int) scale);
    return flip == 0 ? magnitude : magnitude.negate();
  }

  static void skip(KeyReader in) {
    int start = in.pos;
    int cls = in.next();
    if (cls != ZERO) {
      int flip = classFlip(in, cls, start);
      readExponent(in, flip);
      skipDigits(in, flip);
    }
  }

  private static int classFlip(KeyReader in, int cls, int start) {
    if (cls != NEGATIVE && cls != POSITIVE) {
      throw new KeyFormatException(start, "bad DECIMAL class byte " + cls);
    }
    return cls == NEGATIVE ? 0xFF : 0;
  }

  private static void putExponent(KeyWriter out, long e, int flip) {
    if (e >= 0) {
      int n = byteCount(e);
      out.put((0x80 + n) ^ flip);
      putBytes(out, e, n, flip);
    } else {
      long x = ~e;
      int n = byteCount(x);
      out.put((0x7F - n) ^ flip);
      putBytes(out, x, n, flip ^ 0xFF);
    }
  }

  private static long readExponent(KeyReader in, int flip) {
    int start = in.pos;
    int header = in.next() ^ flip;
    boolean nonNegative = header >= 0x80;
    int n = nonNegative ? header - 0x80 : 0x7F - header;
    if (n > 8) {
      throw new KeyFormatException(start, "bad DECIMAL exponent header " + header);
    }
    long x = 0;
    int byteFlip = nonNegative ? flip : flip ^ 0xFF;
    for (int i = 0; i < n; i++) {
      x = x << 8 | (in.next() ^ byteFlip);
    }
    if (x < 0) {
      throw new KeyFormatException(start, "DECIMAL exponent out of range");
    }
    return nonNegative ? x : ~x;
  }

  /** Advances past the digit bytes, checking each is a valid pair. */
  private static void skipDigits(KeyReader in, int flip) {
    while (true) {
      int b = in.next() ^ flip;
      if (b > 199) {
        throw new KeyFormatException(in.pos - 1, "bad DECIMAL digit byte " + b);
      }
      if ((b & 1) == 0) {
        return;
      }
    }
  }

  private static int byteCount(long x) {
    return (64 - Long.numberOfLeadingZeros(x) + 7) / 8;
  }

  private static void putBytes(KeyWriter out, long x, int n, int flip) {
    for (int shift = 8 * (n - 1); shift >= 0; shift -= 8) {
      out.put((int) (x >>> shift) & 0xFF ^ flip);
    }
  }

  private static BigDecimal magnitude(char[] digits, int n, int scale) {
    if (n > 18) {
      return new BigDecimal(new BigInteger(new String(digits, 0, n)), scale);
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = v * 10 + (digits[i] - '0');
    }
    return BigDecimal.valueOf(v, scale);
  }
}
