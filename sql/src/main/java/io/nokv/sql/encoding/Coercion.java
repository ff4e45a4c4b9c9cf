package io.nokv.sql.encoding;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.apache.calcite.avatica.util.ByteString;

/**
 * {@link RowCodec#coerce}: store assignment of a value to a column. Numbers convert between each
 * other with HALF_UP rounding to the target scale, as SQL's store assignment does; strings parse as
 * numbers, booleans ({@code TRUE}/{@code FALSE}) or ISO datetimes; anything can become a string
 * except binary. java.time values are taken as zone-less wall-clock values.
 */
final class Coercion {
  private static final int MILLIS_PER_DAY = 86_400_000;

  private Coercion() {}

  static Object coerce(SqlType type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type.type()) {
      case BOOLEAN -> toBoolean(type, value);
      case TINYINT -> Byte.valueOf((byte) toLong(type, value, Byte.MIN_VALUE, Byte.MAX_VALUE));
      case SMALLINT -> Short.valueOf((short) toLong(type, value, Short.MIN_VALUE, Short.MAX_VALUE));
      case INTEGER ->
          Integer.valueOf((int) toLong(type, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case BIGINT -> Long.valueOf(toLong(type, value, Long.MIN_VALUE, Long.MAX_VALUE));
      case DECIMAL -> toDecimal(type, value);
      case REAL -> toReal(type, value);
      case DOUBLE -> toDouble(type, value);
      case CHAR, VARCHAR -> toCharacter(type, value);
      case VARBINARY -> toBinary(type, value);
      case DATE -> toDate(type, value);
      case TIME -> toTime(type, value);
      case TIMESTAMP -> toTimestamp(type, value);
    };
  }

  private static Boolean toBoolean(SqlType type, Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      String t = s.strip();
      if (t.equalsIgnoreCase("TRUE")) {
        return true;
      } else if (t.equalsIgnoreCase("FALSE")) {
        return false;
      }
    }
    throw invalidCast(type, value);
  }

  private static long toLong(SqlType type, Object value, long min, long max) {
    long v;
    if (isIntegral(value)) {
      v = ((Number) value).longValue();
    } else if (value instanceof BigInteger b) {
      if (b.bitLength() > 63) {
        throw outOfRange(type, value);
      }
      v = b.longValue();
    } else {
      BigDecimal d = exactNumber(type, value);
      // Over 19 integer digits is out of range for any width; checking first avoids a huge rescale.
      if (integerDigits(d) > 19) {
        throw outOfRange(type, value);
      }
      BigInteger rounded = round(d, 0).toBigInteger();
      if (rounded.bitLength() > 63) {
        throw outOfRange(type, value);
      }
      v = rounded.longValue();
    }
    if (v < min || v > max) {
      throw outOfRange(type, value);
    }
    return v;
  }

  private static BigDecimal toDecimal(SqlType type, Object value) {
    BigDecimal d;
    if (isIntegral(value)) {
      d = BigDecimal.valueOf(((Number) value).longValue());
    } else if (value instanceof BigInteger b) {
      d = new BigDecimal(b);
    } else if (value instanceof Float f) {
      d = new BigDecimal(Float.toString((float) finite(type, f)));
    } else if (value instanceof Double x) {
      d = BigDecimal.valueOf(finite(type, x));
    } else {
      d = exactNumber(type, value);
    }
    if (type.scale() == -1) {
      return d;
    }
    if (d.signum() != 0 && integerDigits(d) > type.precision() - type.scale()) {
      throw outOfRange(type, value);
    }
    d = round(d, type.scale());
    if (d.precision() > type.precision()) {
      throw outOfRange(type, value); // rounding carried into one more digit: 9.995 as (3,2)
    }
    return d;
  }

  /** Digits before the point: {@code |d| < 10^integerDigits(d)}. */
  private static long integerDigits(BigDecimal d) {
    return (long) d.precision() - d.scale();
  }

