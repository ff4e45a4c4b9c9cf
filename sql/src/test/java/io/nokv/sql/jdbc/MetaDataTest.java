package io.nokv.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What tools such as DBeaver ask a connection about its database. */
class MetaDataTest {
  private static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString(name));
      }
    }
    return out;
  }

  @Test
  void tablesColumnsKeysIndexesSchemasAndTypes() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:nokv:mem:meta-" + UUID.randomUUID());
         Statement st = c.createStatement()) {
      st.execute("CREATE TABLE orders (id BIGINT, line INT, sku VARCHAR(20) NOT NULL, PRIMARY KEY (id, line))");
      st.execute("CREATE UNIQUE INDEX orders_sku ON orders (sku)");
      st.execute("CREATE SCHEMA archive");
      DatabaseMetaData md = c.getMetaData();
      assertEquals("NoKV", md.getDatabaseProductName());
      assertTrue(md.supportsTransactions());
      assertEquals(Connection.TRANSACTION_REPEATABLE_READ, md.getDefaultTransactionIsolation());
      assertTrue(md.storesLowerCaseIdentifiers());
      assertTrue(column(md.getTables(null, "public", "%", null), "TABLE_NAME").contains("orders"));
      assertEquals(List.of("id", "line", "sku"), column(md.getColumns(null, "public", "orders", "%"), "COLUMN_NAME"));
      assertEquals(List.of("id", "line"), column(md.getPrimaryKeys(null, "public", "orders"), "COLUMN_NAME"));
      List<String> indexes = column(md.getIndexInfo(null, "public", "orders", true, false), "INDEX_NAME");
      assertEquals(List.of("orders_pkey", "orders_pkey", "orders_sku"), indexes);
      List<String> schemas = column(md.getSchemas(), "TABLE_SCHEM");
      assertTrue(schemas.contains("public") && schemas.contains("archive"), schemas.toString());
      assertFalse(column(md.getTypeInfo(), "TYPE_NAME").isEmpty());
      assertTrue(column(md.getPrimaryKeys(null, "public", "nosuch"), "COLUMN_NAME").isEmpty());
    }
  }
}
