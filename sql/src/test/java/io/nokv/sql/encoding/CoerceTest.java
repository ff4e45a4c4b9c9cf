package io.nokv.sql.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

/** {@link RowCodec#coerce}: store assignment into each column type, and its SQLSTATEs. */
class CoerceTest {
  private static final String OUT_OF_RANGE = DataException.NUMERIC_OUT_OF_RANGE;
  private static final String TRUNCATION = DataException.STRING_TRUNCATION;
  private static final String INVALID_CAST = DataException.INVALID_CAST;
  private static final String BAD_DATETIME = DataException.INVALID_DATETIME_FORMAT;
  private static final String DATETIME_OVERFLOW = DataException.DATETIME_OVERFLOW;

  private static final SqlType TINYINT = SqlType.of(ColumnType.TINYINT);
  private static final SqlType SMALLINT = SqlType.of(ColumnType.SMALLINT);
  private static final SqlType INTEGER = SqlType.of(ColumnType.INTEGER);
  private static final SqlType BIGINT = SqlType.of(ColumnType.BIGINT);

  @Test
  void nullStaysNullForEveryType() {
    for (ColumnType t : ColumnType.values()) {
      assertNull(RowCodec.coerce(SqlType.of(t), null));
    }
  }

  @Test
  void integersCheckTheirRangeAndRoundHalfUp() {
    assertCoerces((byte) 127, TINYINT, 127);
    assertCoerces((byte) -128, TINYINT, -128L);
    assertFails(OUT_OF_RANGE, TINYINT, 128);
    assertFails(OUT_OF_RANGE, TINYINT, -129);
    assertCoerces((short) -32768, SMALLINT, -32768);
    assertFails(OUT_OF_RANGE, SMALLINT, 32768L);
    assertCoerces(Integer.MAX_VALUE, INTEGER, (long) Integer.MAX_VALUE);
    assertFails(OUT_OF_RANGE, INTEGER, Integer.MAX_VALUE + 1L);
    assertCoerces(12, INTEGER, " 12 ");
    assertCoerces(2, INTEGER, "1.5");
    assertCoerces(-2, INTEGER, "-1.5");
    assertCoerces(1, INTEGER, 1.4999);
    assertCoerces(3, INTEGER, 2.5f);
    assertCoerces(1000, INTEGER, "1e3");
    assertCoerces(5, INTEGER, new BigDecimal("4.50"));
    assertCoerces(0, INTEGER, new BigDecimal("1E-100000000")); // fails fast, no huge rescale
    assertCoerces(-1, INTEGER, new BigDecimal("-0.5"));
    assertFails(OUT_OF_RANGE, TINYINT, new BigDecimal("127.5"));
    assertCoerces((byte) 127, TINYINT, new BigDecimal("127.49"));
    assertCoerces(Long.MAX_VALUE, BIGINT, new BigDecimal("9223372036854775807.4"));
    assertFails(OUT_OF_RANGE, BIGINT, new BigDecimal("9223372036854775807.5"));
    assertFails(OUT_OF_RANGE, BIGINT, "1e19");
    assertFails(OUT_OF_RANGE, BIGINT, "1e400000000"); // fails fast, no huge rescale
    assertCoerces(Long.MIN_VALUE, BIGINT, BigInteger.valueOf(Long.MIN_VALUE));
    assertFails(OUT_OF_RANGE, BIGINT, BigInteger.ONE.shiftLeft(63));
    assertFails(OUT_OF_RANGE, INTEGER, Double.NaN);
    assertFails(OUT_OF_RANGE, INTEGER, Float.POSITIVE_INFINITY);
    assertFails(OUT_OF_RANGE, BIGINT, 1e19);
    assertFails(INVALID_CAST, INTEGER, "abc");
    assertFails(INVALID_CAST, INTEGER, "");
    assertFails(INVALID_CAST, INTEGER, true);
    assertFails(INVALID_CAST, INTEGER, new ByteString(new byte[] {1}));
  }

