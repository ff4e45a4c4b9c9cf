package io.nokv.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions: autocommit, spanning transactions, isolation between connections, and restart. */
class SessionTest {
  @TempDir Path dir;

  private static long count(Statement st, String table) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void uncommittedWritesAreInvisibleToOthersUntilCommit() throws SQLException {
    String url = "jdbc:nokv:mem:session-" + UUID.randomUUID();
    try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url);
         Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      a.setAutoCommit(false);
      sa.executeUpdate("INSERT INTO t VALUES (1)");
      assertEquals(1, count(sa, "t"), "a statement sees its own transaction's writes");
      assertEquals(0, count(sb, "t"));
      a.commit();
      assertEquals(1, count(sb, "t"));
      sa.executeUpdate("INSERT INTO t VALUES (2)");
      a.rollback();
      assertEquals(1, count(sb, "t"));
      assertEquals(Connection.TRANSACTION_REPEATABLE_READ, a.getTransactionIsolation());
    }
  }

  @Test
  void beginCommitRollbackStatements() throws SQLException {
    String url = "jdbc:nokv:mem:session-" + UUID.randomUUID();
    try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url);
         Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      sa.execute("BEGIN");
      sa.executeUpdate("INSERT INTO t VALUES (1)");
      sa.executeUpdate("INSERT INTO t VALUES (2)");
      assertEquals(0, count(sb, "t"));
      sa.execute("COMMIT");
      assertEquals(2, count(sb, "t"));
      sa.execute("START TRANSACTION");
      sa.executeUpdate("DELETE FROM t");
      assertEquals(0, count(sa, "t"));
      sa.execute("ROLLBACK");
      assertEquals(2, count(sb, "t"));
    }
  }

  @Test
  void snapshotIsStableWithinATransaction() throws SQLException {
    String url = "jdbc:nokv:mem:session-" + UUID.randomUUID();
    try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url);
         Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
      sa.executeUpdate("INSERT INTO t VALUES (1, 10)");
      a.setAutoCommit(false);
      assertEquals(1, count(sa, "t"));
      sb.executeUpdate("INSERT INTO t VALUES (2, 20)");
      assertEquals(1, count(sa, "t"), "snapshot isolation: a later commit is not seen");
      a.commit();
      assertEquals(2, count(sa, "t"));
    }
  }

  @Test
  void writeConflictIs40001AndTheLoserLeavesNoTrace() throws SQLException {
    String url = "jdbc:nokv:mem:session-" + UUID.randomUUID();
    try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url);
         Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
      sa.executeUpdate("INSERT INTO t VALUES (1, 0)");
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      sa.executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
      sb.executeUpdate("UPDATE t SET v = v + 10 WHERE id = 1");
      a.commit();
      SQLException e = assertThrows(SQLException.class, b::commit);
      assertEquals("40001", e.getSQLState());
      a.setAutoCommit(true);
      try (ResultSet rs = sa.executeQuery("SELECT v FROM t WHERE id = 1")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
    }
  }

  @Test
  void fileDatabaseKeepsTablesIndexesAndRowsAcrossReopen() throws SQLException {
    String url = "jdbc:nokv:file:" + dir;
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA app");
      st.execute("CREATE TABLE app.users (id BIGINT PRIMARY KEY, email VARCHAR(50) NOT NULL UNIQUE, age INT)");
      st.execute("CREATE INDEX users_age ON app.users (age)");
      st.executeUpdate("INSERT INTO app.users VALUES (1, 'a@x', 30), (2, 'b@x', 40)");
      st.execute("ALTER TABLE app.users ADD COLUMN note VARCHAR(10) DEFAULT 'none'");
    }
    try (Connection c = DriverManager.getConnection(url + ";schema=app"); Statement st = c.createStatement()) {
      assertEquals("app", c.getSchema());
      try (ResultSet rs = st.executeQuery("SELECT id, note FROM users WHERE age = 40")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getLong(1));
        assertEquals("none", rs.getString(2));
      }
      SQLException dup = assertThrows(SQLException.class,
          () -> st.executeUpdate("INSERT INTO users (id, email) VALUES (3, 'a@x')"));
      assertEquals("23505", dup.getSQLState());
      try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, "app", "users")) {
        assertTrue(rs.next());
        assertEquals("id", rs.getString("COLUMN_NAME"));
      }
      try (ResultSet rs = c.getMetaData().getIndexInfo(null, "app", "users", false, false)) {
        int n = 0;
        while (rs.next()) {
          n++;
        }
        assertEquals(3, n, "primary key, the unique email index and users_age");
      }
    }
  }
}
