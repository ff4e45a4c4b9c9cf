package io.nokv.sql.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Write-write conflicts through JDBC: of two concurrent transactions updating one row exactly one
 * commits and the other fails with SQLState 40001 (at its UPDATE or at its commit), a retry of the
 * loser succeeds, and concurrent transfers between accounts that retry on 40001 keep every balance
 * equal to what the committed transfers imply while concurrent readers always see the same total.
 * Properties as in {@link TestDatabases}; {@code nokv.sqltest.seed} fixes the random transfers.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConflictTest {
  private static final int ACCOUNTS = 8;
  private static final int INITIAL = 1_000;
  private static final int THREADS = 4;
  private static final int TRANSFERS_PER_THREAD = 50;
  private static final int MAX_ATTEMPTS = 1_000;

  private String url;

  @BeforeEach
  void createDatabase() throws SQLException {
    url = TestDatabases.fresh(TestDatabases.baseUrl(), "conflict");
  }

  /** What one transaction attempt ended with. */
  private record Outcome(boolean committed, SQLException conflict) {}

  @Test
  void twoTransactionsUpdatingOneRowExactlyOneCommits() throws Exception {
    try (Connection setup = TestDatabases.connect(url);
        Connection a = TestDatabases.connect(url);
        Connection b = TestDatabases.connect(url)) {
      exec(setup, "CREATE TABLE acct (id INT PRIMARY KEY, bal INT NOT NULL)");
      exec(setup, "INSERT INTO acct VALUES (1, 100), (2, 100)");
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      // Both read first, so both snapshots predate either commit.
      assertEquals(100, balance(a, 1));
      assertEquals(100, balance(b, 1));

      exec(a, "UPDATE acct SET bal = bal + 10 WHERE id = 1");
      // B may block on A's row lock (PostgreSQL, H2) or go ahead (NoKV is optimistic).
      ExecutorService other = Executors.newSingleThreadExecutor();
      Future<Outcome> bOutcome = other.submit(() -> attempt(b, "UPDATE acct SET bal = bal + 20 WHERE id = 1"));
      Outcome aOutcome = commitOrConflict(a);
      Outcome bResult = bOutcome.get(60, TimeUnit.SECONDS);
      other.shutdown();

      assertTrue(aOutcome.committed() != bResult.committed(),
          "exactly one must commit: A " + describe(aOutcome) + ", B " + describe(bResult));
      int expected = aOutcome.committed() ? 110 : 120;
      assertEquals(expected, balance(setup, 1));
      assertEquals(100, balance(setup, 2));

      // The loser retries in a new transaction and succeeds.
      Connection loser = aOutcome.committed() ? b : a;
      int delta = aOutcome.committed() ? 20 : 10;
      assertEquals(expected, balance(loser, 1));
      exec(loser, "UPDATE acct SET bal = bal + " + delta + " WHERE id = 1");
      loser.commit();
      assertEquals(130, balance(setup, 1));
    }
  }

  private static Outcome attempt(Connection c, String sql) {
    try {
      exec(c, sql);
    } catch (SQLException e) {
      return conflictOrRethrow(c, e);
    }
    return commitOrConflict(c);
  }

  private static Outcome commitOrConflict(Connection c) {
    try {
      c.commit();
      return new Outcome(true, null);
    } catch (SQLException e) {
      return conflictOrRethrow(c, e);
    }
  }

  private static Outcome conflictOrRethrow(Connection c, SQLException e) {
    if (!TestDatabases.isConflict(e)) {
      throw new AssertionError("expected SQLState 40001, got " + e.getSQLState() + ": " + e.getMessage(), e);
    }
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the transaction is already over
    }
    return new Outcome(false, e);
  }

  private static String describe(Outcome o) {
    return o.committed() ? "committed" : "failed with " + o.conflict().getSQLState();
  }

  /** A committed transfer, for the model of the final balances. */
  private record Transfer(int from, int to, int amount) {}

  @Test
  void concurrentTransfersKeepTheBooksBalanced() throws Exception {
    long seed = Long.getLong("nokv.sqltest.seed", System.nanoTime());
    System.out.println("ConflictTest seed " + seed + " (-Dnokv.sqltest.seed=" + seed + " repeats it)");
    // This connection stays open for the whole test: an in-memory database lives as long as one
    // of its connections does.
    try (Connection setup = TestDatabases.connect(url)) {
      exec(setup, "CREATE TABLE acct (id INT PRIMARY KEY, bal INT NOT NULL)");
      StringBuilder values = new StringBuilder();
      for (int i = 0; i < ACCOUNTS; i++) {
        values.append(i == 0 ? "" : ", ").append('(').append(i).append(", ").append(INITIAL).append(')');
      }
      exec(setup, "INSERT INTO acct VALUES " + values);
      runTransfers(seed, setup);
    }
  }

  private void runTransfers(long seed, Connection check) throws Exception {

    ConcurrentLinkedQueue<Transfer> committed = new ConcurrentLinkedQueue<>();
    AtomicLong conflicts = new AtomicLong();
    AtomicLong totalReads = new AtomicLong();
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        SplittableRandom random = new SplittableRandom(seed + t);
        workers.add(threads.submit(() -> {
          transfer(random, committed, conflicts);
          return null;
        }));
      }
      Future<?> reader = threads.submit(() -> {
        readTotals(done, totalReads);
        return null;
      });
      for (Future<?> w : workers) {
        w.get();
      }
      done.set(true);
      reader.get();
    } finally {
      threads.shutdownNow();
    }

    int[] expected = new int[ACCOUNTS];
    java.util.Arrays.fill(expected, INITIAL);
    for (Transfer t : committed) {
      expected[t.from()] -= t.amount();
      expected[t.to()] += t.amount();
    }
    assertEquals((long) ACCOUNTS * INITIAL, HikariEmbeddedTest.queryLong(check, "SELECT SUM(bal) FROM acct"));
    for (int i = 0; i < ACCOUNTS; i++) {
      assertEquals(expected[i], balance(check, i), "account " + i + " (seed " + seed + ")");
    }
    assertEquals(THREADS * TRANSFERS_PER_THREAD, committed.size());
    System.out.printf("ConflictTest: %d transfers committed, %d conflicts retried, %d consistent total reads%n",
        committed.size(), conflicts.get(), totalReads.get());
  }

  /** Read-modify-write transfers; on 40001 the whole transaction is retried. */
  private void transfer(SplittableRandom random, ConcurrentLinkedQueue<Transfer> committed,
      AtomicLong conflicts) throws SQLException {
    try (Connection c = TestDatabases.connect(url)) {
      c.setAutoCommit(false);
      try (PreparedStatement read = c.prepareStatement("SELECT bal FROM acct WHERE id = ?");
          PreparedStatement write = c.prepareStatement("UPDATE acct SET bal = ? WHERE id = ?")) {
        for (int n = 0; n < TRANSFERS_PER_THREAD; n++) {
          int from = random.nextInt(ACCOUNTS);
          int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
          int amount = 1 + random.nextInt(50);
          for (int attempt = 1; ; attempt++) {
            try {
              int fromBal = readBalance(read, from);
              int toBal = readBalance(read, to);
              writeBalance(write, from, fromBal - amount);
              writeBalance(write, to, toBal + amount);
              c.commit();
              committed.add(new Transfer(from, to, amount));
              break;
            } catch (SQLException e) {
              try {
                c.rollback();
              } catch (SQLException ignored) {
                // the failed commit already ended it
              }
              if (!TestDatabases.isConflict(e)) {
                throw e;
              }
              conflicts.incrementAndGet();
              if (attempt >= MAX_ATTEMPTS) {
                fail("transfer " + from + "->" + to + " still conflicting after " + attempt + " attempts");
              }
            }
          }
        }
      }
    }
  }

  /** Reads the total in autocommit mode (one statement, one snapshot) until the writers finish. */
  private void readTotals(AtomicBoolean done, AtomicLong reads) throws SQLException {
    try (Connection c = TestDatabases.connect(url)) {
      while (!done.get()) {
        assertEquals((long) ACCOUNTS * INITIAL, HikariEmbeddedTest.queryLong(c, "SELECT SUM(bal) FROM acct"),
            "the total changed: a transfer was lost, or seen half done");
        reads.incrementAndGet();
      }
    }
  }

  private static int readBalance(PreparedStatement read, int id) throws SQLException {
    read.setInt(1, id);
    try (ResultSet rs = read.executeQuery()) {
      assertTrue(rs.next(), "account " + id);
      return rs.getInt(1);
    }
  }

  private static void writeBalance(PreparedStatement write, int id, int bal) throws SQLException {
    write.setInt(1, bal);
    write.setInt(2, id);
    assertEquals(1, write.executeUpdate());
  }

  private static int balance(Connection c, int id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT bal FROM acct WHERE id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "account " + id);
        return rs.getInt(1);
      }
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
