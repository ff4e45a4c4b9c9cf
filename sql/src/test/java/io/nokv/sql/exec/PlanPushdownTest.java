package io.nokv.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EXPLAIN shows what the rules pushed into the scan, and the answers match a plain scan's. */
class PlanPushdownTest {
  private Connection c;
  private Statement st;

  @BeforeEach
  void setUp() throws SQLException {
    c = DriverManager.getConnection("jdbc:nokv:mem:plan-" + UUID.randomUUID());
    st = c.createStatement();
    st.execute("CREATE TABLE t (a INT, b INT, c VARCHAR(10), d DOUBLE, PRIMARY KEY (a, b))");
    st.execute("CREATE INDEX t_c ON t (c)");
    st.execute("CREATE UNIQUE INDEX t_d ON t (d)");
    StringBuilder sql = new StringBuilder("INSERT INTO t VALUES ");
    for (int a = 0; a < 10; a++) {
      for (int b = 0; b < 10; b++) {
        sql.append(a + b == 0 ? "" : ", ").append("(").append(a).append(", ").append(b).append(", ")
            .append(a % 3 == 0 ? "NULL" : "'c" + a + "'").append(", ").append(a * 10 + b).append(")");
      }
    }
    assertEquals(100, st.executeUpdate(sql.toString()));
  }

  @AfterEach
  void tearDown() throws SQLException {
    c.close();
  }

  private String plan(String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private List<String> rows(String sql) throws SQLException {
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
  void primaryKeyPointRangeAndInList() throws SQLException {
    assertTrue(plan("SELECT c FROM t WHERE a = 4 AND b = 4").contains("ranges=[[[=4, =4]]]"));
    assertEquals(List.of("c4"), rows("SELECT c FROM t WHERE a = 4 AND b = 4"));
    assertTrue(plan("SELECT * FROM t WHERE a = 2 AND b >= 5 AND b < 7").contains("ranges=[[[=2, >=5, <7]]]"));
    assertEquals(List.of("2|5", "2|6"), rows("SELECT a, b FROM t WHERE a = 2 AND b >= 5 AND b < 7"));
    String in = plan("SELECT * FROM t WHERE a IN (1, 5, 7) AND b = 0");
    assertTrue(in.contains("[=1, =0], [=5, =0], [=7, =0]"), in);
    assertEquals(List.of("1|0", "5|0", "7|0"), rows("SELECT a, b FROM t WHERE a IN (7, 1, 5) AND b = 0"));
    assertTrue(plan("SELECT * FROM t WHERE a BETWEEN 8 AND 9 OR a < 1").contains("ranges=[[[<1], [>=8, <=9]]]"));
    assertEquals(30, rows("SELECT * FROM t WHERE a BETWEEN 8 AND 9 OR a < 1").size());
  }

  @Test
  void indexRangesCoveringAndLookups() throws SQLException {
    String covering = plan("SELECT a, b FROM t WHERE c = 'c4'");
    assertTrue(covering.contains("path=[index t_c]") && covering.contains("columns=[[a, b, c]]"), covering);
    assertEquals(10, rows("SELECT a, b FROM t WHERE c = 'c4'").size());
    assertTrue(plan("SELECT * FROM t WHERE d = 42").contains("path=[index t_d]"));
    assertEquals(List.of("4|2|c4|42.0"), rows("SELECT * FROM t WHERE d = 42"));
    assertEquals(List.of("9|9|null|99.0"), rows("SELECT * FROM t WHERE d > 98.5"));
    assertEquals(40, rows("SELECT * FROM t WHERE c IS NULL").size());
    assertEquals(0, rows("SELECT * FROM t WHERE c = NULL").size());
  }

  @Test
  void orderByKeyNeedsNoSortAndReverseScans() throws SQLException {
    String asc = plan("SELECT a, b FROM t ORDER BY a, b LIMIT 3");
    assertFalse(asc.contains("EnumerableSort"), asc);
    assertEquals(List.of("0|0", "0|1", "0|2"), rows("SELECT a, b FROM t ORDER BY a, b LIMIT 3"));
    String desc = plan("SELECT a, b FROM t WHERE a < 5 ORDER BY a DESC, b DESC LIMIT 2");
    assertTrue(desc.contains("reverse=[true]") && !desc.contains("EnumerableSort"), desc);
    assertEquals(List.of("4|9", "4|8"), rows("SELECT a, b FROM t WHERE a < 5 ORDER BY a DESC, b DESC LIMIT 2"));
    assertEquals(List.of("null", "null"), rows("SELECT c FROM t ORDER BY c LIMIT 2"));
  }

  @Test
  void preparedPointSelectIsPlannedOnce() throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT c FROM t WHERE a = ? AND b = ?")) {
      long before = NokvPrepare.plansMade();
      for (int i = 0; i < 50; i++) {
        ps.setInt(1, i % 10);
        ps.setInt(2, 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(i % 10 % 3 == 0 ? null : "c" + (i % 10), rs.getString(1));
          assertFalse(rs.next());
        }
      }
      assertEquals(before, NokvPrepare.plansMade());
    }
  }

  @Test
  void adHocStatementsHitThePlanCache() throws SQLException {
    rows("SELECT b FROM t WHERE a = 1");
    long before = NokvPrepare.plansMade();
    for (int i = 0; i < 20; i++) {
      assertEquals(10, rows("SELECT b FROM t WHERE a = 1").size());
    }
    assertEquals(before, NokvPrepare.plansMade());
    st.execute("ALTER TABLE t ADD COLUMN e INT DEFAULT 5");
    assertEquals(List.of("5"), rows("SELECT e FROM t WHERE a = 1 AND b = 1"));
    assertTrue(NokvPrepare.plansMade() > before, "DDL must invalidate cached plans");
  }
}
