package io.nokv.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.nokv.sql.NokvDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing end to end: a NoKV database served on port 0, reached with {@code jdbc:nokv://}
 * through HikariCP, as an application would.
 */
class NokvRemoteTest {
  @TempDir Path dir;
  private NokvDatabase db;
  private SqlServer server;
  private HikariDataSource pool;

  @BeforeEach
  void start() {
    db = NokvDatabase.open(dir);
    server = SqlServer.start(SqlServerConfig.of("jdbc:nokv:file:" + dir.toAbsolutePath(), "127.0.0.1", 0));
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl("jdbc:nokv://127.0.0.1:" + server.port());
    cfg.setMaximumPoolSize(4);
    pool = new HikariDataSource(cfg);
  }

  @AfterEach
  void stop() {
    pool.close();
    server.close();
    db.close();
  }

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
  void ddlDmlQueriesAndTransactions() throws SQLException {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE acct (id INT PRIMARY KEY, owner VARCHAR(20) NOT NULL UNIQUE, balance BIGINT)");
      assertEquals(2, st.executeUpdate("INSERT INTO acct VALUES (1, 'ann', 100), (2, 'bob', 50)"));
      try (PreparedStatement ps = c.prepareStatement("SELECT balance FROM acct WHERE id = ?")) {
        ps.setInt(1, 2);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(50, rs.getLong(1));
        }
      }
      c.setAutoCommit(false);
      st.executeUpdate("UPDATE acct SET balance = balance - 10 WHERE id = 1");
      st.executeUpdate("UPDATE acct SET balance = balance + 10 WHERE id = 2");
      c.commit();
      st.executeUpdate("DELETE FROM acct");
      c.rollback();
      c.setAutoCommit(true);
      assertEquals(List.of("90", "60"), column(st.executeQuery("SELECT balance FROM acct ORDER BY id"), "balance"));
      st.execute("BEGIN");
      st.executeUpdate("INSERT INTO acct VALUES (3, 'cy', 1)");
      st.execute("ROLLBACK");
      assertEquals(List.of("2"), column(st.executeQuery("SELECT COUNT(*) AS n FROM acct"), "n"));
    }
  }

  @Test
  void sqlStatesCrossTheWire() throws SQLException {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(3) NOT NULL)");
      st.executeUpdate("INSERT INTO t VALUES (1, 'a')");
      assertEquals("23505", assertThrows(SQLException.class,
          () -> st.executeUpdate("INSERT INTO t VALUES (1, 'b')")).getSQLState());
      assertEquals("23502", assertThrows(SQLException.class,
          () -> st.executeUpdate("INSERT INTO t VALUES (2, NULL)")).getSQLState());
      assertEquals("22001", assertThrows(SQLException.class,
          () -> st.executeUpdate("INSERT INTO t VALUES (2, 'abcd')")).getSQLState());
      assertEquals("42P01", assertThrows(SQLException.class,
          () -> st.executeQuery("SELECT * FROM nope")).getSQLState());
      assertEquals("22012", assertThrows(SQLException.class,
          () -> st.executeQuery("SELECT id / 0 FROM t")).getSQLState());
    }
  }

  @Test
  void concurrentWritersToOneRowGet40001() throws SQLException {
    try (Connection a = pool.getConnection(); Connection b = pool.getConnection();
         Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.execute("CREATE TABLE c (id INT PRIMARY KEY, n INT)");
      sa.executeUpdate("INSERT INTO c VALUES (1, 0)");
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      sa.executeUpdate("UPDATE c SET n = n + 1 WHERE id = 1");
      sb.executeUpdate("UPDATE c SET n = n + 1 WHERE id = 1");
      a.commit();
      assertEquals("40001", assertThrows(SQLException.class, b::commit).getSQLState());
      b.setAutoCommit(true);
      assertEquals(List.of("1"), column(sb.executeQuery("SELECT n FROM c WHERE id = 1"), "n"));
    }
  }

  @Test
  void metadataIncludingKeysAndIndexes() throws SQLException {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, sku VARCHAR(10) UNIQUE, qty INT)");
      st.execute("CREATE INDEX items_qty ON items (qty)");
      DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of("items"), column(md.getTables(null, "public", "items", null), "TABLE_NAME"));
      assertEquals(List.of("id", "sku", "qty"), column(md.getColumns(null, "public", "items", null), "COLUMN_NAME"));
      assertEquals(List.of("id"), column(md.getPrimaryKeys(null, "public", "items"), "COLUMN_NAME"));
      assertEquals(List.of("items_pkey", "items_sku_key", "items_qty"),
          column(md.getIndexInfo(null, "public", "items", false, false), "INDEX_NAME"));
      assertTrue(column(md.getSchemas(), "TABLE_SCHEM").contains("public"));
      assertTrue(column(md.getTypeInfo(), "TYPE_NAME").size() > 5);
    }
  }
}
