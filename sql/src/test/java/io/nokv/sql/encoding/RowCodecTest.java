package io.nokv.sql.encoding;

import static io.nokv.sql.encoding.KeyCodecTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

/** The {@link RowCodec} value format through {@link RowWriter} and {@link RowDecoder}. */
class RowCodecTest {
  private static final SqlType BOOLEAN = SqlType.of(ColumnType.BOOLEAN);
  private static final SqlType TINYINT = SqlType.of(ColumnType.TINYINT);
  private static final SqlType INTEGER = SqlType.of(ColumnType.INTEGER);
  private static final SqlType BIGINT = SqlType.of(ColumnType.BIGINT);
  private static final SqlType DECIMAL = SqlType.of(ColumnType.DECIMAL);
  private static final SqlType REAL = SqlType.of(ColumnType.REAL);
  private static final SqlType DOUBLE = SqlType.of(ColumnType.DOUBLE);
  private static final SqlType VARCHAR = SqlType.of(ColumnType.VARCHAR);
  private static final SqlType VARBINARY = SqlType.of(ColumnType.VARBINARY);
  private static final SqlType[] ALL_TYPES =
      Arrays.stream(ColumnType.values()).map(SqlType::of).toArray(SqlType[]::new);

  @Test
  void layoutMatchesTheClassComment() {
    assertEncodes(
        "01 03 | 01 04 0a | 03 00 | 07 0a 02 6869",
        new int[] {1, 3, 7},
        new SqlType[] {INTEGER, INTEGER, VARCHAR},
        5,
        null,
        "hi");
    assertEncodes("01 00", new int[0], new SqlType[0]);
    assertEncodes("01 01 | 00 01 01", new int[] {0}, new SqlType[] {BOOLEAN}, true);
    assertEncodes("01 01 | 00 05 01", new int[] {0}, new SqlType[] {BIGINT}, -1L);
    assertEncodes("01 01 | 00 02 ff01", new int[] {0}, new SqlType[] {TINYINT}, Byte.MIN_VALUE);
    assertEncodes("01 01 | 00 06 04 02 0096", new int[] {0}, new SqlType[] {DECIMAL}, bd("1.50"));
    assertEncodes("01 01 | 00 06 04 01 fb", new int[] {0}, new SqlType[] {DECIMAL}, bd("-0.05"));
    assertEncodes("01 01 | 00 07 0000803f", new int[] {0}, new SqlType[] {REAL}, 1.0f);
    assertEncodes("01 01 | 00 08 000000000000f03f", new int[] {0}, new SqlType[] {DOUBLE}, 1.0);
    assertEncodes(
        "01 01 | 00 0b 02 00ff",
        new int[] {0},
        new SqlType[] {VARBINARY},
        new ByteString(new byte[] {0, (byte) 0xff}));
    assertEncodes("01 01 | ac02 0a 00", new int[] {300}, new SqlType[] {VARCHAR}, "");
  }

  @Test
  void everyTypeRoundTrips() {
    RandomValues r = RandomValues.seeded("everyTypeRoundTrips");
    int[] ids = new int[ALL_TYPES.length];
    Arrays.setAll(ids, i -> 3 * i + 1);
    RowWriter writer = new RowWriter();
    RowDecoder decoder = new RowDecoder(ids, ALL_TYPES, null);
    for (int round = 0; round < 3000; round++) {
      Object[] row = new Object[ALL_TYPES.length];
      for (int i = 0; i < row.length; i++) {
        row[i] = r.rnd.nextInt(8) == 0 ? null : r.value(ALL_TYPES[i].type());
      }
      Object[] out = new Object[row.length];
      decoder.decode(writer.encode(ids, ALL_TYPES, row), out);
      for (int i = 0; i < row.length; i++) {
        assertEquals(row[i], out[i], "seed " + r.seed + ", " + ALL_TYPES[i]);
        if (row[i] != null) {
          assertSame(row[i].getClass(), out[i].getClass());
        }
      }
    }
    // Raw bits are kept: -0.0 stays -0.0 in a row (only keys merge it with 0.0).
    Object[] out = new Object[1];
    new RowDecoder(new int[] {0}, new SqlType[] {DOUBLE}, null)
        .decode(RowCodec.encode(new int[] {0}, new SqlType[] {DOUBLE}, new Object[] {-0.0}), out);
    assertEquals(-0.0, out[0]);
  }

