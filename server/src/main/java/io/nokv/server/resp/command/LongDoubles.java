package io.nokv.server.resp.command;

import io.nokv.server.resp.protocol.RespException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * INCRBYFLOAT's arithmetic exactly as Redis does it on x86-64: in C's {@code long double}, the x87
 * 80-bit extended format (64-bit significand, exponents down to 2^-16445 for subnormals, overflow
 * at 2^16384), parsed with {@code strtold}, added with one rounding (to nearest, ties to even) and
 * printed with {@code "%.17Lf"} less its trailing zeros. A Java double would answer {@code 1010.1}
 * where Redis answers {@code 1010.09999999999999998} (10.1 + 1000), and overflow at 1.8e308 where
 * Redis accepts 1e4000; so values are carried as exact {@link BigDecimal}s rounded to what the
 * 80-bit format can hold after every step.
 *
 * <p>Public for HINCRBYFLOAT, which Redis computes the same way.
 */
public final class LongDoubles {
  /** Significand bits of the x87 extended format (explicit integer bit included). */
  private static final int SIGNIFICAND_BITS = 64;
  /** The exponent of the smallest subnormal: values are multiples of 2^-16445. */
  private static final int MIN_QUANTUM_EXPONENT = -16445;
  /** Finite values are below 2^16384. */
  private static final int OVERFLOW_EXPONENT = 16384;
  /** Redis refuses numbers of 5 KiB or more (MAX_LONG_DOUBLE_CHARS). */
  private static final int MAX_CHARS = 5 * 1024;
  private static final BigInteger FIVE = BigInteger.valueOf(5);
  private static final double LOG2_10 = Math.log(10) / Math.log(2);

  private LongDoubles() {}

  /**
   * The text INCRBYFLOAT stores and answers for {@code current} (null: the key is missing, 0)
   * plus {@code increment}.
   *
   * @throws RespException {@code ERR value is not a valid float} when either is not a number
   *     {@code strtold} reads whole, or {@code ERR increment would produce NaN or Infinity}
   */
  public static String incrBy(byte[] current, byte[] increment) {
    Parsed a = current == null ? Parsed.ZERO : parse(current);
    Parsed b = parse(increment);
    if (a.infinite() || b.infinite()) {
      throw new RespException("ERR increment would produce NaN or Infinity"); // inf + x, or inf - inf = NaN
    }
    BigDecimal sum = round(a.value().add(b.value()));
    if (sum == null) {
      throw new RespException("ERR increment would produce NaN or Infinity");
    }
    return format(sum);
  }

  /** A number as Redis's string2ld reads it: finite (exact value of the long double) or infinite. */
  record Parsed(BigDecimal value, boolean infinite) {
    static final Parsed ZERO = new Parsed(BigDecimal.ZERO, false);
  }

