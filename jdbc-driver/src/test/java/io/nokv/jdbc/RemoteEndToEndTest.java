package io.nokv.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The driver against a real Avatica protobuf server (over H2), through HikariCP as apps use it. */
class RemoteEndToEndTest {
  private AvaticaH2Server server;
  private HikariDataSource pool;

  @BeforeEach
  void start() throws SQLException {
    server = new AvaticaH2Server();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.url());
    config.setDriverClassName(NokvDriver.class.getName());
    config.setMaximumPoolSize(2);
    config.setPoolName("nokv-e2e");
    pool = new HikariDataSource(config);
  }

  @AfterEach
  void stop() throws SQLException {
    try {
      if (pool != null) {
        pool.close();
      }
    } finally {
      server.close();
    }
  }

  @Test
  void ddlDmlAndSelect() throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(20) NOT NULL, balance BIGINT)");
      s.execute("CREATE INDEX accounts_owner ON accounts (owner)");
      assertEquals(2, s.executeUpdate("INSERT INTO accounts VALUES (1, 'alice', 100), (2, 'bob', 50)"));
      try (PreparedStatement p = c.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?)")) {
        for (int i = 3; i <= 5; i++) {
          p.setInt(1, i);
          p.setString(2, "user" + i);
          p.setLong(3, i * 10L);
          p.addBatch();
        }
        assertEquals(3, p.executeBatch().length);
      }
      assertEquals(1, s.executeUpdate("UPDATE accounts SET balance = balance + 1 WHERE id = 1"));
      assertEquals(1, s.executeUpdate("DELETE FROM accounts WHERE id = 5"));
      try (PreparedStatement q = c.prepareStatement("SELECT id, owner, balance FROM accounts WHERE balance > ? ORDER BY id")) {
        q.setLong(1, 20);
        assertEquals(List.of("1 alice 101", "2 bob 50", "3 user3 30", "4 user4 40"), rows(q.executeQuery()));
      }
    }
  }

  @Test
  void metadataCallsWork() throws SQLException {
    try (Connection c = pool.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(10))");
        s.execute("CREATE INDEX items_name ON items (name)");
      }
      DatabaseMetaData md = c.getMetaData();
      assertEquals("NoKV JDBC Driver", md.getDriverName());
      assertEquals(server.url(), md.getURL());
      assertFalse(md.getDriverVersion().isBlank());
      assertTrue(md.supportsTransactions());
      assertTrue(md.supportsTransactionIsolationLevel(md.getDefaultTransactionIsolation()));
      c.setTransactionIsolation(md.getDefaultTransactionIsolation());
      assertEquals(List.of("ITEMS"), column(md.getTables(null, null, "ITEMS", null), "TABLE_NAME"));
      assertEquals(List.of("ID", "NAME"), column(md.getColumns(null, null, "ITEMS", null), "COLUMN_NAME"));
      // getPrimaryKeys and getIndexInfo query the server's nokv_catalog schema, which H2 lacks;
      // server/NokvRemoteTest checks them against a NoKV server.
      assertTrue(column(md.getSchemas(), "TABLE_SCHEM").contains("PUBLIC"));
      assertFalse(column(md.getTypeInfo(), "TYPE_NAME").isEmpty());
      assertFalse(column(md.getCatalogs(), "TABLE_CAT").isEmpty());
      assertFalse(column(md.getTableTypes(), "TABLE_TYPE").isEmpty());
    }
  }

  @Test
  void transactionsCommitAndRollBack() throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (k INT PRIMARY KEY, v INT)");
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO t VALUES (1, 1)");
      c.commit();
      s.executeUpdate("INSERT INTO t VALUES (2, 2)");
      s.executeUpdate("UPDATE t SET v = 10 WHERE k = 1");
      try (Connection other = pool.getConnection(); Statement o = other.createStatement()) {
        assertEquals(List.of("1 1"), rows(o.executeQuery("SELECT k, v FROM t ORDER BY k")),
            "another connection does not see uncommitted rows");
      }
      c.rollback();
      assertEquals(List.of("1 1"), rows(s.executeQuery("SELECT k, v FROM t ORDER BY k")));
      c.setAutoCommit(true);
      s.executeUpdate("INSERT INTO t VALUES (3, 3)");
    }
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      assertTrue(c.getAutoCommit());
      assertEquals(List.of("1 1", "3 3"), rows(s.executeQuery("SELECT k, v FROM t ORDER BY k")));
    }
  }

  @Test
  void schemaInTheUrlBecomesTheConnectionsSchema() throws SQLException {
    try (Connection h2 = server.h2(); Statement s = h2.createStatement()) {
      s.execute("CREATE SCHEMA sales");
      s.execute("CREATE TABLE sales.orders (id INT PRIMARY KEY)");
      s.execute("INSERT INTO sales.orders VALUES (7)");
    }
    try (Connection c = DriverManager.getConnection(server.url() + "/SALES");
        Statement s = c.createStatement()) {
      assertEquals("SALES", c.getSchema());
      assertEquals(List.of("7"), rows(s.executeQuery("SELECT id FROM orders")));
    }
  }

  @Test
  void unknownSchemaFailsTheConnect() {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(server.url() + "/NOPE"));
    assertTrue(e.getMessage().startsWith("cannot use schema 'NOPE' on the NoKV server at 127.0.0.1:" + server.port()),
        e.getMessage());
  }

  @Test
  void serverSideErrorsAreSqlExceptions() throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM missing_table"));
      assertTrue(e.getMessage().contains("MISSING_TABLE"), e.getMessage());
      assertEquals(List.of("1"), rows(s.executeQuery("SELECT 1")), "the connection stays usable");
    }
  }

  @Test
  void userAndPasswordReachTheServersDatabase() throws SQLException {
    try (Connection h2 = server.h2(); Statement s = h2.createStatement()) {
      s.execute("CREATE USER bob PASSWORD 'secret' ADMIN");
    }
    Properties info = new Properties();
    info.setProperty("user", "BOB");
    info.setProperty("password", "secret");
    try (Connection c = new NokvDriver().connect(server.url(), info); Statement s = c.createStatement()) {
      assertEquals(List.of("BOB"), rows(s.executeQuery("SELECT CURRENT_USER")));
      assertEquals("BOB", c.getMetaData().getUserName());
    }
    info.setProperty("password", "wrong");
    SQLException e = assertThrows(SQLException.class, () -> new NokvDriver().connect(server.url(), info));
    // A plain JdbcMeta does not pass the database's SQLState on (the NoKV server does): 08004.
    assertEquals("08004", e.getSQLState());
    assertTrue(e.getMessage().contains("Wrong user name or password"), e.getMessage());
    assertTrue(e.getMessage().startsWith("the NoKV server at 127.0.0.1:" + server.port() + " refused the connection: "),
        e.getMessage());
  }

  private static List<String> rows(ResultSet rs) throws SQLException {
    try (rs) {
      List<String> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? " " : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
      return out;
    }
  }

  private static List<String> column(ResultSet rs, String name) throws SQLException {
    try (rs) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(name));
      }
      return out;
    }
  }
}
