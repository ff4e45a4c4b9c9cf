package io.nokv.sql.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

/** The {@link KeyCodec} byte layouts, the orderings the design promises, and corrupt keys. */
class KeyCodecTest {
  private static final SqlType BOOLEAN = SqlType.of(ColumnType.BOOLEAN);
  private static final SqlType TINYINT = SqlType.of(ColumnType.TINYINT);
  private static final SqlType INTEGER = SqlType.of(ColumnType.INTEGER);
  private static final SqlType BIGINT = SqlType.of(ColumnType.BIGINT);
  private static final SqlType DECIMAL = SqlType.of(ColumnType.DECIMAL);
  private static final SqlType REAL = SqlType.of(ColumnType.REAL);
  private static final SqlType DOUBLE = SqlType.of(ColumnType.DOUBLE);
  private static final SqlType VARCHAR = SqlType.of(ColumnType.VARCHAR);
  private static final SqlType VARBINARY = SqlType.of(ColumnType.VARBINARY);

  @Test
  void layoutsMatchTheClassComment() {
    assertEncodes("00", INTEGER, null);
    assertEncodes("01 01", BOOLEAN, true);
    assertEncodes("01 00", BOOLEAN, false);
    assertEncodes("01 8000000000000001", INTEGER, 1);
    assertEncodes("01 7fffffffffffffff", BIGINT, -1L);
    assertEncodes("01 0000000000000000", BIGINT, Long.MIN_VALUE);
    assertEncodes("01 8000000000000000", DOUBLE, 0.0);
    assertEncodes("01 bff0000000000000", DOUBLE, 1.0);
    assertEncodes("01 400fffffffffffff", DOUBLE, -1.0);
    assertEncodes("01 fff8000000000000", DOUBLE, Double.NaN);
    assertEncodes("01 61 0001", VARCHAR, "a");
    assertEncodes("01 61 00ff 62 0001", VARCHAR, "a\0b");
    assertEncodes("01 0001", VARCHAR, "");
    assertEncodes("01 c3a9 0001", VARCHAR, "\u00e9");
    assertEncodes("01 00ff ff 0001", VARBINARY, new ByteString(new byte[] {0, (byte) 0xff}));
  }

  @Test
  void decimalLayout() {
    assertEncodes("01 02", DECIMAL, new BigDecimal("0.000"));
    assertEncodes("01 03 81 01 1e", DECIMAL, new BigDecimal("1.5")); // 0.15E1
    assertEncodes("01 01 7e fe e1", DECIMAL, new BigDecimal("-1.5")); // inverted
    assertEncodes("01 03 7f 64", DECIMAL, new BigDecimal("0.05")); // 0.5E-1, digit 5 padded to 50
    assertEncodes("01 03 81 01 14", DECIMAL, new BigDecimal("1E+0")); // 0.1E1
    assertEncodes("01 03 81 03 19 3c", DECIMAL, new BigDecimal("123")); // pairs 12 (odd), 30 (last)
    assertEncodes(
        "01 03 82 0100 14", DECIMAL, new BigDecimal("1E+255")); // 0.1E256: 2-byte exponent
  }

  @Test
  void promisedOrders() {
    assertAscending(
        VARCHAR, "", "a", "a\0", "a\0\0", "a\u0001", "ab", "b", "\u00e9", "\ud83d\ude00");
    assertAscending(
        DECIMAL,
        bd("-1E+10"),
        bd("-10"),
        bd("-9.99"),
        bd("-0.001"),
        bd("0"),
        bd("1E-100"),
        bd("0.1"),
        bd("1"),
        bd("1.5"),
        bd("1.50001"),
        bd("2"),
        bd("10"),
        bd("1E+10"));
    assertAscending(
        DOUBLE,
        Double.NEGATIVE_INFINITY,
        -Double.MAX_VALUE,
        -1.0,
        -Double.MIN_VALUE,
        0.0,
        Double.MIN_VALUE,
        1.0,
        Double.MAX_VALUE,
        Double.POSITIVE_INFINITY,
        Double.NaN);
    assertAscending(BOOLEAN, null, false, true);
    assertAscending(INTEGER, null, Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE);
  }