  @Test
  void randomProjectionsMatchAModel() {
    RandomValues r = RandomValues.seeded("randomProjectionsMatchAModel");
    for (int round = 0; round < 2000; round++) {
      // A schema with gaps in its ids (dropped columns) and a row missing some columns (added
      // later).
      List<Integer> schemaIds = new ArrayList<>();
      for (int id = r.rnd.nextInt(3);
          schemaIds.size() < 1 + r.rnd.nextInt(15);
          id += 1 + r.rnd.nextInt(3)) {
        schemaIds.add(id);
      }
      List<Integer> stored = new ArrayList<>();
      List<SqlType> storedTypes = new ArrayList<>();
      List<Object> storedValues = new ArrayList<>();
      SqlType[] typeOf = new SqlType[schemaIds.get(schemaIds.size() - 1) + 4];
      Object[] valueOf = new Object[typeOf.length];
      boolean[] present = new boolean[typeOf.length];
      for (int id : schemaIds) {
        typeOf[id] = ALL_TYPES[r.rnd.nextInt(ALL_TYPES.length)];
        if (r.rnd.nextInt(5) > 0) {
          present[id] = true;
          valueOf[id] = r.rnd.nextInt(6) == 0 ? null : r.value(typeOf[id].type());
          stored.add(id);
          storedTypes.add(typeOf[id]);
          storedValues.add(valueOf[id]);
        }
      }
      byte[] row =
          RowCodec.encode(
              stored.stream().mapToInt(Integer::intValue).toArray(),
              storedTypes.toArray(SqlType[]::new),
              storedValues.toArray());

      // Ask for a random subset, in random order, plus ids the row never had.
      List<Integer> asked = new ArrayList<>(schemaIds);
      Collections.shuffle(asked, r.rnd);
      asked = new ArrayList<>(asked.subList(0, 1 + r.rnd.nextInt(asked.size())));
      for (int id = 0; id < typeOf.length; id++) {
        if (typeOf[id] == null && r.rnd.nextInt(4) == 0) {
          typeOf[id] = ALL_TYPES[r.rnd.nextInt(ALL_TYPES.length)];
          asked.add(id);
        }
      }
      Collections.shuffle(asked, r.rnd);
      int n = asked.size();
      int[] ids = asked.stream().mapToInt(Integer::intValue).toArray();
      SqlType[] types = new SqlType[n];
      Object[] defaults = new Object[n];
      for (int i = 0; i < n; i++) {
        types[i] = typeOf[ids[i]];
        defaults[i] = r.rnd.nextBoolean() ? null : r.value(types[i].type());
      }
      List<Integer> slots = new ArrayList<>();
      for (int i = 0; i < n + 2; i++) {
        slots.add(i);
      }
      Collections.shuffle(slots, r.rnd);
      int[] positions = slots.stream().limit(n).mapToInt(Integer::intValue).toArray();

      Object[] out = new Object[n + 2];
      new RowDecoder(ids, types, defaults).decode(row, out, positions);
      for (int i = 0; i < n; i++) {
        Object expected = present[ids[i]] ? valueOf[ids[i]] : defaults[i];
        assertEquals(expected, out[positions[i]], "seed " + r.seed + ", column id " + ids[i]);
      }
    }
  }

  @Test
  void absentColumnsReadAsTheirDefaultButAPresentNullStaysNull() {
    byte[] row =
        RowCodec.encode(
            new int[] {1, 2}, new SqlType[] {INTEGER, INTEGER}, new Object[] {10, null});
    Object[] out = new Object[4];
    // Defaults are coerced to the column type once, up front: 7 becomes a Long for BIGINT.
    new RowDecoder(
            new int[] {3, 2, 1, 0},
            new SqlType[] {BIGINT, INTEGER, INTEGER, VARCHAR},
            new Object[] {7, 99, 99, null})
        .decode(row, out);
    assertArrayEquals(new Object[] {7L, null, 10, null}, out);
    assertThrows(
        DataException.class,
        () -> new RowDecoder(new int[] {1}, new SqlType[] {TINYINT}, new Object[] {1000}));
  }

