package io.nokv.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedSmokeTest {
  static List<String> rows(Statement st, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  @Test
  void basics() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:nokv:mem:smoke");
         Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL, v DOUBLE DEFAULT 1.5)");
      assertEquals(2, st.executeUpdate("INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b')"));
      st.executeUpdate("INSERT INTO t VALUES (3, 'c', 3.0)");
      System.out.println(rows(st, "SELECT * FROM t"));
      System.out.println(rows(st, "EXPLAIN PLAN FOR SELECT name FROM t WHERE id = 2"));
      System.out.println(rows(st, "SELECT name FROM t WHERE id = 2"));
      System.out.println(rows(st, "EXPLAIN PLAN FOR SELECT name FROM t"));
      System.out.println(rows(st, "EXPLAIN PLAN FOR SELECT name, id + 1 FROM t WHERE v > 1"));
      System.out.println(rows(st, "EXPLAIN PLAN FOR SELECT * FROM t WHERE id > 1 ORDER BY id DESC LIMIT 1"));
      System.out.println(rows(st, "SELECT * FROM t WHERE id > 1 ORDER BY id DESC LIMIT 1"));
      assertEquals(1, st.executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1"));
      assertEquals(1, st.executeUpdate("DELETE FROM t WHERE name = 'b'"));
      System.out.println(rows(st, "SELECT * FROM t"));
      st.execute("CREATE INDEX t_name ON t(name)");
      System.out.println(rows(st, "EXPLAIN PLAN FOR SELECT id FROM t WHERE name = 'c'"));
      System.out.println(rows(st, "SELECT id FROM t WHERE name = 'c'"));
      try (PreparedStatement ps = c.prepareStatement("SELECT name FROM t WHERE id = ?")) {
        ps.setInt(1, 3);
        System.out.println(rowsOf(ps.executeQuery()));
      }
      c.setAutoCommit(false);
      st.executeUpdate("INSERT INTO t VALUES (10, 'x', 0)");
      System.out.println(rows(st, "SELECT count(*) FROM t"));
      c.rollback();
      c.setAutoCommit(true);
      System.out.println(rows(st, "SELECT count(*) FROM t"));
      st.execute("CREATE TABLE nopk (a INT, b INT)");
      st.executeUpdate("INSERT INTO nopk VALUES (1, 1), (1, 1), (2, 2)");
      assertEquals(2, st.executeUpdate("UPDATE nopk SET b = 5 WHERE a = 1"));
      System.out.println(rows(st, "SELECT * FROM nopk"));
      assertEquals(1, st.executeUpdate("DELETE FROM nopk WHERE a = 2"));
      System.out.println(rows(st, "SELECT * FROM nopk"));
    }
  }

  static List<String> rowsOf(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    while (rs.next()) {
      out.add(rs.getString(1));
    }
    return out;
  }
}