  @Test
  void decimalsRoundToTheirScaleThenCheckPrecision() {
    SqlType d52 = SqlType.of(ColumnType.DECIMAL, 5, 2);
    assertCoerces(new BigDecimal("123.46"), d52, new BigDecimal("123.455"));
    assertCoerces(new BigDecimal("-123.46"), d52, new BigDecimal("-123.455"));
    assertCoerces(new BigDecimal("999.99"), d52, new BigDecimal("999.994"));
    assertFails(OUT_OF_RANGE, d52, new BigDecimal("999.995")); // rounds to 1000.00
    assertFails(OUT_OF_RANGE, d52, 1000);
    assertFails(OUT_OF_RANGE, d52, new BigDecimal("1E+100000000")); // fails fast
    assertCoerces(new BigDecimal("5.00"), d52, 5);
    assertCoerces(new BigDecimal("0.10"), d52, 0.1);
    assertCoerces(new BigDecimal("0.10"), d52, 0.1f);
    assertCoerces(new BigDecimal("0.00"), d52, new BigDecimal("1E-100000000"));
    assertCoerces(new BigDecimal("12.30"), d52, " 12.3 ");
    assertCoerces(new BigDecimal("7.00"), d52, BigInteger.valueOf(7));
    assertFails(OUT_OF_RANGE, SqlType.of(ColumnType.DECIMAL, 2, 2), new BigDecimal("0.995"));
    assertCoerces(new BigDecimal("0.99"), SqlType.of(ColumnType.DECIMAL, 2, 2), "0.994");
    assertCoerces(new BigDecimal("12"), SqlType.of(ColumnType.DECIMAL, 2), new BigDecimal("11.5"));
    assertFails(OUT_OF_RANGE, d52, Double.NaN);
    assertFails(OUT_OF_RANGE, d52, Double.NEGATIVE_INFINITY);
    assertFails(INVALID_CAST, d52, "12,5");
    assertFails(INVALID_CAST, d52, false);
    // Without declared precision and scale, the value is kept exactly.
    assertCoerces(new BigDecimal("1.500"), SqlType.of(ColumnType.DECIMAL), new BigDecimal("1.500"));
  }

  @Test
  void approximateNumbers() {
    SqlType real = SqlType.of(ColumnType.REAL);
    SqlType dbl = SqlType.of(ColumnType.DOUBLE);
    assertCoerces(1.5f, real, 1.5);
    assertCoerces(16777216f, real, 16777217); // nearest float
    assertCoerces(0.1f, real, "0.1");
    assertCoerces(Float.NaN, real, Double.NaN);
    assertCoerces(Float.NEGATIVE_INFINITY, real, Double.NEGATIVE_INFINITY);
    assertCoerces(Float.POSITIVE_INFINITY, real, " infinity ");
    assertCoerces(Float.NaN, real, "NaN");
    assertFails(OUT_OF_RANGE, real, 1e300);
    assertFails(OUT_OF_RANGE, real, "1e39");
    assertFails(OUT_OF_RANGE, real, new BigDecimal("-1E+39"));
    assertCoerces((double) 0.1f, dbl, 0.1f);
    assertCoerces(0.1, dbl, new BigDecimal("0.1"));
    assertCoerces(9.223372036854776E18, dbl, Long.MAX_VALUE);
    assertCoerces(Double.NEGATIVE_INFINITY, dbl, "-Infinity");
    assertFails(OUT_OF_RANGE, dbl, new BigDecimal("1E+400"));
    assertFails(OUT_OF_RANGE, dbl, "1e400");
    assertFails(INVALID_CAST, dbl, "one");
    assertFails(INVALID_CAST, dbl, true);
  }

  @Test
  void booleans() {
    SqlType bool = SqlType.of(ColumnType.BOOLEAN);
    assertCoerces(true, bool, true);
    assertCoerces(true, bool, "true");
    assertCoerces(false, bool, " FALSE ");
    assertFails(INVALID_CAST, bool, "yes");
    assertFails(INVALID_CAST, bool, 1);
  }

  @Test
  void charactersCheckTheirLengthInCodePoints() {
    SqlType v3 = SqlType.of(ColumnType.VARCHAR, 3);
    assertCoerces("abc", v3, "abc");
    assertCoerces("ab", v3, "ab");
    assertFails(TRUNCATION, v3, "abcd");
    assertCoerces("ab ", v3, "ab    "); // excess spaces are cut, as the standard says
    assertFails(TRUNCATION, v3, "abc\t");
    assertCoerces(
        "\ud83d\ude00\ud83d\ude00\ud83d\ude00", v3, "\ud83d\ude00\ud83d\ude00\ud83d\ude00");
    assertFails(TRUNCATION, v3, "\ud83d\ude00\ud83d\ude00\ud83d\ude00a");
    assertCoerces("123", v3, 123);
    assertFails(TRUNCATION, v3, 1234L);
    assertCoerces("100", v3, new BigDecimal("1E+2"));
    assertCoerces("1.5", v3, 1.5);
    assertCoerces("x", v3, 'x');
    assertCoerces("TRUE", SqlType.of(ColumnType.VARCHAR, 4), true);
    assertCoerces("1E+1001", SqlType.of(ColumnType.VARCHAR), new BigDecimal("1E+1001"));
    assertFails(INVALID_CAST, v3, new ByteString(new byte[] {1}));
    assertFails(INVALID_CAST, v3, LocalDate.EPOCH);
    assertCoerces("x".repeat(10_000), SqlType.of(ColumnType.VARCHAR), "x".repeat(10_000));
  }

