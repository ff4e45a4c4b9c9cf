package io.nokv.sql.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * NoKV's embedded driver behind a HikariCP pool: {@code jdbc:nokv:mem:NAME} under concurrent use,
 * transactions spanning statements on pooled connections, and {@code jdbc:nokv:file:DIR} keeping
 * its data after the pool (and with it the database's last connection) is closed.
 * Properties as in {@link TestDatabases}; against H2, for example,
 * {@code -Dnokv.sqltest.url=jdbc:h2:mem: -Dnokv.sqltest.fileUrl=jdbc:h2:file:{dir}/db}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HikariEmbeddedTest {
  private static final int POOL = 4;
  private static final int THREADS = 4;
  private static final int ROWS_PER_THREAD = 250;

  @Test
  void concurrentInsertsAndSelectsThroughAPoolOfFour() throws Exception {
    try (HikariDataSource ds = pool(TestDatabases.fresh(TestDatabases.baseUrl(), "hikari"))) {
      exec(ds, "CREATE TABLE items (id INT PRIMARY KEY, worker INT NOT NULL, label VARCHAR(20))");
      ExecutorService threads = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
          int worker = w;
          futures.add(threads.submit(() -> {
            insertAndCheck(ds, worker);
            return null;
          }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } finally {
        threads.shutdownNow();
      }
      int n = THREADS * ROWS_PER_THREAD;
      assertEquals(n, queryLong(ds, "SELECT COUNT(*) FROM items"));
      assertEquals((long) n * (n - 1) / 2, queryLong(ds, "SELECT SUM(id) FROM items"));
      assertEquals(THREADS, queryLong(ds, "SELECT COUNT(DISTINCT worker) FROM items"));
      assertEquals(ROWS_PER_THREAD,
          queryLong(ds, "SELECT MAX(c) FROM (SELECT worker, COUNT(*) AS c FROM items GROUP BY worker) t"));
    }
  }

  /** Each row committed by one pooled connection is visible to the next one the pool hands out. */
  private static void insertAndCheck(HikariDataSource ds, int worker) throws SQLException {
    for (int i = 0; i < ROWS_PER_THREAD; i++) {
      int id = worker * ROWS_PER_THREAD + i;
      try (Connection c = ds.getConnection();
          PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?)")) {
        ps.setInt(1, id);
        ps.setInt(2, worker);
        ps.setString(3, "w" + worker + "-" + i);
        assertEquals(1, ps.executeUpdate());
      }
      if (i % 25 == 24) {
        try (Connection c = ds.getConnection();
            PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*), MAX(label) FROM items WHERE worker = ? AND id <= ?")) {
          ps.setInt(1, worker);
          ps.setInt(2, id);
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(i + 1, rs.getLong(1), "worker " + worker + " after " + (i + 1) + " rows");
          }
        }
      }
    }
  }

  @Test
  void transactionsSpanStatementsOnPooledConnections() throws Exception {
    try (HikariDataSource ds = pool(TestDatabases.fresh(TestDatabases.baseUrl(), "hikari_txn"))) {
      exec(ds, "CREATE TABLE acct (id INT PRIMARY KEY, bal INT NOT NULL)");
      exec(ds, "INSERT INTO acct VALUES (1, 100), (2, 100)");

      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        update(c, "UPDATE acct SET bal = bal - 40 WHERE id = 1");
        update(c, "UPDATE acct SET bal = bal + 40 WHERE id = 2");
        update(c, "INSERT INTO acct VALUES (3, 0)");
        assertEquals(60, queryLong(c, "SELECT bal FROM acct WHERE id = 1"), "reads its own writes");
        assertEquals(200, queryLong(ds, "SELECT SUM(bal) FROM acct"), "others see the old state");
        assertEquals(2, queryLong(ds, "SELECT COUNT(*) FROM acct"), "others do not see the insert");
        c.commit();
      }
      assertEquals(60, queryLong(ds, "SELECT bal FROM acct WHERE id = 1"));
      assertEquals(140, queryLong(ds, "SELECT bal FROM acct WHERE id = 2"));
      assertEquals(3, queryLong(ds, "SELECT COUNT(*) FROM acct"));

      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        update(c, "UPDATE acct SET bal = 0 WHERE id = 1");
        update(c, "DELETE FROM acct WHERE id = 2");
        update(c, "INSERT INTO acct VALUES (4, 999)");
        assertEquals(2, queryLong(c, "SELECT COUNT(*) FROM acct WHERE id IN (1, 3, 4) AND bal = 0"));
        c.rollback();
      }
      assertEquals(60, queryLong(ds, "SELECT bal FROM acct WHERE id = 1"));
      assertEquals(140, queryLong(ds, "SELECT bal FROM acct WHERE id = 2"));
      assertEquals(0, queryLong(ds, "SELECT COUNT(*) FROM acct WHERE id = 4"));

      // The pool resets autocommit: the next borrower commits each statement.
      try (Connection c = ds.getConnection()) {
        assertTrue(c.getAutoCommit());
        update(c, "UPDATE acct SET bal = bal + 1 WHERE id = 3");
      }
      assertEquals(1, queryLong(ds, "SELECT bal FROM acct WHERE id = 3"));
    }
  }

  @Test
  void fileDatabaseKeepsItsDataWhenThePoolIsClosedAndReopened(@TempDir Path dir) throws Exception {
    String url = TestDatabases.fileUrl(dir);
    try (HikariDataSource ds = pool(url)) {
      exec(ds, "CREATE TABLE kept (id INT PRIMARY KEY, v VARCHAR(10))");
      exec(ds, "CREATE INDEX kept_v ON kept (v)");
      exec(ds, "INSERT INTO kept VALUES (1, 'one'), (2, 'two')");
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        update(c, "INSERT INTO kept VALUES (3, 'three')");
        c.commit();
        update(c, "INSERT INTO kept VALUES (4, 'lost')");
        c.rollback();
      }
    }
    try (HikariDataSource ds = pool(url)) {
      assertEquals(3, queryLong(ds, "SELECT COUNT(*) FROM kept"));
      assertEquals(0, queryLong(ds, "SELECT COUNT(*) FROM kept WHERE id = 4"));
      assertEquals(2, queryLong(ds, "SELECT id FROM kept WHERE v = 'two'"));
      exec(ds, "UPDATE kept SET v = 'uno' WHERE id = 1");
      exec(ds, "DELETE FROM kept WHERE id = 3");
    }
    try (Connection c = TestDatabases.connect(url)) {
      assertEquals(2, queryLong(c, "SELECT COUNT(*) FROM kept"));
      assertEquals(1, queryLong(c, "SELECT id FROM kept WHERE v = 'uno'"));
    }
  }

  private static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(POOL);
    config.setPoolName("nokv-it");
    config.setConnectionTimeout(10_000);
    String user = System.getProperty("nokv.sqltest.user");
    if (user != null) {
      config.setUsername(user);
      config.setPassword(System.getProperty("nokv.sqltest.password"));
    }
    String isolation = System.getProperty("nokv.sqltest.isolation");
    if (isolation != null && !isolation.isBlank()) {
      config.setTransactionIsolation("TRANSACTION_" + isolation.trim().replace("TRANSACTION_", ""));
    }
    return new HikariDataSource(config);
  }

  private static void exec(HikariDataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void update(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  private static long queryLong(HikariDataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return queryLong(c, sql);
    }
  }

  static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), "no row from " + sql);
      return rs.getLong(1);
    }
  }
}