  /**
   * Reads {@code text} as Redis's string2ld does: strtold must consume all of it; a leading space,
   * NaN, or a value that overflows or underflows to zero is refused; {@code inf} is accepted.
   */
  static Parsed parse(byte[] text) {
    if (text.length == 0 || text.length >= MAX_CHARS) {
      throw RespException.notFloat();
    }
    for (byte b : text) {
      if (b == 0) {
        throw RespException.notFloat(); // strtold would stop at the NUL before the end
      }
    }
    if (isSpace(text[0])) {
      throw RespException.notFloat();
    }
    String s = new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    int i = 0;
    boolean negative = false;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i);
    String lower = body.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("inf") || lower.equals("infinity")) {
      return new Parsed(null, true);
    }
    BigDecimal exact = lower.startsWith("0x") ? parseHex(lower) : parseDecimal(lower);
    if (exact == null) {
      throw RespException.notFloat(); // includes nan: strtold's NaN is refused by isnan()
    }
    if (exact.signum() == 0) {
      return Parsed.ZERO;
    }
    BigDecimal rounded = round(exact);
    if (rounded == null || rounded.signum() == 0) {
      throw RespException.notFloat(); // ERANGE with HUGE_VAL or zero
    }
    return new Parsed(negative ? rounded.negate() : rounded, false);
  }

  /** digits [. digits] [e [sign] digits], at least one digit; null if not exactly that. */
  private static BigDecimal parseDecimal(String s) {
    int i = 0;
    int n = s.length();
    StringBuilder digits = new StringBuilder();
    int fraction = 0;
    while (i < n && isDigit(s.charAt(i))) {
      digits.append(s.charAt(i++));
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        digits.append(s.charAt(i++));
        fraction++;
      }
    }
    if (digits.isEmpty()) {
      return null;
    }
    long exponent = 0;
    if (i < n && s.charAt(i) == 'e') {
      Long e = exponent(s, i + 1);
      if (e == null) {
        return null;
      }
      exponent = e;
      i = n;
    }
    if (i != n) {
      return null;
    }
    BigInteger unscaled = new BigInteger(digits.toString());
    if (unscaled.signum() == 0) {
      return BigDecimal.ZERO;
    }
    long scale = fraction - exponent;
    long magnitude = digits.length() - scale; // about log10 of the value
    if (magnitude > 5000) {
      return BigDecimal.valueOf(2).pow(OVERFLOW_EXPONENT); // far beyond the range: overflows when rounded
    }
    if (magnitude < -5000) {
      return new BigDecimal(BigInteger.ONE, 6000); // far below the smallest subnormal: rounds to zero
    }
    return new BigDecimal(unscaled, (int) scale);
  }

  /** 0x hexdigits [. hexdigits] [p [sign] digits], at least one hex digit; null otherwise. */
  private static BigDecimal parseHex(String s) {
    int i = 2;
    int n = s.length();
    StringBuilder digits = new StringBuilder();
    int fraction = 0;
    while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
      digits.append(s.charAt(i++));
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
        digits.append(s.charAt(i++));
        fraction++;
      }
    }
    if (digits.isEmpty()) {
      return null; // "0x": strtold reads the 0 and stops at the x
    }
    long exponent = 0;
    if (i < n && s.charAt(i) == 'p') {
      Long e = exponent(s, i + 1);
      if (e == null) {
        return null;
      }
      exponent = e;
      i = n;
    }
    if (i != n) {
      return null;
    }
    BigInteger mantissa = new BigInteger(digits.toString(), 16);
    if (mantissa.signum() == 0) {
      return BigDecimal.ZERO;
    }
    long power = exponent - 4L * fraction;
    long magnitude = mantissa.bitLength() + power;
    if (magnitude > OVERFLOW_EXPONENT + 1) {
      return BigDecimal.valueOf(2).pow(OVERFLOW_EXPONENT);
    }
    if (magnitude < MIN_QUANTUM_EXPONENT - 2) {
      return new BigDecimal(BigInteger.ONE, 6000);
    }
    return times2(new BigDecimal(mantissa), (int) power);
  }

  /** [sign] digits from {@code i} to the end, clamped to +-10^9; null when there are no digits or other characters. */
  private static Long exponent(String s, int i) {
    int n = s.length();
    boolean negative = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    if (i >= n) {
      return null;
    }
    long e = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return null;
      }
      e = Math.min(1_000_000_000L, e * 10 + (c - '0'));
    }
    return negative ? -e : e;
  }

  /**
   * {@code x} rounded to the nearest long double (ties to even); null when it overflows (the x87
   * result would be infinite).
   */
  static BigDecimal round(BigDecimal x) {
    if (x.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal a = x.abs();
    int e = floorLog2(a);
    int quantum = Math.max(e - (SIGNIFICAND_BITS - 1), MIN_QUANTUM_EXPONENT);
    BigInteger m = times2(a, -quantum).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
    if (m.signum() == 0) {
      return BigDecimal.ZERO;
    }
    if (m.bitLength() + quantum > OVERFLOW_EXPONENT) {
      return null;
    }
    BigDecimal r = times2(new BigDecimal(m), quantum);
    return x.signum() < 0 ? r.negate() : r;
  }

  /** The exact value of {@code x * 2^k}. */
  private static BigDecimal times2(BigDecimal x, int k) {
    if (k >= 0) {
      return x.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(k)));
    }
    // 2^-k = 5^k / 10^k: exact in decimal
    return x.multiply(new BigDecimal(FIVE.pow(-k))).movePointLeft(-k);
  }

  /** floor(log2(a)) for a > 0. */
  private static int floorLog2(BigDecimal a) {
    int e = (int) Math.floor((a.unscaledValue().bitLength() - 1) - a.scale() * LOG2_10);
    while (a.compareTo(times2(BigDecimal.ONE, e)) < 0) {
      e--;
    }
    while (a.compareTo(times2(BigDecimal.ONE, e + 1)) >= 0) {
      e++;
    }
    return e;
  }

  /** {@code "%.17Lf"} of {@code value}, its trailing zeros (and a bare '.') removed, "-0" as "0". */
  static String format(BigDecimal value) {
    String s = value.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    s = s.substring(0, end);
    return s.equals("-0") ? "0" : s;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
  }
}
