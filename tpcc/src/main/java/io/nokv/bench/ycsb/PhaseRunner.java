package io.nokv.bench.ycsb;

import io.nokv.bench.engine.BenchEngine;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.HdrHistogram.Histogram;
import site.ycsb.WorkloadException;
import site.ycsb.measurements.Measurements;
import site.ycsb.workloads.CoreWorkload;

/**
 * Runs one phase in-process: {@code threads} threads, each with its own {@link EngineBinding},
 * share one {@link CoreWorkload} (thread-safe by YCSB's contract) and split the operation count
 * as YCSB's client does. Each operation is timed around {@code doInsert}/{@code doTransaction}
 * (key and value generation included, as YCSB measures it). Throughput is operations over the
 * wall time from the common start to the last thread's end. The first engine failure stops every
 * thread and is rethrown.
 */
final class PhaseRunner {
  static {
    // CoreWorkload reaches for YCSB's global Measurements (it times read-modify-write itself);
    // without properties set first, creating it fails. Its numbers are not used: ours are.
    Properties p = new Properties();
    p.setProperty("measurementtype", "hdrhistogram");
    Measurements.setProperties(p);
  }

  private PhaseRunner() {}

  /** Whether the phase loads records ({@code doInsert}) or runs the workload's mix. */
  enum Kind { LOAD, TRANSACTIONS }

  static PhaseResult run(
      BenchEngine engine,
      String workloadName,
      int run,
      String distribution,
      Properties props,
      Kind kind,
      long operations,
      int threads,
      ProgressSink progress) throws InterruptedException {
    CoreWorkload workload = new CoreWorkload();
    try {
      workload.init(props);
    } catch (WorkloadException e) {
      throw new IllegalStateException("YCSB workload " + workloadName + ": " + e.getMessage(), e);
    }
    PhaseState state = new PhaseState();
    ThreadLatencies[] latencies = new ThreadLatencies[threads];
    long[] endNanos = new long[threads];
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int id = i;
      long quota = operations / threads + (i < operations % threads ? 1 : 0);
      latencies[i] = new ThreadLatencies();
      workers.add(Thread.ofPlatform().name("ycsb-" + engine.name() + "-" + i).start(() -> {
        ThreadLatencies lat = latencies[id];
        EngineBinding db = new EngineBinding(engine, lat, state);
        try {
          Object threadState = workload.initThread(props, id, threads);
          ready.countDown();
          go.await();
          for (long n = 0; n < quota && !state.failed(); n++) {
            long t0 = System.nanoTime();
            if (kind == Kind.LOAD) {
              workload.doInsert(db, threadState);
            } else {
              workload.doTransaction(db, threadState);
            }
            lat.overall.recordValue(Math.max(0, System.nanoTime() - t0));
            state.done.increment();
          }
        } catch (Throwable t) { // Record anything (also Errors) so the phase fails with it.
          state.fail(t);
          ready.countDown();
        } finally {
          endNanos[id] = System.nanoTime();
        }
      }));
    }
    ready.await();
    long start = System.nanoTime();
    ProgressReporter reporter = progress.start(workloadName, operations, state);
    try {
      go.countDown();
      for (Thread t : workers) {
        t.join();
      }
    } finally {
      reporter.close();
    }
    try {
      workload.cleanup();
    } catch (WorkloadException e) {
      throw new IllegalStateException("YCSB workload " + workloadName + " cleanup: " + e.getMessage(), e);
    }
    if (state.failed()) {
      Throwable f = state.failure();
      throw f instanceof RuntimeException re ? re : new IllegalStateException(f.toString(), f);
    }
    long end = start;
    for (long e : endNanos) {
      end = Math.max(end, e);
    }
    Histogram overall = ThreadLatencies.newHistogram();
    EnumMap<OpType, Histogram> byOp = new EnumMap<>(OpType.class);
    for (OpType op : OpType.values()) {
      byOp.put(op, ThreadLatencies.newHistogram());
    }
    for (ThreadLatencies lat : latencies) {
      overall.add(lat.overall);
      for (OpType op : OpType.values()) {
        byOp.get(op).add(lat.of(op));
      }
    }
    return new PhaseResult(engine.name(), workloadName, run, distribution, threads, operations, end - start,
        overall, byOp, state.notFound.sum(), state.inserts.sum());
  }

  /** Starts progress reporting for a phase; the returned handle stops it. */
  interface ProgressSink {
    ProgressReporter start(String phase, long total, PhaseState state);
  }
}
