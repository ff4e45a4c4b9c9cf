package io.nokv.sql.encoding;

import static io.nokv.sql.encoding.KeyCodecTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key-space layout of {@link TableKeys}. */
class TableKeysTest {
  private static final SqlType INTEGER = SqlType.of(ColumnType.INTEGER);
  private static final SqlType VARCHAR = SqlType.of(ColumnType.VARCHAR);

  @Test
  void layouts() {
    assertArrayEquals(hex("74 0000000000000102"), TableKeys.tablePrefix(0x102));
    assertArrayEquals(hex("74 0000000000000102 5f72"), TableKeys.rowPrefix(0x102));
    assertArrayEquals(hex("74 0000000000000102 5f72 aabb"), TableKeys.rowKey(0x102, hex("aabb")));
    assertArrayEquals(
        hex("74 0000000000000102 5f69 0000000000000003"), TableKeys.indexPrefix(0x102, 3));
    assertArrayEquals(
        hex("74 0000000000000102 5f69 0000000000000003 cc"),
        TableKeys.indexKey(0x102, 3, hex("cc")));
    assertArrayEquals(hex("63 7573657273"), TableKeys.catalogKey("users"));
    assertArrayEquals(new byte[] {TableKeys.CATALOG_PREFIX}, TableKeys.catalogKey(""));
    assertEquals(TableKeys.ROW_PREFIX_LENGTH, TableKeys.rowPrefix(1).length);
    assertEquals(TableKeys.INDEX_PREFIX_LENGTH, TableKeys.indexPrefix(1, 1).length);
  }

  @Test
  void tablesAndIndexesOccupyDisjointContiguousRanges() {
    byte[] rows = TableKeys.rowPrefix(7);
    byte[] index = TableKeys.indexPrefix(7, 1);
    byte[] row = TableKeys.rowKey(7, KeyCodec.encodeKey(List.of(INTEGER), new Object[] {-5}));
    assertTrue(startsWith(row, rows) && startsWith(row, TableKeys.tablePrefix(7)));
    assertTrue(startsWith(index, TableKeys.tablePrefix(7)));
    assertFalse(startsWith(index, rows));
    byte[] tableEnd = KeyCodec.prefixEnd(TableKeys.tablePrefix(7));
    assertTrue(Arrays.compareUnsigned(row, tableEnd) < 0);
    assertTrue(Arrays.compareUnsigned(TableKeys.tablePrefix(8), tableEnd) >= 0);
    // Big-endian ids sort numerically, also across a byte boundary.
    assertTrue(Arrays.compareUnsigned(TableKeys.rowPrefix(255), TableKeys.rowPrefix(256)) < 0);
    assertTrue(
        Arrays.compareUnsigned(TableKeys.indexPrefix(1, 255), TableKeys.indexPrefix(1, 256)) < 0);
    assertTrue(Arrays.compareUnsigned(TableKeys.catalogKey("zzz"), TableKeys.tablePrefix(0)) < 0);
  }

  @Test
  void rowKeysDecodeAfterThePrefixAndBuildInAReusedWriter() {
    KeyWriter w = new KeyWriter();
    TableKeys.writeRowPrefix(w, 42);
    int prefix = w.length();
    for (int id = 0; id < 3; id++) {
      w.truncate(prefix);
      KeyCodec.encode(w, INTEGER, id);
      KeyCodec.encode(w, VARCHAR, "n" + id);
      byte[] key = w.toByteArray();
      assertArrayEquals(
          TableKeys.rowKey(
              42, KeyCodec.encodeKey(List.of(INTEGER, VARCHAR), new Object[] {id, "n" + id})),
          key);
      KeyReader in = new KeyReader(key, TableKeys.ROW_PREFIX_LENGTH);
      assertEquals(id, in.decode(INTEGER));
      assertEquals("n" + id, in.decode(VARCHAR));
    }
    w.reset();
    TableKeys.writeIndexPrefix(w, 42, 9);
    assertArrayEquals(TableKeys.indexPrefix(42, 9), w.toByteArray());
  }

  @Test
  void uniqueIndexKeysCarryThePkOnlyWhenAValueIsNull() {
    assertTrue(TableKeys.pkInIndexKey(false, new Object[] {1, "a"}));
    assertFalse(TableKeys.pkInIndexKey(true, new Object[] {1, "a"}));
    assertTrue(TableKeys.pkInIndexKey(true, new Object[] {1, null}));
    assertTrue(TableKeys.pkInIndexKey(false, new Object[] {null}));
  }

  @Test
  void negativeIdsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> TableKeys.rowPrefix(-1));
    assertThrows(IllegalArgumentException.class, () -> TableKeys.indexPrefix(1, -1));
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
