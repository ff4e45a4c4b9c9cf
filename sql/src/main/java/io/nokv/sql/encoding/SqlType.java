package io.nokv.sql.encoding;

/**
 * A column's declared type: the {@link ColumnType} plus its parameters. {@code precision} is the
 * length of CHAR, VARCHAR and VARBINARY and the digit count of DECIMAL; {@code scale} is DECIMAL's
 * fractional digit count. Both are -1 when not declared, which means "no limit": no length check,
 * no rounding. Every other type takes no parameters.
 */
public record SqlType(ColumnType type, int precision, int scale) {
  public SqlType {
    if (type == null) {
      throw new IllegalArgumentException("type is null");
    }
    boolean ok;
    if (type.hasLength()) {
      ok = (precision == -1 || precision >= 1) && scale == -1;
    } else if (type == ColumnType.DECIMAL) {
      ok = precision == -1 ? scale == -1 : precision >= 1 && scale >= 0 && scale <= precision;
    } else {
      ok = precision == -1 && scale == -1;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "invalid parameters for " + type + ": precision " + precision + ", scale " + scale);
    }
  }

  /** The type without parameters ({@code INTEGER}, or an unbounded {@code VARCHAR}). */
  public static SqlType of(ColumnType type) {
    return new SqlType(type, -1, -1);
  }

  /** {@code VARCHAR(n)}, {@code CHAR(n)}, {@code VARBINARY(n)}, or {@code DECIMAL(p)} (scale 0). */
  public static SqlType of(ColumnType type, int precision) {
    return new SqlType(type, precision, type == ColumnType.DECIMAL ? 0 : -1);
  }

  /** {@code DECIMAL(p,s)}. */
  public static SqlType of(ColumnType type, int precision, int scale) {
    return new SqlType(type, precision, scale);
  }

  /** The SQL spelling: {@code INTEGER}, {@code VARCHAR(20)}, {@code DECIMAL(10,2)}. */
  @Override
  public String toString() {
    if (precision == -1) {
      return type.name();
    }
    return type == ColumnType.DECIMAL
        ? type + "(" + precision + "," + scale + ")"
        : type + "(" + precision + ")";
  }
}
