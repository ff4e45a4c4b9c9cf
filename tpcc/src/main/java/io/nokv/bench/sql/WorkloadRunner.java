package io.nokv.bench.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * Measures one workload on one system: {@code threads} platform threads, each with its own pooled
 * connection and one prepared statement (both taken before the clock starts), run statements back
 * to back until the deadline. The first failure that is not counted ends the measurement, and is
 * rethrown as {@link WorkloadFailedException}.
 */
final class WorkloadRunner {
  private final String system;
  private final DataSource ds;
  private final int threads;
  private final int rows;
  private final boolean keepGoing;
  /** The next id an insert writes: above the loaded rows, shared by all threads and measurements. */
  private final AtomicLong nextInsertId;
  /** Seeds of the workers' random sources: a fixed sequence, a new seed for every worker. */
  private final SplittableRandom seeds;

  WorkloadRunner(String system, DataSource ds, int threads, int rows, boolean keepGoing, long seed) {
    this.system = system;
    this.ds = ds;
    this.threads = threads;
    this.rows = rows;
    this.keepGoing = keepGoing;
    this.nextInsertId = new AtomicLong(rows + 1L);
    this.seeds = new SplittableRandom(seed);
  }

  /** Runs {@code w} for {@code durationNanos} and returns what was measured (labelled {@code run}). */
  SqlMeasurement measure(SqlWorkload w, int run, long durationNanos) throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    StatementWorker[] workers = new StatementWorker[threads];
    long[] endNanos = new long[threads];
    long[] deadline = new long[1];
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int id = i;
      SplittableRandom rnd = new SplittableRandom(seeds.nextLong());
      started.add(Thread.ofPlatform().name("bench-sql-" + system + "-" + w.label + "-" + i).start(() -> {
        boolean counted = false;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(w.sql)) {
          workers[id] = new StatementWorker(w, ps, rnd, rows, nextInsertId, keepGoing);
          ready.countDown();
          counted = true;
          go.await();
          StatementWorker worker = workers[id];
          while (failure.get() == null && System.nanoTime() - deadline[0] < 0) {
            worker.runOne();
          }
        } catch (Throwable t) { // Anything (also Errors) fails the measurement.
          failure.compareAndSet(null, t);
        } finally {
          endNanos[id] = System.nanoTime();
          if (!counted) {
            ready.countDown();
          }
        }
      }));
    }
    ready.await();
    long start = System.nanoTime();
    deadline[0] = start + durationNanos;
    go.countDown(); // publishes deadline[0] to the workers
    for (Thread t : started) {
      t.join();
    }
    Throwable f = failure.get();
    if (f instanceof InterruptedException ie) {
      throw ie;
    } else if (f != null) {
      throw new WorkloadFailedException(system, w.label, "a statement failed", f);
    }
    long end = start;
    for (long e : endNanos) {
      end = Math.max(end, e);
    }
    return aggregate(w, run, workers, end - start);
  }

  private SqlMeasurement aggregate(SqlWorkload w, int run, StatementWorker[] workers, long nanos) {
    Histogram latency = new Histogram(3);
    long ops = 0;
    long retries = 0;
    long errors = 0;
    long unexpected = 0;
    SQLException first = null;
    for (StatementWorker worker : workers) {
      latency.add(worker.latency);
      ops += worker.ops;
      retries += worker.retries;
      errors += worker.errors;
      unexpected += worker.unexpected;
      if (first == null) {
        first = worker.firstError;
      }
    }
    String firstError = first == null ? null
        : "SQLState " + first.getSQLState() + ": " + WorkloadFailedException.firstLine(first.getMessage());
    return new SqlMeasurement(system, w, run, threads, ops, Math.max(0, nanos), latency, retries, errors, unexpected,
        firstError);
  }

  static long seconds(int s) {
    return TimeUnit.SECONDS.toNanos(s);
  }
}