  /**
   * {@code d} rounded HALF_UP to {@code scale}. A value far below the last kept digit is zero at
   * once: {@code setScale} would first build a power of ten as long as the scale difference.
   */
  private static BigDecimal round(BigDecimal d, int scale) {
    if (integerDigits(d) < -scale) {
      return BigDecimal.valueOf(0, scale); // |d| < 10^-(scale+1), under half a unit
    }
    return d.setScale(scale, RoundingMode.HALF_UP);
  }

  /** An exact value for an integer or DECIMAL target: BigDecimal, a finite double, or a string. */
  private static BigDecimal exactNumber(SqlType type, Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    } else if (value instanceof Double || value instanceof Float) {
      return new BigDecimal(finite(type, ((Number) value).doubleValue()));
    } else if (value instanceof String s) {
      try {
        return new BigDecimal(s.strip());
      } catch (NumberFormatException e) {
        throw invalidCast(type, value);
      }
    }
    throw invalidCast(type, value);
  }

  private static double finite(SqlType type, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw outOfRange(type, d);
    }
    return d;
  }

  private static Float toReal(SqlType type, Object value) {
    if (value instanceof Float f) {
      return f;
    }
    double d = approximate(type, value);
    float f = (float) d;
    if (Float.isInfinite(f) && !Double.isInfinite(d)) {
      throw outOfRange(type, value);
    }
    return f;
  }

  private static Double toDouble(SqlType type, Object value) {
    return value instanceof Double d ? d : approximate(type, value);
  }

  /** A double for a REAL or DOUBLE target; infinite only when the value is. */
  private static double approximate(SqlType type, Object value) {
    if (value instanceof Double || value instanceof Float || isIntegral(value)) {
      return ((Number) value).doubleValue();
    }
    BigDecimal exact;
    if (value instanceof BigDecimal d) {
      exact = d;
    } else if (value instanceof BigInteger b) {
      exact = new BigDecimal(b);
    } else if (value instanceof String s) {
      String t = s.strip();
      if (t.equalsIgnoreCase("NaN")) {
        return Double.NaN;
      } else if (t.equalsIgnoreCase("Infinity") || t.equalsIgnoreCase("+Infinity")) {
        return Double.POSITIVE_INFINITY;
      } else if (t.equalsIgnoreCase("-Infinity")) {
        return Double.NEGATIVE_INFINITY;
      }
      exact = exactNumber(type, t);
    } else {
      throw invalidCast(type, value);
    }
    double d = exact.doubleValue();
    if (Double.isInfinite(d)) {
      throw outOfRange(type, value);
    }
    return d;
  }

  private static String toCharacter(SqlType type, Object value) {
    String s;
    if (value instanceof String str) {
      s = str;
    } else if (value instanceof BigDecimal d) {
      // Plain digits, unless that would spell out a huge exponent.
      s = Math.abs((long) d.scale()) <= 1000 ? d.toPlainString() : d.toString();
    } else if (value instanceof Number || value instanceof Character) {
      s = value.toString();
    } else if (value instanceof Boolean b) {
      s = b ? "TRUE" : "FALSE";
    } else {
      throw invalidCast(type, value);
    }
    int max = type.precision();
    boolean pad = type.type() == ColumnType.CHAR;
    if (max == -1 || (s.length() <= max && !pad)) {
      return s; // no length limit, or too few UTF-16 chars to have too many code points
    }
    int length = s.codePointCount(0, s.length());
    if (length > max) {
      // Store assignment cuts excess characters only when they are all spaces.
      int cut = s.offsetByCodePoints(0, max);
      if (!onlySpaces(s, cut)) {
        throw new DataException(
            DataException.STRING_TRUNCATION,
            "string of " + length + " characters is too long for " + type);
      }
      return s.substring(0, cut);
    }
    return pad && length < max ? s + " ".repeat(max - length) : s;
  }

  private static boolean onlySpaces(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) != ' ') {
        return false;
      }
    }
    return true;
  }

  private static ByteString toBinary(SqlType type, Object value) {
    ByteString b;
    if (value instanceof ByteString bs) {
      b = bs;
    } else if (value instanceof byte[] bytes) {
      b = new ByteString(bytes);
    } else {
      throw invalidCast(type, value);
    }
    if (type.precision() != -1 && b.length() > type.precision()) {
      throw new DataException(
          DataException.STRING_TRUNCATION,
          "binary value of " + b.length() + " bytes is too long for " + type);
    }
    return b;
  }

  private static Integer toDate(SqlType type, Object value) {
    if (value instanceof Integer i) {
      return i;
    } else if (value instanceof LocalDate d) {
      return Integer.valueOf(toInt(type, d.toEpochDay()));
    } else if (value instanceof String s) {
      try {
        return Integer.valueOf(toInt(type, LocalDate.parse(s.strip()).toEpochDay()));
      } catch (DateTimeException e) {
        throw badDatetime(type, value);
      }
    }
    return Integer.valueOf(toInt(type, datetimeNumber(type, value)));
  }

  private static Integer toTime(SqlType type, Object value) {
    long millis;
    if (value instanceof LocalTime t) {
      millis = t.toNanoOfDay() / 1_000_000;
    } else if (value instanceof String s) {
      try {
        millis = LocalTime.parse(s.strip()).toNanoOfDay() / 1_000_000;
      } catch (DateTimeException e) {
        throw badDatetime(type, value);
      }
    } else {
      millis = datetimeNumber(type, value);
    }
    if (millis < 0 || millis >= MILLIS_PER_DAY) {
      throw overflow(type, value);
    }
    return Integer.valueOf((int) millis);
  }

  private static Long toTimestamp(SqlType type, Object value) {
    try {
      if (value instanceof LocalDateTime t) {
        return t.toInstant(ZoneOffset.UTC).toEpochMilli();
      } else if (value instanceof LocalDate d) {
        return d.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
      } else if (value instanceof String s) {
        return parseTimestamp(type, s.strip());
      }
    } catch (ArithmeticException e) {
      throw overflow(type, value);
    }
    return datetimeNumber(type, value);
  }

  /** {@code yyyy-MM-dd}, optionally followed by {@code ' '} or {@code 'T'} and a time. */
  private static long parseTimestamp(SqlType type, String s) {
    try {
      int sep = Math.max(s.indexOf(' '), s.indexOf('T'));
      LocalDateTime t =
          sep < 0
              ? LocalDate.parse(s).atStartOfDay()
              : LocalDate.parse(s.substring(0, sep)).atTime(LocalTime.parse(s.substring(sep + 1)));
      return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeException e) {
      throw badDatetime(type, s);
    }
  }

  /** A datetime given in its internal form: days, milliseconds of day, or epoch milliseconds. */
  private static long datetimeNumber(SqlType type, Object value) {
    if (isIntegral(value)) {
      return ((Number) value).longValue();
    }
    throw invalidCast(type, value);
  }

  private static boolean isIntegral(Object value) {
    return value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte;
  }

  private static int toInt(SqlType type, long v) {
    if (v != (int) v) {
      throw overflow(type, v);
    }
    return (int) v;
  }

  private static DataException outOfRange(SqlType type, Object value) {
    return new DataException(
        DataException.NUMERIC_OUT_OF_RANGE,
        "value " + show(value) + " is out of range for " + type);
  }

  private static DataException invalidCast(SqlType type, Object value) {
    return new DataException(
        DataException.INVALID_CAST,
        "cannot convert " + show(value) + " (" + value.getClass().getSimpleName() + ") to " + type);
  }

  private static DataException badDatetime(SqlType type, Object value) {
    return new DataException(
        DataException.INVALID_DATETIME_FORMAT, show(value) + " is not a valid " + type);
  }

  private static DataException overflow(SqlType type, Object value) {
    return new DataException(
        DataException.DATETIME_OVERFLOW, "value " + show(value) + " is out of range for " + type);
  }

  /** The value for an error message, cut to a readable length. */
  private static String show(Object value) {
    String s = value instanceof String str ? "'" + str + "'" : String.valueOf(value);
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
