package io.nokv.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ScratchTest {
  static void run(Statement st, String sql) {
    try {
      if (st.execute(sql)) {
        try (ResultSet rs = st.getResultSet()) {
          int n = rs.getMetaData().getColumnCount();
          StringBuilder b = new StringBuilder();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              b.append(i == 1 ? "" : "|").append(rs.getString(i));
            }
            b.append("; ");
          }
          System.out.println("OK   " + sql + " => " + b);
        }
      } else {
        System.out.println("OK   " + sql + " => " + st.getUpdateCount());
      }
    } catch (SQLException e) {
      if (Boolean.getBoolean("trace")) e.printStackTrace(System.out);
      System.out.println("ERR  " + sql + " => [" + e.getSQLState() + "] " + e.getMessage().replace('\n', ' '));
    }
  }

  @Test
  void scratch() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:nokv:mem:scratch"); Statement st = c.createStatement()) {
      for (String sql : System.getProperty("sqls", "").split(";;")) {
        if (!sql.isBlank()) {
          run(st, sql.trim());
        }
      }
    }
  }
}
