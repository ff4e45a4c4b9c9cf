package io.nokv.bench.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * The table every target is measured on, shaped like sysbench's {@code sbtest}:
 *
 * <pre>
 * CREATE TABLE bench_kv (id BIGINT NOT NULL, k INTEGER NOT NULL, c VARCHAR(120) NOT NULL,
 *                        pad VARCHAR(60) NOT NULL, PRIMARY KEY (id))
 * </pre>
 *
 * (the table-level primary key, which every target's parser accepts). Rows have ids 1..rows, a
 * random {@code k}, and {@code c} / {@code pad} made of 10 / 5 groups of 11 random digits joined by
 * dashes (119 and 59 characters), as sysbench fills them. {@link #load} inserts them in batches of
 * {@link SqlBenchConfig#LOAD_BATCH} rows, one transaction per batch, on several connections, then
 * checks the row count.
 */
final class BenchTable {
  static final String NAME = "bench_kv";
  static final String CREATE = "CREATE TABLE bench_kv (id BIGINT NOT NULL, k INTEGER NOT NULL,"
      + " c VARCHAR(120) NOT NULL, pad VARCHAR(60) NOT NULL, PRIMARY KEY (id))";
  static final String COUNT = "SELECT COUNT(*) FROM bench_kv";
  static final int C_GROUPS = 10;
  static final int PAD_GROUPS = 5;

  private BenchTable() {}

  /** Creates the table on a fresh database. */
  static void create(DataSource ds, String target) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(CREATE);
    } catch (SQLException e) {
      throw new WorkloadFailedException(target, "load", "CREATE TABLE failed", e);
    }
  }

  /**
   * Inserts rows 1..{@code rows} with {@code threads} connections, each taking the next batch of
   * ids until none is left; then checks that {@code SELECT COUNT(*)} finds them all.
   */
  static void load(DataSource ds, String target, int rows, int threads) throws InterruptedException {
    int batches = (rows + SqlBenchConfig.LOAD_BATCH - 1) / SqlBenchConfig.LOAD_BATCH;
    AtomicInteger nextBatch = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> loaders = new ArrayList<>();
    for (int i = 0; i < Math.min(threads, batches); i++) {
      long seed = 7919L * (i + 1);
      loaders.add(Thread.ofPlatform().name("bench-sql-load-" + target + "-" + i).start(() -> {
        try {
          loadBatches(ds, rows, nextBatch, batches, new SplittableRandom(seed), failure);
        } catch (Throwable t) { // Anything (also Errors) fails the load.
          failure.compareAndSet(null, t);
        }
      }));
    }
    for (Thread t : loaders) {
      t.join();
    }
    Throwable f = failure.get();
    if (f != null) {
      throw new WorkloadFailedException(target, "load", "inserting the rows failed", f);
    }
    long count = count(ds, target);
    if (count != rows) {
      throw new WorkloadFailedException(target, "load", "expected " + rows + " rows after the load, SELECT COUNT(*) found " + count, null);
    }
  }

  private static void loadBatches(DataSource ds, int rows, AtomicInteger nextBatch, int batches, SplittableRandom rnd,
      AtomicReference<Throwable> failure) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(SqlWorkload.INSERT.sql)) {
        for (int b = nextBatch.getAndIncrement(); b < batches && failure.get() == null; b = nextBatch.getAndIncrement()) {
          long first = (long) b * SqlBenchConfig.LOAD_BATCH + 1;
          long last = Math.min(rows, first + SqlBenchConfig.LOAD_BATCH - 1);
          for (long id = first; id <= last; id++) {
            ps.setLong(1, id);
            ps.setInt(2, rnd.nextInt(Integer.MAX_VALUE));
            ps.setString(3, digitGroups(rnd, C_GROUPS));
            ps.setString(4, digitGroups(rnd, PAD_GROUPS));
            ps.addBatch();
          }
          ps.executeBatch();
          c.commit();
        }
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  static long count(DataSource ds, String target) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(COUNT)) {
      if (!rs.next()) {
        throw new WorkloadFailedException(target, "load", "SELECT COUNT(*) returned no row", null);
      }
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new WorkloadFailedException(target, "load", "SELECT COUNT(*) failed", e);
    }
  }

  /** {@code groups} groups of 11 random digits joined by '-', like sysbench's c and pad values. */
  static String digitGroups(SplittableRandom rnd, int groups) {
    char[] s = new char[groups * 12 - 1];
    for (int i = 0; i < s.length; i++) {
      s[i] = i % 12 == 11 ? '-' : (char) ('0' + rnd.nextInt(10));
    }
    return new String(s);
  }
}
