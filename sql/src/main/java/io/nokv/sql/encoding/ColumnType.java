package io.nokv.sql.encoding;

/**
 * The SQL column types NoKV stores, each with the Java class Calcite's enumerable code uses for its
 * values and a one-byte {@link #code()} that persisted formats (the catalog, the row tag byte of
 * {@link RowCodec}) write instead of the name.
 *
 * <p>Codes are forever: a new type takes the next free code, a removed type's code is never reused.
 * Code 0 is reserved (it is the NULL tag in rows).
 *
 * <pre>
 * code  type       Java value
 *   1   BOOLEAN    Boolean
 *   2   TINYINT    Byte
 *   3   SMALLINT   Short
 *   4   INTEGER    Integer
 *   5   BIGINT     Long
 *   6   DECIMAL    BigDecimal
 *   7   REAL       Float
 *   8   DOUBLE     Double
 *   9   CHAR       String
 *  10   VARCHAR    String
 *  11   VARBINARY  org.apache.calcite.avatica.util.ByteString
 *  12   DATE       Integer (days since 1970-01-01)
 *  13   TIME       Integer (milliseconds of the day)
 *  14   TIMESTAMP  Long (milliseconds since 1970-01-01 00:00, no zone)
 * </pre>
 */
public enum ColumnType {
  BOOLEAN(1),
  TINYINT(2),
  SMALLINT(3),
  INTEGER(4),
  BIGINT(5),
  DECIMAL(6),
  REAL(7),
  DOUBLE(8),
  CHAR(9),
  VARCHAR(10),
  VARBINARY(11),
  DATE(12),
  TIME(13),
  TIMESTAMP(14);

  private static final ColumnType[] BY_CODE = new ColumnType[16];

  static {
    for (ColumnType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final byte code;

  ColumnType(int code) {
    this.code = (byte) code;
  }

  /** The persisted code of this type (see the table in the class comment). */
  public byte code() {
    return code;
  }

  /** The type with persisted code {@code code}, or null when no type has it. */
  public static ColumnType fromCode(int code) {
    return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /** Whether a declared length ({@code VARCHAR(20)}) is part of the type. */
  public boolean hasLength() {
    return this == CHAR || this == VARCHAR || this == VARBINARY;
  }
}
