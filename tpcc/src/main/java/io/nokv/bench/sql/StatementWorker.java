package io.nokv.bench.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One client thread's side of a measurement: its prepared statement (on its own connection), random
 * source, pools of column values, latency histogram and counters. {@link #runOne} executes one
 * statement of the workload in autocommit; a failure with SQLState {@value #RETRYABLE} is retried
 * (after a short pause growing with the attempt) up to {@link SqlBenchConfig#MAX_RETRIES} times and
 * counted in {@link #retries}; other failures are counted in {@link #errors} and, unless
 * {@code keepGoing}, rethrown. A statement that succeeds with an unexpected result (no row, not 10
 * rows, an update count other than 1) counts in {@link #unexpected}. Not thread-safe: one per thread.
 */
final class StatementWorker {
  static final String RETRYABLE = "40001";
  private static final int VALUE_POOL = 256;

  private final SqlWorkload workload;
  private final PreparedStatement ps;
  private final SplittableRandom rnd;
  private final int rows;
  private final AtomicLong nextInsertId;
  private final boolean keepGoing;
  private final String[] cValues = new String[VALUE_POOL];
  private final String[] padValues = new String[VALUE_POOL];

  final Histogram latency = new Histogram(3);
  long ops;
  long retries;
  long errors;
  long unexpected;
  /** The first error counted (with keepGoing), or null. */
  SQLException firstError;

  StatementWorker(SqlWorkload workload, PreparedStatement ps, SplittableRandom rnd, int rows, AtomicLong nextInsertId,
      boolean keepGoing) {
    this.workload = workload;
    this.ps = ps;
    this.rnd = rnd;
    this.rows = rows;
    this.nextInsertId = nextInsertId;
    this.keepGoing = keepGoing;
    for (int i = 0; i < VALUE_POOL; i++) {
      cValues[i] = BenchTable.digitGroups(rnd, BenchTable.C_GROUPS);
      padValues[i] = BenchTable.digitGroups(rnd, BenchTable.PAD_GROUPS);
    }
  }

  /** Executes one statement (with its retries); its latency is recorded when it succeeds. */
  void runOne() throws SQLException {
    bind();
    long t0 = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        execute();
        latency.recordValue(Math.max(0, System.nanoTime() - t0));
        ops++;
        return;
      } catch (SQLException e) {
        if (RETRYABLE.equals(e.getSQLState()) && attempt <= SqlBenchConfig.MAX_RETRIES) {
          retries++;
          LockSupport.parkNanos(attempt * 100_000L);
          continue;
        }
        errors++;
        if (!keepGoing) {
          throw e;
        }
        if (firstError == null) {
          firstError = e;
        }
        return;
      }
    }
  }

  /** Sets the parameters of the next statement; a retry runs the same statement again. */
  private void bind() throws SQLException {
    switch (workload) {
      case POINT_SELECT -> ps.setLong(1, randomId());
      case RANGE_SELECT -> {
        long from = 1 + rnd.nextLong(Math.max(1, rows - SqlWorkload.RANGE_ROWS + 1));
        ps.setLong(1, from);
        ps.setLong(2, from + SqlWorkload.RANGE_ROWS);
      }
      case INSERT -> {
        ps.setLong(1, nextInsertId.getAndIncrement());
        ps.setInt(2, rnd.nextInt(Integer.MAX_VALUE));
        ps.setString(3, cValues[rnd.nextInt(VALUE_POOL)]);
        ps.setString(4, padValues[rnd.nextInt(VALUE_POOL)]);
      }
      case UPDATE -> {
        ps.setString(1, cValues[rnd.nextInt(VALUE_POOL)]);
        ps.setLong(2, randomId());
      }
    }
  }

  private void execute() throws SQLException {
    switch (workload) {
      case POINT_SELECT, RANGE_SELECT -> {
        int expected = workload == SqlWorkload.POINT_SELECT ? 1 : SqlWorkload.RANGE_ROWS;
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            // Read every column, as an application would.
            rs.getLong(1);
            rs.getInt(2);
            rs.getString(3);
            rs.getString(4);
            n++;
          }
        }
        if (n != expected) {
          unexpected++;
        }
      }
      case INSERT, UPDATE -> {
        if (ps.executeUpdate() != 1) {
          unexpected++;
        }
      }
    }
  }

  private long randomId() {
    return 1 + rnd.nextLong(rows);
  }
}