  @Test
  void equalValuesShareOneEncoding() {
    assertArrayEquals(key(DECIMAL, bd("1.0")), key(DECIMAL, bd("1.00")));
    assertArrayEquals(key(DECIMAL, bd("1")), key(DECIMAL, bd("0.1E1")));
    assertArrayEquals(key(DECIMAL, bd("0")), key(DECIMAL, bd("0E-9")));
    assertArrayEquals(key(DOUBLE, 0.0), key(DOUBLE, -0.0));
    assertArrayEquals(key(REAL, 0.0f), key(REAL, -0.0f));
    assertArrayEquals(
        key(DOUBLE, Double.NaN), key(DOUBLE, Double.longBitsToDouble(0xfff0000000000001L)));
    // Integer widths share one encoding, so a TINYINT index can be probed with a BIGINT literal.
    assertArrayEquals(key(TINYINT, (byte) 5), key(BIGINT, 5L));
    assertArrayEquals(key(INTEGER, 5), key(INTEGER, (short) 5));
    // A REAL encodes as its exact double.
    assertArrayEquals(key(REAL, 0.1f), key(DOUBLE, (double) 0.1f));
  }

  @Test
  void decimalsComeBackStrippedAndExtremeExponentsWork() {
    assertEquals(bd("1.5"), decode(DECIMAL, key(DECIMAL, bd("1.500"))));
    assertEquals(bd("1E+3"), decode(DECIMAL, key(DECIMAL, bd("1000"))));
    assertEquals(BigDecimal.ZERO, decode(DECIMAL, key(DECIMAL, bd("-0.00"))));
    BigDecimal huge = new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE); // 1E+2147483648
    BigDecimal tiny = new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE);
    assertEquals(huge, decode(DECIMAL, key(DECIMAL, huge)));
    assertEquals(tiny, decode(DECIMAL, key(DECIMAL, tiny)));
    assertEquals(huge.negate(), decode(DECIMAL, key(DECIMAL, huge.negate())));
    assertAscending(DECIMAL, huge.negate(), tiny.negate(), tiny, huge);
    // 10E+2147483648 would need scale -2147483649 once stripped: no key for it.
    DataException e =
        assertThrows(
            DataException.class,
            () -> key(DECIMAL, new BigDecimal(BigInteger.valueOf(100), Integer.MIN_VALUE)));
    assertEquals(DataException.NUMERIC_OUT_OF_RANGE, e.sqlState());
  }

  @Test
  void unpairedSurrogatesHaveNoKey() {
    for (String s : List.of("\ud800", "a\udc00", "\ud800a")) {
      DataException e = assertThrows(DataException.class, () -> key(VARCHAR, s));
      assertEquals(DataException.CHARACTER_NOT_IN_REPERTOIRE, e.sqlState());
    }
  }

  @Test
  void wrongJavaClassIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> key(INTEGER, "1"));
    assertThrows(IllegalArgumentException.class, () -> key(INTEGER, 1.0));
    assertThrows(IllegalArgumentException.class, () -> key(REAL, 1.0));
    assertThrows(IllegalArgumentException.class, () -> key(DECIMAL, 1));
    assertThrows(IllegalArgumentException.class, () -> key(VARBINARY, new byte[0]));
    assertThrows(
        IllegalArgumentException.class, () -> KeyCodec.encodeKey(List.of(INTEGER), new Object[0]));
  }

  @Test
  void prefixEndBoundsEveryKeyWithThePrefix() {
    assertArrayEquals(hex("0102"), KeyCodec.prefixEnd(hex("0101")));
    assertArrayEquals(hex("02"), KeyCodec.prefixEnd(hex("01ffff")));
    assertArrayEquals(hex("01fe80"), KeyCodec.prefixEnd(hex("01fe7f")));
    assertNull(KeyCodec.prefixEnd(hex("ffff")));
    assertNull(KeyCodec.prefixEnd(new byte[0]));
    byte[] prefix = key(INTEGER, 7);
    byte[] end = KeyCodec.prefixEnd(prefix);
    byte[] longest = Arrays.copyOf(prefix, prefix.length + 3);
    Arrays.fill(longest, prefix.length, longest.length, (byte) 0xff);
    assertTrue(Arrays.compareUnsigned(longest, end) < 0);
    assertTrue(Arrays.compareUnsigned(key(INTEGER, 8), end) >= 0);
  }

  @Test
  void writerReuseAndTruncate() {
    KeyWriter w = new KeyWriter(1);
    w.writeRaw(hex("aabb"));
    int mark = w.length();
    KeyCodec.encode(w, VARCHAR, "x".repeat(100));
    w.truncate(mark);
    KeyCodec.encode(w, INTEGER, 1);
    assertArrayEquals(hex("aabb 01 8000000000000001"), w.toByteArray());
    assertThrows(IllegalArgumentException.class, () -> w.truncate(w.length() + 1));
    w.reset();
    assertEquals(0, w.length());
    assertArrayEquals(new byte[0], w.toByteArray());
  }

  @Test
  void readerStartsAtAnOffsetAndReportsPosition() {
    byte[] k = KeyCodec.encodeKey(List.of(VARCHAR, BIGINT), new Object[] {"ab", 9L});
    byte[] prefixed = new byte[k.length + 2];
    System.arraycopy(k, 0, prefixed, 2, k.length);
    KeyReader in = new KeyReader(prefixed, 2);
    in.skip(VARCHAR);
    assertEquals(2 + 5, in.position());
    assertEquals(9L, in.decode(BIGINT));
    assertThrows(IllegalArgumentException.class, () -> new KeyReader(k, k.length + 1));
  }

  @Test
  void corruptKeysFailWithTheOffset() {
    assertCorrupt(INTEGER, "02 8000000000000001", 0); // bad marker
    assertCorrupt(INTEGER, "01 80000000", 1); // truncated
    assertCorrupt(INTEGER, "", 0);
    assertCorrupt(TINYINT, "01 8000000000000100", 1); // 256 is no TINYINT
    assertCorrupt(BOOLEAN, "01 02", 1);
    assertCorrupt(VARCHAR, "01 6162", 1); // unterminated
    assertCorrupt(VARCHAR, "01 61 00", 1); // unterminated
    assertCorrupt(VARCHAR, "01 61 0002", 3); // bad escape
    assertCorrupt(DECIMAL, "01 04", 1); // bad class
    assertCorrupt(DECIMAL, "01 03 90", 2); // exponent of 16 bytes
    assertCorrupt(DECIMAL, "01 03 81 01 c9", 4); // digit byte 201
    assertCorrupt(DECIMAL, "01 03 81 01 13", 5); // no last digit byte
    assertCorrupt(DECIMAL, "01 03 81 01 02", 1); // leading zero digit
    assertCorrupt(DECIMAL, "01 03 88 8000000000000000", 2); // exponent beyond a long
    // skip() checks structure, not values.
    assertSkipFails(INTEGER, "01 80000000");
    assertSkipFails(VARCHAR, "01 6162");
    assertSkipFails(DECIMAL, "01 03 81 01 13");
    assertSkipFails(BOOLEAN, "02");
  }

  private static void assertCorrupt(SqlType type, String hex, int offset) {
    KeyFormatException e =
        assertThrows(KeyFormatException.class, () -> new KeyReader(hex(hex)).decode(type), hex);
    assertEquals(offset, e.offset(), e.getMessage());
  }

  private static void assertSkipFails(SqlType type, String hex) {
    assertThrows(KeyFormatException.class, () -> new KeyReader(hex(hex)).skip(type), hex);
  }

  private static void assertEncodes(String hex, SqlType type, Object value) {
    assertEquals(
        hex.replace(" ", ""), HexFormat.of().formatHex(key(type, value)), type + " " + value);
  }

  private static void assertAscending(SqlType type, Object... values) {
    for (int i = 1; i < values.length; i++) {
      assertTrue(
          Arrays.compareUnsigned(key(type, values[i - 1]), key(type, values[i])) < 0,
          values[i - 1] + " < " + values[i]);
    }
  }

  private static byte[] key(SqlType type, Object value) {
    return KeyCodec.encodeKey(List.of(type), new Object[] {value});
  }

  private static Object decode(SqlType type, byte[] key) {
    return new KeyReader(key).decode(type);
  }

  private static BigDecimal bd(String s) {
    return new BigDecimal(s);
  }

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("[ |]", ""));
  }
}