  @Test
  void droppedColumnsAreSkippedWhateverTheirType() {
    int[] ids = new int[ALL_TYPES.length];
    Arrays.setAll(ids, i -> i);
    RandomValues r = RandomValues.seeded("droppedColumnsAreSkippedWhateverTheirType");
    Object[] values = new Object[ids.length];
    Arrays.setAll(values, i -> r.value(ALL_TYPES[i].type()));
    byte[] row = RowCodec.encode(ids, ALL_TYPES, values);
    for (int i = 0; i < ids.length; i++) {
      Object[] out = new Object[1];
      new RowDecoder(new int[] {i}, new SqlType[] {ALL_TYPES[i]}, null).decode(row, out);
      assertEquals(values[i], out[0], "seed " + r.seed + ", " + ALL_TYPES[i]);
    }
  }

  @Test
  void aColumnWhoseTypeChangedIsConvertedOnRead() {
    byte[] row =
        RowCodec.encode(
            new int[] {1, 2, 3, 4},
            new SqlType[] {INTEGER, VARCHAR, SqlType.of(ColumnType.DECIMAL, 10, 3), VARCHAR},
            new Object[] {5, "ab", bd("1.245"), "x"});
    Object[] out = new Object[4];
    new RowDecoder(
            new int[] {1, 2, 3, 4},
            new SqlType[] {
              BIGINT, SqlType.of(ColumnType.CHAR, 4), SqlType.of(ColumnType.DECIMAL, 10, 2), VARCHAR
            },
            null)
        .decode(row, out);
    assertArrayEquals(new Object[] {5L, "ab  ", bd("1.25"), "x"}, out);
    DataException e =
        assertThrows(
            DataException.class,
            () -> new RowDecoder(new int[] {2}, new SqlType[] {INTEGER}, null).decode(row, out));
    assertEquals(DataException.INVALID_CAST, e.sqlState());
  }

