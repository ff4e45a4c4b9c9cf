package io.nokv.sql.encoding;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Memcomparable encoding of SQL values for primary-key and index keys: comparing two encodings as
 * unsigned bytes gives the SQL order of the values, NULL first. Every encoding is self-delimiting,
 * so a multi-column key is the plain concatenation of its columns and still sorts like the tuple.
 *
 * <pre>
 * value                       bytes
 * NULL                        00
 * anything else               01, then:
 *   BOOLEAN                     00 FALSE, 01 TRUE
 *   TINYINT SMALLINT INTEGER    8 bytes big-endian with the sign bit flipped; every width shares
 *   BIGINT DATE TIME TIMESTAMP    it, so 5 as TINYINT encodes like 5 as BIGINT
 *   REAL DOUBLE                 the double's bits (a REAL widens exactly) with -0.0 read as 0.0
 *                                 and every NaN as 7FF8000000000000; then a non-negative value
 *                                 flips bit 63 and a negative one inverts all bits, 8 bytes
 *                                 big-endian: -Inf &lt; ... &lt; -0.0 = 0.0 &lt; ... &lt; +Inf &lt; NaN
 *   DECIMAL                     see {@link DecimalKey}; 1.0 and 1.00 encode alike
 *   CHAR VARCHAR                UTF-8 with each 00 written 00 FF, then 00 01; so "a" &lt; "a\0"
 *                                 &lt; "ab", and strings order by code point
 *   VARBINARY                   the bytes, escaped and terminated the same way
 * </pre>
 *
 * <p>Values must already have their column's Java type ({@link RowCodec#coerce}); as a key cannot
 * tell the integer widths apart, any of Byte, Short, Integer and Long is accepted for an integer,
 * DATE, TIME or TIMESTAMP column. Decode with {@link KeyReader}.
 */
public final class KeyCodec {
  static final int NULL = 0x00;
  static final int NOT_NULL = 0x01;

  /** Second byte of a string's 00 01 terminator. */
  static final int TERMINATOR = 0x01;

  /** Second byte of an escaped 00 (00 FF) inside a string. */
  static final int ESCAPED_ZERO = 0xFF;

  private static final long CANONICAL_NAN = Double.doubleToLongBits(Double.NaN);

  private KeyCodec() {}

  /** Appends the encoding of {@code value} (null for SQL NULL) as a {@code type} column. */
  public static void encode(KeyWriter out, SqlType type, Object value) {
    if (value == null) {
      out.put(NULL);
      return;
    }
    out.put(NOT_NULL);
    try {
      switch (type.type()) {
        case BOOLEAN -> out.put((Boolean) value ? 1 : 0);
        case TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP ->
            out.putLong(integral(type, value) ^ Long.MIN_VALUE);
        case REAL -> out.putLong(sortableBits((Float) value));
        case DOUBLE -> out.putLong(sortableBits((Double) value));
        case DECIMAL -> DecimalKey.encode(out, (BigDecimal) value);
        case CHAR, VARCHAR -> putString(out, (String) value);
        case VARBINARY -> putBinary(out, (ByteString) value);
      }
    } catch (ClassCastException e) {
      throw wrongClass(type, value);
    }
  }

  /** The key of one row or index entry: the columns' encodings, concatenated. */
  public static byte[] encodeKey(List<SqlType> types, Object[] values) {
    if (types.size() != values.length) {
      throw new IllegalArgumentException(types.size() + " types for " + values.length + " values");
    }
    KeyWriter out = new KeyWriter();
    for (int i = 0; i < values.length; i++) {
      encode(out, types.get(i), values[i]);
    }
    return out.toByteArray();
  }

  /**
   * The smallest key greater than every key starting with {@code prefix}: the exclusive end of a
   * prefix scan. Null when there is none (the prefix is empty or all 0xFF): scan to the end.
   */
  public static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xFF) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return null;
  }

  /** {@code d}'s bits transformed so that unsigned order is numeric order (see the table). */
  static long sortableBits(double d) {
    long bits = d == 0.0 ? 0L : Double.isNaN(d) ? CANONICAL_NAN : Double.doubleToRawLongBits(d);
    return bits >= 0 ? bits ^ Long.MIN_VALUE : ~bits;
  }

  /** Inverse of {@link #sortableBits}. */
  static double fromSortableBits(long sortable) {
    return Double.longBitsToDouble(sortable < 0 ? sortable ^ Long.MIN_VALUE : ~sortable);
  }

  private static long integral(SqlType type, Object value) {
    if (value instanceof Integer i) {
      return i;
    } else if (value instanceof Long l) {
      return l;
    } else if (value instanceof Short s) {
      return s;
    } else if (value instanceof Byte b) {
      return b;
    }
    throw wrongClass(type, value);
  }

  private static void putString(KeyWriter out, String s) {
    out.ensure(3 * s.length() + 2);
    out.len = Utf8.encode(s, out.buf, out.len, true);
    out.buf[out.len++] = NULL;
    out.buf[out.len++] = TERMINATOR;
  }

  private static void putBinary(KeyWriter out, ByteString bytes) {
    int n = bytes.length();
    out.ensure(2 * n + 2);
    for (int i = 0; i < n; i++) {
      byte b = bytes.byteAt(i);
      out.buf[out.len++] = b;
      if (b == 0) {
        out.buf[out.len++] = (byte) ESCAPED_ZERO;
      }
    }
    out.buf[out.len++] = NULL;
    out.buf[out.len++] = TERMINATOR;
  }

  private static IllegalArgumentException wrongClass(SqlType type, Object value) {
    return new IllegalArgumentException(
        "a "
            + type
            + " key column cannot hold a "
            + value.getClass().getName()
            + " (coerce values to the column type first)");
  }
}
