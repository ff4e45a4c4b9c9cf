package io.nokv.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * CREATE INDEX on a populated table while other sessions keep inserting, updating and deleting:
 * afterwards the index must answer exactly as a full scan does.
 */
class IndexBackfillTest {
  @Test
  void indexBuiltUnderConcurrentWritesMatchesTheTable() throws Exception {
    String url = "jdbc:nokv:mem:backfill-" + UUID.randomUUID();
    try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
      st.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
      admin.setAutoCommit(false);
      try (PreparedStatement ins = admin.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        for (int i = 0; i < 3000; i++) {
          ins.setInt(1, i);
          ins.setInt(2, i % 50);
          ins.executeUpdate();
        }
      }
      admin.commit();
      admin.setAutoCommit(true);

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger writes = new AtomicInteger();
      List<Thread> writers = new ArrayList<>();
      List<Throwable> failures = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        long seed = 42 + w;
        Thread t = new Thread(() -> {
          Random rnd = new Random(seed);
          try (Connection c = DriverManager.getConnection(url);
               PreparedStatement up = c.prepareStatement("UPDATE t SET v = ? WHERE id = ?");
               PreparedStatement del = c.prepareStatement("DELETE FROM t WHERE id = ?");
               PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
            while (!stop.get()) {
              int id = rnd.nextInt(4000);
              try {
                switch (rnd.nextInt(3)) {
                  case 0 -> {
                    up.setInt(1, rnd.nextInt(50));
                    up.setInt(2, id);
                    up.executeUpdate();
                  }
                  case 1 -> {
                    del.setInt(1, id);
                    del.executeUpdate();
                  }
                  default -> {
                    ins.setInt(1, id);
                    ins.setInt(2, rnd.nextInt(50));
                    ins.executeUpdate();
                  }
                }
                writes.incrementAndGet();
              } catch (SQLException e) {
                if (!e.getSQLState().equals("23505") && !e.getSQLState().equals("40001")) {
                  throw e;
                }
              }
            }
          } catch (Throwable e) {
            synchronized (failures) {
              failures.add(e);
            }
          }
        });
        t.start();
        writers.add(t);
      }
      st.execute("CREATE INDEX t_v ON t (v)");
      int during = writes.get();
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (writes.get() < during + 200 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      stop.set(true);
      for (Thread t : writers) {
        t.join();
      }
      assertTrue(failures.isEmpty(), () -> "writer failed: " + failures);

      String plan = query(st, "EXPLAIN PLAN FOR SELECT id FROM t WHERE v = 7").get(0);
      assertTrue(plan.contains("index t_v"), plan);
      for (int v = 0; v < 50; v++) {
        List<String> viaIndex = query(st, "SELECT id FROM t WHERE v = " + v + " ORDER BY id");
        List<String> viaScan = query(st, "SELECT id FROM t WHERE v + 0 = " + v + " ORDER BY id");
        assertEquals(viaScan, viaIndex, "v = " + v);
      }
      assertEquals(query(st, "SELECT COUNT(*) FROM t").get(0), query(st, "SELECT COUNT(*) FROM t WHERE v >= 0").get(0));
    }
  }

  private static List<String> query(Statement st, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