  @Test
  void readingStopsAfterTheLastColumnAskedFor() {
    // Column 2's tag is damaged; a reader that wants column 1 only never looks at it.
    byte[] row = hex("01 02 | 01 04 0a | 02 ee 00");
    Object[] out = new Object[1];
    new RowDecoder(new int[] {1}, new SqlType[] {INTEGER}, null).decode(row, out);
    assertEquals(5, out[0]);
    RowFormatException e =
        assertThrows(
            RowFormatException.class,
            () -> new RowDecoder(new int[] {2}, new SqlType[] {INTEGER}, null).decode(row, out));
    assertEquals(6, e.offset());
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RowCodec.encode(new int[] {2, 1}, new SqlType[] {INTEGER, INTEGER}, new Object[2]));
    assertThrows(
        IllegalArgumentException.class,
        () -> RowCodec.encode(new int[] {1, 1}, new SqlType[] {INTEGER, INTEGER}, new Object[2]));
    assertThrows(
        IllegalArgumentException.class,
        () -> RowCodec.encode(new int[] {-1}, new SqlType[] {INTEGER}, new Object[1]));
    assertThrows(
        IllegalArgumentException.class,
        () -> RowCodec.encode(new int[] {1}, new SqlType[] {INTEGER}, new Object[] {5L}));
    assertThrows(
        IllegalArgumentException.class,
        () -> RowCodec.encode(new int[] {1}, new SqlType[] {INTEGER}, new Object[0]));
    assertEquals(
        DataException.CHARACTER_NOT_IN_REPERTOIRE,
        assertThrows(
                DataException.class,
                () ->
                    RowCodec.encode(
                        new int[] {1}, new SqlType[] {VARCHAR}, new Object[] {"\udc00"}))
            .sqlState());
    assertThrows(
        IllegalArgumentException.class,
        () -> new RowDecoder(new int[] {1, 1}, new SqlType[] {INTEGER, INTEGER}, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RowDecoder(new int[] {-1}, new SqlType[] {INTEGER}, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RowDecoder(new int[] {1}, new SqlType[] {INTEGER}, new Object[2]));
  }

  @Test
  void aReusedWriterReturnsIndependentArrays() {
    RowWriter w = new RowWriter();
    byte[] a = w.encode(new int[] {1}, new SqlType[] {VARCHAR}, new Object[] {"x".repeat(500)});
    byte[] b = w.encode(new int[] {1}, new SqlType[] {INTEGER}, new Object[] {1});
    assertEquals(1 + 1 + 1 + 1 + 2 + 500, a.length);
    assertArrayEquals(hex("01 01 01 04 02"), b);
  }

  @Test
  void corruptValuesNameTheDamage() {
    assertCorrupt("", 0, "ends early");
    assertCorrupt("02 00", 0, "version 2");
    assertCorrupt("01 01 | 01 63 00", 3, "unknown type tag 99");
    assertCorrupt("01 02 | 05 04 0a | 03 04 0a", 5, "column id 3 after 5");
    assertCorrupt("01 02 | 05 04 0a | 05 04 0a", 5, "column id 5 after 5");
    assertCorrupt("01 01 | 05 04 0a | 00", 5, "1 bytes after the last column");
    assertCorrupt("01 02 | 05 04 0a", 5, "ends early");
    assertCorrupt("01 01 | 05 01 02", 4, "BOOLEAN byte 2");
    assertCorrupt("01 01 | 05 02 d804", 3, "value 300 out of range");
    assertCorrupt("01 8080808080808080808001", 1, "varint longer than 10 bytes");
    assertCorrupt("01 ffffffff0f", 1, "column count 4294967295 out of range");
    assertCorrupt("01 01 | 05 0a 05 6162", 5, "5 bytes needed, 2 left");
    assertCorrupt("01 01 | 05 06 00 00", 4, "bad DECIMAL header");
    assertCorrupt("01 01 | 05 06 8080808020 01 01", 4, "bad DECIMAL header");
    assertCorrupt("01 01 | 05 08 0000", 4, "8 bytes needed, 2 left");
  }

  @Test
  void everyTruncationIsDetected() {
    RandomValues r = RandomValues.seeded("everyTruncationIsDetected");
    int[] ids = new int[ALL_TYPES.length];
    Arrays.setAll(ids, i -> 200 * i);
    Object[] values = new Object[ids.length];
    Arrays.setAll(values, i -> r.value(ALL_TYPES[i].type()));
    byte[] row = RowCodec.encode(ids, ALL_TYPES, values);
    RowDecoder all = new RowDecoder(ids, ALL_TYPES, null);
    for (int len = 0; len < row.length; len++) {
      byte[] cut = Arrays.copyOf(row, len);
      assertThrows(
          RowFormatException.class,
          () -> all.decode(cut, new Object[ids.length]),
          "seed " + r.seed);
    }
  }

  @Test
  void damagedValuesFailOnlyWithTypedExceptions() {
    RandomValues r = RandomValues.seeded("damagedValuesFailOnlyWithTypedExceptions");
    int[] ids = new int[ALL_TYPES.length];
    Arrays.setAll(ids, i -> i);
    RowDecoder all = new RowDecoder(ids, ALL_TYPES, null);
    for (int round = 0; round < 20_000; round++) {
      Object[] values = new Object[ids.length];
      Arrays.setAll(values, i -> r.rnd.nextBoolean() ? null : r.value(ALL_TYPES[i].type()));
      byte[] row = RowCodec.encode(ids, ALL_TYPES, values);
      for (int flips = 1 + r.rnd.nextInt(3); flips > 0; flips--) {
        row[r.rnd.nextInt(row.length)] = (byte) r.rnd.nextInt(256);
      }
      try {
        all.decode(row, new Object[ids.length]);
      } catch (RowFormatException | DataException expected) {
        // A flipped tag can turn a value into another type, which then fails to convert.
      } catch (RuntimeException e) {
        throw new AssertionError(
            "seed " + r.seed + ": " + HexFormat.of().formatHex(row) + " threw " + e, e);
      }
    }
  }

  private static void assertCorrupt(String hex, int offset, String message) {
    int[] ids = {1, 5, 9};
    RowDecoder decoder = new RowDecoder(ids, new SqlType[] {INTEGER, INTEGER, INTEGER}, null);
    RowFormatException e =
        assertThrows(RowFormatException.class, () -> decoder.decode(hex(hex), new Object[3]), hex);
    assertEquals(offset, e.offset(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static void assertEncodes(String hex, int[] ids, SqlType[] types, Object... values) {
    assertEquals(
        hex.replaceAll("[ |]", ""), HexFormat.of().formatHex(RowCodec.encode(ids, types, values)));
  }

  private static BigDecimal bd(String s) {
    return new BigDecimal(s);
  }
}
