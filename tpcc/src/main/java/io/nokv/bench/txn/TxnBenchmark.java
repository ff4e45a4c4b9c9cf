package io.nokv.bench.txn;

import static io.nokv.bench.BenchSupport.deleteRecursively;
import static io.nokv.bench.BenchSupport.oneLine;

import io.nokv.kv.Db;
import io.nokv.kv.WriteBatch;
import io.nokv.kv.WriteOptions;
import io.nokv.txn.Txn;
import io.nokv.txn.TxnClient;
import io.nokv.txn.TxnClientOptions;
import io.nokv.txn.TxnException;
import io.nokv.txn.TxnFunction;
import io.nokv.txn.store.LocalStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Runs a {@link TxnBenchConfig}. Each run opens a fresh plain {@link Db} ({@code run-N/raw}) and a
 * fresh {@link TxnClient} over a {@link LocalStore} ({@code run-N/txn}), both with default options
 * (the client is {@code TxnClient.connect(LocalStore.open(dir), new TxnClientOptions())}, which is
 * what {@code TxnClient.open(dir)} does, keeping the store at hand for its engine's statistics),
 * preloads every key of the key space into each (raw: synced write batches; txn: one transaction
 * per chunk), then measures each workload at each thread count, one measurement at a time, in the
 * run's order ({@link TxnBenchConfig#order}: reversed in even runs). The raw workloads share the
 * raw database and the transactional ones the store, so later measurements of a run see the
 * earlier ones' writes. A workload that fails (an exception other than a transaction giving up) is
 * reported in one line and skipped from then on; the others still run.
 */
final class TxnBenchmark {
  /** A preload: which key space, in which run, how many keys, how long it took. */
  record Preload(int run, String space, long keys, long nanos) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("run", run);
      m.put("space", space);
      m.put("keys", keys);
      m.put("duration_ms", nanos / 1e6);
      return m;
    }
  }

  /** What a benchmark produced: measurements in the order taken, preloads, and each failed workload's error. */
  record Outcome(List<Measurement> results, List<Preload> preloads, Map<String, String> errors) {}

  private final TxnBenchConfig config;
  private final PrintWriter out;
  /** Seeds of the workers' random sources: a fixed sequence, a new seed for every worker of every measurement. */
  private final SplittableRandom seeds = new SplittableRandom(20261125L);

  TxnBenchmark(TxnBenchConfig config, PrintWriter out) {
    this.config = config;
    this.out = out;
  }

  Outcome run(Path root) throws InterruptedException {
    List<Measurement> results = new ArrayList<>();
    List<Preload> preloads = new ArrayList<>();
    Map<String, String> errors = new LinkedHashMap<>();
    Set<TxnWorkload> failed = new LinkedHashSet<>();
    for (int run = 1; run <= config.runs(); run++) {
      List<TxnWorkload> order = new ArrayList<>(config.order(run));
      order.removeAll(failed);
      if (order.isEmpty()) {
        break;
      }
      Path runDir = root.resolve("run-" + run);
      String runLabel = "run " + run;
      out.printf("%n[%s] order %s; data in %s%n", runLabel, join(order), runDir);
      out.flush();
      Db db = null;
      LocalStore store = null;
      TxnClient client = null;
      try {
        // Open and preload in the order the run first uses the two key spaces.
        for (TxnWorkload w : order) {
          if (!w.transactional && db == null) {
            db = Db.open(runDir.resolve("raw"));
            preloads.add(preloadRaw(db, run, runLabel));
          } else if (w.transactional && client == null) {
            store = LocalStore.open(runDir.resolve("txn"));
            client = TxnClient.connect(store, new TxnClientOptions());
            preloads.add(preloadTxn(client, run, runLabel));
          }
        }
        for (int threads : config.threads()) {
          for (TxnWorkload w : order) {
            if (failed.contains(w)) {
              continue;
            }
            String label = runLabel + ", " + threads + " thread" + (threads == 1 ? "" : "s") + ", " + w.label;
            try {
              if (config.warmupSeconds() > 0) {
                measure(w, db, store, client, run, threads, label + " warmup", TimeUnit.SECONDS.toNanos(config.warmupSeconds()), 0);
              }
              Measurement m = config.byDuration()
                  ? measure(w, db, store, client, run, threads, label, TimeUnit.SECONDS.toNanos(config.durationSeconds()), 0)
                  : measure(w, db, store, client, run, threads, label, 0, config.operations());
              printRow(label, m);
              results.add(m);
            } catch (InterruptedException e) {
              throw e;
            } catch (RuntimeException | Error e) {
              String line = oneLine(e);
              failed.add(w);
              errors.put(w.label, line);
              out.printf("[%s] FAILED, skipping this workload from now on: %s%n", label, line);
              out.flush();
            }
          }
        }
      } finally {
        closeQuietly(client);
        closeQuietly(store);
        closeQuietly(db);
        if (config.dir() == null) {
          deleteRecursively(runDir);
        }
      }
    }
    return new Outcome(results, preloads, errors);
  }

  // ---- preload ----

  private Preload preloadRaw(Db db, int run, String runLabel) throws InterruptedException {
    int chunk = config.preloadChunk();
    LongAdder done = new LongAdder();
    String label = runLabel + " preload raw";
    out.printf("[%s] %,d keys, synced write batches of %,d keys%n", label, config.keys(), chunk);
    out.flush();
    SplittableRandom rnd = new SplittableRandom(run * 31L);
    byte[] value = randomValue(rnd);
    long t0 = System.nanoTime();
    try (Progress p = new Progress(out, label, "keys", config.keys(), done::sum, config.progressSeconds())) {
      for (int start = 0; start < config.keys(); start += chunk) {
        int end = Math.min(config.keys(), start + chunk);
        WriteBatch batch = new WriteBatch((end - start) * (value.length + TxnBenchConfig.KEY_SIZE + 8));
        for (int i = start; i < end; i++) {
          stamp(value, i);
          batch.put(key(i), value);
        }
        db.write(WriteOptions.DEFAULT, batch);
        done.add(end - start);
      }
    }
    return finishPreload(label, run, "raw", t0);
  }

  private Preload preloadTxn(TxnClient client, int run, String runLabel) throws InterruptedException {
    int chunk = config.preloadChunk();
    LongAdder done = new LongAdder();
    String label = runLabel + " preload txn";
    out.printf("[%s] %,d keys, one transaction per %,d keys%n", label, config.keys(), chunk);
    out.flush();
    SplittableRandom rnd = new SplittableRandom(run * 37L);
    byte[] value = randomValue(rnd);
    long t0 = System.nanoTime();
    try (Progress p = new Progress(out, label, "keys", config.keys(), done::sum, config.progressSeconds())) {
      for (int s = 0; s < config.keys(); s += chunk) {
        int start = s;
        int end = Math.min(config.keys(), start + chunk);
        client.run(txn -> {
          for (int i = start; i < end; i++) {
            stamp(value, i);
            txn.put(key(i), value);
          }
          return null;
        });
        done.add(end - start);
      }
    }
    return finishPreload(label, run, "txn", t0);
  }

  private Preload finishPreload(String label, int run, String space, long t0) {
    long nanos = System.nanoTime() - t0;
    out.printf("[%s] loaded %,d keys in %.1f s (%,.0f keys/s)%n", label, config.keys(), nanos / 1e9,
        config.keys() * 1e9 / Math.max(1, nanos));
    out.flush();
    return new Preload(run, space, config.keys(), nanos);
  }

  // ---- measurement ----

  /**
   * Runs {@code w} with {@code threads} threads for {@code durationNanos} (when positive) or for
   * {@code operations} operations split over the threads.
   */
  private Measurement measure(TxnWorkload w, Db db, LocalStore store, TxnClient client, int run, int threads,
      String label, long durationNanos, long operations) throws InterruptedException {
    Db engine = w.transactional ? store.db() : db;
    LongAdder done = new LongAdder();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Worker[] workers = new Worker[threads];
    long[] endNanos = new long[threads];
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    long[] start = new long[1];
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int id = i;
      long quota = durationNanos > 0 ? Long.MAX_VALUE : operations / threads + (i < operations % threads ? 1 : 0);
      workers[i] = new Worker(w, db, client, new SplittableRandom(seeds.nextLong()));
      started.add(Thread.ofPlatform().name("txn-bench-" + w.label + "-" + i).start(() -> {
        Worker worker = workers[id];
        try {
          ready.countDown();
          go.await();
          long deadline = start[0] + durationNanos;
          for (long n = 0; n < quota && failure.get() == null; n++) {
            if (durationNanos > 0 && System.nanoTime() - deadline >= 0) {
              break;
            }
            long t0 = System.nanoTime();
            if (worker.op()) {
              worker.latency.recordValue(Math.max(0, System.nanoTime() - t0));
              worker.completed++;
              done.increment();
            }
          }
        } catch (Throwable t) { // Anything (also Errors) fails the measurement.
          failure.compareAndSet(null, t);
        } finally {
          endNanos[id] = System.nanoTime();
        }
      }));
    }
    ready.await();
    long syncsBefore = engine.stats().walSyncs();
    start[0] = System.nanoTime();
    long total = durationNanos > 0 ? -1 : operations;
    try (Progress p = new Progress(out, label, "ops", total, done::sum, config.progressSeconds())) {
      go.countDown();
      for (Thread t : started) {
        t.join();
      }
    }
    long syncs = engine.stats().walSyncs() - syncsBefore;
    Throwable f = failure.get();
    if (f instanceof RuntimeException re) {
      throw re;
    } else if (f instanceof Error e) {
      throw e;
    } else if (f != null) {
      throw new IllegalStateException(f.toString(), f);
    }
    long end = start[0];
    for (long e : endNanos) {
      end = Math.max(end, e);
    }
    Histogram latency = newHistogram();
    long ops = 0;
    long retries = 0;
    long failures = 0;
    long notFound = 0;
    for (Worker worker : workers) {
      latency.add(worker.latency);
      ops += worker.completed;
      retries += worker.retries;
      failures += worker.failures;
      notFound += worker.notFound;
    }
    return new Measurement(w, run, threads, ops, end - start[0], latency, retries, failures, notFound, syncs);
  }

  /** One benchmark thread: its random source, value buffer, histogram and counters. */
  private final class Worker {
    private final TxnWorkload workload;
    private final Db db;
    private final TxnClient client;
    private final SplittableRandom rnd;
    private final byte[] value;
    private final int[] picks;
    private final byte[][] keys;
    private final TxnFunction<Void> body = this::body;
    final Histogram latency = newHistogram();
    long stampCounter;
    long completed;
    long retries;
    long failures;
    long notFound;
    private int attempts;

    Worker(TxnWorkload workload, Db db, TxnClient client, SplittableRandom rnd) {
      this.workload = workload;
      this.db = db;
      this.client = client;
      this.rnd = rnd;
      this.value = randomValue(rnd);
      this.picks = new int[workload.keysPerOp];
      this.keys = new byte[workload.keysPerOp][];
    }

    /** One operation; true when it completed, false when a transaction failed after its retries. */
    boolean op() {
      pickDistinct();
      switch (workload) {
        case RAW_PUT -> {
          db.put(WriteOptions.DEFAULT, keys[0], nextValue());
          return true;
        }
        case RAW_PUT_10 -> {
          WriteBatch batch = new WriteBatch(keys.length * (value.length + TxnBenchConfig.KEY_SIZE + 8));
          for (byte[] k : keys) {
            batch.put(k, nextValue());
          }
          db.write(WriteOptions.DEFAULT, batch);
          return true;
        }
        default -> {
          attempts = 0;
          try {
            client.run(body);
            return true;
          } catch (TxnException e) {
            failures++;
            return false;
          } finally {
            retries += Math.max(0, attempts - 1);
          }
        }
      }
    }

    /** The transaction: read each key, write it a new value. Runs again on a retry, with the same keys. */
    private Void body(Txn txn) {
      attempts++;
      for (byte[] k : keys) {
        if (txn.get(k) == null) {
          notFound++;
        }
        txn.put(k, nextValue());
      }
      return null;
    }

    private void pickDistinct() {
      for (int i = 0; i < picks.length; i++) {
        int k;
        boolean dup;
        do {
          k = rnd.nextInt(config.keys());
          dup = false;
          for (int j = 0; j < i; j++) {
            if (picks[j] == k) {
              dup = true;
              break;
            }
          }
        } while (dup);
        picks[i] = k;
        keys[i] = key(k);
      }
    }

    /** The value buffer with a fresh stamp: a new value each time (Db and Txn copy it). */
    private byte[] nextValue() {
      stamp(value, ++stampCounter);
      return value;
    }
  }

  // ---- helpers ----

  private byte[] randomValue(SplittableRandom rnd) {
    byte[] v = new byte[config.valueSize()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (byte) (' ' + rnd.nextInt(95)); // printable, so that dumps stay readable
    }
    return v;
  }

  /** Writes {@code n} into the first (up to) 8 bytes of {@code value}. */
  private static void stamp(byte[] value, long n) {
    for (int i = 0; i < Math.min(8, value.length); i++) {
      value[i] = (byte) (n >>> (8 * i));
    }
  }

  /** Key {@code i}: "key" and ten digits, e.g. {@code key0000000042}. */
  static byte[] key(long i) {
    byte[] k = new byte[TxnBenchConfig.KEY_SIZE];
    k[0] = 'k';
    k[1] = 'e';
    k[2] = 'y';
    long n = i;
    for (int p = k.length - 1; p >= 3; p--) {
      k[p] = (byte) ('0' + n % 10);
      n /= 10;
    }
    return k;
  }

  static Histogram newHistogram() {
    return new Histogram(3);
  }

  private void printRow(String label, Measurement m) {
    out.printf("[%s] %,.0f ops/s, %,.0f keys/s, p50 %.3f ms, p99 %.3f ms, retries %,d, failures %,d, %.2f WAL syncs/op"
            + " (%,d ops in %.1f s)%n", label, m.opsPerSec(), m.keysPerSec(), m.p50Ms(), m.p99Ms(), m.retries(),
        m.failures(), m.syncsPerOp(), m.operations(), m.nanos() / 1e9);
    if (m.notFound() > 0) {
      out.printf("[%s] WARNING: %,d gets found no value although every key was preloaded%n", label, m.notFound());
    }
    out.flush();
  }

  private static String join(List<TxnWorkload> ws) {
    List<String> labels = new ArrayList<>();
    ws.forEach(w -> labels.add(w.label));
    return String.join(", ", labels);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // A failure to close after the measurements changes no result; the run's errors say more.
    }
  }

  /**
   * Prints a progress line every few seconds while a long phase runs: done so far (of the total,
   * when known), the rate in the last interval and overall. Closing it stops the printing.
   */
  static final class Progress implements AutoCloseable {
    private final ScheduledExecutorService timer;

    Progress(PrintWriter out, String label, String unit, long total, LongSupplier done, int intervalSeconds) {
      if (intervalSeconds <= 0) {
        timer = null;
        return;
      }
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "txn-bench-progress");
        t.setDaemon(true);
        return t;
      });
      long start = System.nanoTime();
      long[] last = {0, start};
      timer.scheduleAtFixedRate(() -> {
        long now = System.nanoTime();
        long n = done.getAsLong();
        double recent = (n - last[0]) * 1e9 / Math.max(1, now - last[1]);
        double overall = n * 1e9 / Math.max(1, now - start);
        last[0] = n;
        last[1] = now;
        String of = total > 0 ? String.format(" / %,d", total) : "";
        out.printf("  [%s] %,d%s %s, %,.0f/s in the last %d s, %,.0f/s overall, %d s%n",
            label, n, of, unit, recent, intervalSeconds, overall, TimeUnit.NANOSECONDS.toSeconds(now - start));
        out.flush();
      }, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      if (timer != null) {
        timer.shutdownNow();
      }
    }
  }
}