  @Test
  void charIsPaddedToItsLength() {
    SqlType c5 = SqlType.of(ColumnType.CHAR, 5);
    assertCoerces("ab   ", c5, "ab");
    assertCoerces("\ud83d\ude00    ", c5, "\ud83d\ude00");
    assertCoerces("     ", c5, "");
    assertCoerces("abcde", c5, "abcde  ");
    assertFails(TRUNCATION, c5, "abcdef");
    assertCoerces("ab", SqlType.of(ColumnType.CHAR), "ab");
  }

  @Test
  void binaries() {
    SqlType b2 = SqlType.of(ColumnType.VARBINARY, 2);
    assertCoerces(new ByteString(new byte[] {1, 2}), b2, new byte[] {1, 2});
    assertCoerces(new ByteString(new byte[] {1}), b2, new ByteString(new byte[] {1}));
    assertFails(TRUNCATION, b2, new byte[3]);
    assertFails(INVALID_CAST, b2, "ab");
  }

  @Test
  void dates() {
    SqlType date = SqlType.of(ColumnType.DATE);
    assertCoerces(0, date, "1970-01-01");
    assertCoerces(10957, date, " 2000-01-01 ");
    assertCoerces(-1, date, LocalDate.of(1969, 12, 31));
    assertCoerces(19782, date, 19782L);
    assertFails(BAD_DATETIME, date, "2023-02-29");
    assertFails(BAD_DATETIME, date, "yesterday");
    assertFails(DATETIME_OVERFLOW, date, 1L << 40);
    assertFails(DATETIME_OVERFLOW, date, LocalDate.MAX);
    assertFails(INVALID_CAST, date, 1.5);
  }

  @Test
  void times() {
    SqlType time = SqlType.of(ColumnType.TIME);
    assertCoerces(45_296_789, time, "12:34:56.789");
    assertCoerces(45_296_789, time, "12:34:56.789999"); // finer than milliseconds is cut
    assertCoerces(60_000, time, "00:01");
    assertCoerces(86_399_999, time, LocalTime.MAX);
    assertCoerces(0, time, 0);
    assertFails(BAD_DATETIME, time, "24:00:00");
    assertFails(DATETIME_OVERFLOW, time, 86_400_000);
    assertFails(DATETIME_OVERFLOW, time, -1);
    assertFails(INVALID_CAST, time, "12:00".toCharArray());
  }

  @Test
  void timestamps() {
    SqlType ts = SqlType.of(ColumnType.TIMESTAMP);
    assertCoerces(946_684_800_000L, ts, "2000-01-01 00:00:00");
    assertCoerces(946_684_800_000L, ts, "2000-01-01");
    assertCoerces(946_684_800_000L, ts, LocalDate.of(2000, 1, 1));
    assertCoerces(946_684_800_123L, ts, "2000-01-01T00:00:00.123");
    assertCoerces(946_684_800_123L, ts, LocalDateTime.of(2000, 1, 1, 0, 0, 0, 123_456_789));
    assertCoerces(-1L, ts, "1969-12-31 23:59:59.999");
    assertCoerces(5L, ts, 5);
    assertFails(BAD_DATETIME, ts, "2000-01-01 25:00");
    assertFails(BAD_DATETIME, ts, "2000-01-01x");
    assertFails(BAD_DATETIME, ts, "noon");
    assertFails(DATETIME_OVERFLOW, ts, LocalDateTime.MAX);
    assertFails(INVALID_CAST, ts, true);
  }

  private static void assertCoerces(Object expected, SqlType type, Object value) {
    Object actual = RowCodec.coerce(type, value);
    assertEquals(expected, actual, type + " from " + value);
    assertEquals(expected.getClass(), actual.getClass(), type + " from " + value);
  }

  private static void assertFails(String sqlState, SqlType type, Object value) {
    DataException e =
        assertThrows(
            DataException.class, () -> RowCodec.coerce(type, value), type + " from " + value);
    assertEquals(sqlState, e.sqlState(), e.getMessage());
  }
}
