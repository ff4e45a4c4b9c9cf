package io.nokv.server.resp.protocol;

import java.nio.charset.StandardCharsets;

/** Doubles as Redis reads and writes them: scores, INCRBYFLOAT, HINCRBYFLOAT. */
public final class RespDoubles {
  private RespDoubles() {}

  /**
   * Redis's text for a double: {@code inf}/{@code -inf}; an integral value below 2^53 as an integer
   * ({@code 3}, not {@code 3.0}); else the shortest text that reads back as the same double.
   */
  public static String format(double d) {
    if (d == Double.POSITIVE_INFINITY) {
      return "inf";
    }
    if (d == Double.NEGATIVE_INFINITY) {
      return "-inf";
    }
    if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
      return Long.toString((long) d);
    }
    String s = Double.toString(d);
    int e = s.indexOf('E');
    if (e < 0) {
      return s;
    }
    String mantissa = s.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    int exp = Integer.parseInt(s.substring(e + 1));
    return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }

  /**
   * Parses a double as Redis does: decimal or exponent notation, {@code inf}, {@code +inf}, {@code
   * -inf} (any case); no spaces, no NaN.
   *
   * @throws RespException {@code ERR value is not a valid float}
   */
  public static double parse(byte[] text) {
    String s = new String(text, StandardCharsets.US_ASCII);
    switch (s.toLowerCase()) {
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    if (s.isEmpty() || s.length() > 300 || !s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == 'e'
        || c == 'E' || c == '-' || c == '+')) {
      throw RespException.notFloat();
    }
    try {
      double d = Double.parseDouble(s);
      if (Double.isNaN(d) || Double.isInfinite(d) || (d == 0 && underflows(s))) {
        throw RespException.notFloat(); // Redis's strtod check refuses overflow and underflow (ERANGE)
      }
      return d;
    } catch (NumberFormatException e) {
      throw RespException.notFloat();
    }
  }

  /** Whether a text that parsed as 0 has a non-zero digit in its mantissa (1e-400: underflow). */
  private static boolean underflows(String s) {
    int e = Math.max(s.indexOf('e'), s.indexOf('E'));
    String mantissa = e < 0 ? s : s.substring(0, e);
    return mantissa.chars().anyMatch(c -> c >= '1' && c <= '9');
  }
}
