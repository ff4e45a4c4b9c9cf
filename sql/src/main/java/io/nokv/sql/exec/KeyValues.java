package io.nokv.sql.exec;

import io.nokv.sql.encoding.SqlType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Converts a range bound (a literal or a parameter, in whatever Java type the client or Calcite
 * gave) to the exact type the key codec expects for a column. Integer columns get non-integral
 * bounds rounded outwards, so a range is never narrower than the condition; the condition itself
 * is still applied to every row the range yields.
 */
final class KeyValues {
  private KeyValues() {}

  /** The bound as the column's key type; {@code lower} says which way to round. */
  static Object normalize(SqlType type, Object v, boolean lower) {
    if (v == null) {
      return null;
    }
    switch (type.type()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
          return ((Number) v).longValue();
        }
        BigDecimal d = decimal(v);
        return d.setScale(0, lower ? RoundingMode.FLOOR : RoundingMode.CEILING).longValue();
      }
      case DECIMAL -> {
        return decimal(v);
      }
      case REAL -> {
        return v instanceof Number n ? n.floatValue() : Float.parseFloat(v.toString());
      }
      case DOUBLE -> {
        return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString());
      }
      case DATE, TIME -> {
        return v instanceof Number n ? n.intValue() : v;
      }
      case TIMESTAMP -> {
        return v instanceof Number n ? n.longValue() : v;
      }
      case CHAR, VARCHAR -> {
        return v.toString();
      }
      default -> {
        return v;
      }
    }
  }

  private static BigDecimal decimal(Object v) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof Double || v instanceof Float) {
      return BigDecimal.valueOf(((Number) v).doubleValue());
    }
    if (v instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    }
    return new BigDecimal(v.toString());
  }
}
