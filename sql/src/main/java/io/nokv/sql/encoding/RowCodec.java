package io.nokv.sql.encoding;

/**
 * The row value format: the non-key columns of one row, each tagged with its column id and type, so
 * that ADD COLUMN rewrites nothing (an absent column reads as its default), DROP COLUMN rewrites
 * nothing (readers skip ids they do not ask for), and a value can be skipped without the schema it
 * was written under.
 *
 * <pre>
 * row       version count column*count
 * version   1 byte, 0x01
 * count     varint: columns present (a present NULL counts; an absent column does not)
 * column    id tag payload
 * id        varint column id, strictly ascending within a row
 * tag       1 byte: 0 = NULL (no payload), else the {@link ColumnType#code()} written under
 *
 * payload by tag
 *   BOOLEAN (1)                              1 byte, 00 or 01
 *   TINYINT (2) SMALLINT (3) INTEGER (4)     zig-zag varint
 *   BIGINT (5) DATE (12) TIME (13) TIMESTAMP (14)
 *   DECIMAL (6)                              zig-zag varint scale, varint n, then n bytes: the
 *                                            unscaled value, big-endian two's complement
 *   REAL (7)                                 4 bytes, IEEE 754 bits little-endian
 *   DOUBLE (8)                               8 bytes, IEEE 754 bits little-endian
 *   CHAR (9) VARCHAR (10)                    varint n, then n bytes of UTF-8
 *   VARBINARY (11)                           varint n, then n bytes
 *
 * varint    unsigned LEB128: 7 bits per byte, low group first, high bit set on all but the
 *           last byte; at most 10 bytes
 * zig-zag   n is written as (n &lt;&lt; 1) ^ (n &gt;&gt; 63), so small negatives stay short
 * </pre>
 *
 * A reader asking for a column under another type than its tag (after a column's type changed) gets
 * the stored value converted with {@link #coerce}. Write with {@link RowWriter}, read with {@link
 * RowDecoder}; damaged values throw {@link RowFormatException}.
 */
public final class RowCodec {
  /** The format version, the first byte of every row value. */
  public static final byte VERSION = 0x01;

  static final int TAG_NULL = 0;

  private RowCodec() {}

  /**
   * Encodes one row: {@code values[i]} (null for SQL NULL, else already of {@code types[i]}'s Java
   * type; see {@link #coerce}) as column {@code columnIds[i]}. Ids must ascend. To encode many
   * rows, reuse a {@link RowWriter}.
   */
  public static byte[] encode(int[] columnIds, SqlType[] types, Object[] values) {
    return new RowWriter().encode(columnIds, types, values);
  }

  /**
   * Converts {@code value} to the exact Java type of a {@code type} column, or throws {@link
   * DataException} with the SQLSTATE of the failure: an integer out of range or a DECIMAL over its
   * precision after HALF_UP rounding to its scale (22003), a string or binary value over its length
   * (22001; excess trailing spaces are cut instead, as the standard says), a value with no
   * conversion (22018), an unparsable datetime string (22007), a datetime out of range (22008).
   * CHAR(n) values are padded with spaces to n characters. Null stays null.
   */
  public static Object coerce(SqlType type, Object value) {
    return Coercion.coerce(type, value);
  }
}
