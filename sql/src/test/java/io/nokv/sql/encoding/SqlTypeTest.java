package io.nokv.sql.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link ColumnType} codes and {@link SqlType} parameters. */
class SqlTypeTest {
  @Test
  void codesAreTheDocumentedOnes() {
    // Persisted: changing this table breaks existing databases.
    String expected =
        "BOOLEAN=1 TINYINT=2 SMALLINT=3 INTEGER=4 BIGINT=5 DECIMAL=6 REAL=7 DOUBLE=8 CHAR=9"
            + " VARCHAR=10 VARBINARY=11 DATE=12 TIME=13 TIMESTAMP=14";
    StringBuilder actual = new StringBuilder();
    for (ColumnType t : ColumnType.values()) {
      actual.append(actual.isEmpty() ? "" : " ").append(t).append('=').append(t.code());
      assertEquals(t, ColumnType.fromCode(t.code()));
    }
    assertEquals(expected, actual.toString());
    assertNull(ColumnType.fromCode(0));
    assertNull(ColumnType.fromCode(15));
    assertNull(ColumnType.fromCode(-1));
    assertNull(ColumnType.fromCode(255));
  }

  @Test
  void rendersAsSql() {
    assertEquals("INTEGER", SqlType.of(ColumnType.INTEGER).toString());
    assertEquals("VARCHAR(20)", SqlType.of(ColumnType.VARCHAR, 20).toString());
    assertEquals("VARCHAR", SqlType.of(ColumnType.VARCHAR).toString());
    assertEquals("DECIMAL(10,2)", SqlType.of(ColumnType.DECIMAL, 10, 2).toString());
    assertEquals("DECIMAL(10,0)", SqlType.of(ColumnType.DECIMAL, 10).toString());
    assertEquals("DECIMAL", SqlType.of(ColumnType.DECIMAL).toString());
    assertEquals(new SqlType(ColumnType.CHAR, 3, -1), SqlType.of(ColumnType.CHAR, 3));
  }

  @Test
  void rejectsParametersATypeDoesNotTake() {
    assertThrows(IllegalArgumentException.class, () -> SqlType.of(ColumnType.INTEGER, 5));
    assertThrows(IllegalArgumentException.class, () -> SqlType.of(ColumnType.VARCHAR, 0));
    assertThrows(IllegalArgumentException.class, () -> SqlType.of(ColumnType.VARCHAR, 5, 1));
    assertThrows(IllegalArgumentException.class, () -> SqlType.of(ColumnType.DECIMAL, 2, 3));
    assertThrows(IllegalArgumentException.class, () -> SqlType.of(ColumnType.DECIMAL, 5, -1));
    assertThrows(IllegalArgumentException.class, () -> SqlType.of(ColumnType.DECIMAL, -1, 2));
    assertThrows(IllegalArgumentException.class, () -> SqlType.of(ColumnType.TIMESTAMP, 3));
    assertThrows(IllegalArgumentException.class, () -> SqlType.of(null));
  }
}
