package io.nokv.bench.txn;

import io.nokv.bench.BenchVersion;
import io.nokv.bench.Sizes;
import io.nokv.kv.Options;
import io.nokv.kv.WriteOptions;
import io.nokv.txn.TxnClientOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The settings header, the result tables and the JSON report of {@code nokv bench txn}.
 *
 * <p>Per thread count, a table with each workload's per-run rows and (for several runs) its median
 * row, then the two target ratios of the issue computed from the medians, each with PASS or MISS
 * and its per-run values; a summary of the targets per thread count ends the output. The JSON:
 *
 * <pre>
 * {"benchmark": "txn", "nokv_version", "started_at",
 *  "settings": {workloads, workload_descriptions, threads, duration_seconds, operations,
 *               warmup_seconds, keys, key_size, value_size, runs, order, preload_chunk, dir,
 *               dir_temporary, engine: {...}, txn_client: {...}},
 *  "machine": {cores, jvm, os, max_heap_bytes},
 *  "preloads": [{run, space, keys, duration_ms}],
 *  "results": [{run, threads, system, keys_per_op, operations, duration_ms, ops_per_sec,
 *               keys_per_sec, p50_ms, p99_ms, p999_ms, max_ms, mean_ms, retries, failures, not_found,
 *               wal_syncs, wal_syncs_per_op}],
 *  "medians": [{threads, system, runs, ops_per_sec, keys_per_sec, p50_ms, p99_ms, retries,
 *               failures, wal_syncs_per_op, per_run: {run: [...], ops_per_sec: [...], keys_per_sec,
 *               p50_ms, p99_ms, retries, failures, wal_syncs_per_op}}],
 *  "ratios": [{threads, run, name, description, formula, value, target, comparison, pass}],
 *  "median_ratios": [{threads, runs, name, description, formula, value, target, comparison, pass, per_run: [...]}],
 *  "errors": [{system, message}]}
 * </pre>
 *
 * {@code duration_seconds} is null when {@code operations} (per measurement) was given instead.
 * {@code medians} holds one object per thread count and workload, each value the median of the
 * per-run values (the mean of the two middle ones for an even count); {@code per_run} lists those
 * values in run order. {@code median_ratios} computes each target ratio from the medians; its
 * {@code per_run} lists the per-run ratios. A ratio whose workloads were not both measured is left out.
 */
final class TxnReport {
  private TxnReport() {}

  /** A ratio the issue sets a target for, computed from raw-put's and a transactional workload's numbers. */
  enum Target {
    TXN1_COST("txn1_cost_vs_raw_put", "txn-1 cost / raw put cost", "raw-put ops/s / txn-1 ops/s",
        TxnWorkload.TXN_1, 2.0, true),
    TXN10_KEYS_FRACTION("txn10_keys_vs_raw_put", "txn-10 keys/s as a fraction of raw-put ops/s",
        "txn-10 keys/s / raw-put ops/s", TxnWorkload.TXN_10, 0.20, false);

    final String key;
    final String description;
    final String formula;
    /** The transactional workload it compares with raw-put. */
    final TxnWorkload workload;
    final double target;
    /** True when the value must be at most the target, false when at least. */
    final boolean atMost;

    Target(String key, String description, String formula, TxnWorkload workload, double target, boolean atMost) {
      this.key = key;
      this.description = description;
      this.formula = formula;
      this.workload = workload;
      this.target = target;
      this.atMost = atMost;
    }

    /** The ratio from raw-put's ops/s and the workload's ops/s and keys/s; NaN when undefined. */
    double value(double rawOps, double ops, double keys) {
      return this == TXN1_COST ? div(rawOps, ops) : div(keys, rawOps);
    }

    boolean pass(double value) {
      return !Double.isNaN(value) && (atMost ? value <= target : value >= target);
    }

    String comparison() {
      return atMost ? "<=" : ">=";
    }
  }

  /** One workload's medians at one thread count, with the measurements they come from (run order). */
  record Median(int threads, TxnWorkload workload, List<Measurement> runs) {
    double opsPerSec() {
      return median(Measurement::opsPerSec);
    }

    double keysPerSec() {
      return median(Measurement::keysPerSec);
    }

    double p50Ms() {
      return median(Measurement::p50Ms);
    }

    double p99Ms() {
      return median(Measurement::p99Ms);
    }

    double retries() {
      return median(m -> m.retries());
    }

    double failures() {
      return median(m -> m.failures());
    }

    double syncsPerOp() {
      return median(Measurement::syncsPerOp);
    }

    double median(ToDoubleFunction<Measurement> f) {
      return TxnReport.median(runs.stream().mapToDouble(f).toArray());
    }

    List<Double> perRun(ToDoubleFunction<Measurement> f) {
      return runs.stream().map(f::applyAsDouble).toList();
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("threads", threads);
      m.put("system", workload.label);
      m.put("runs", runs.size());
      m.put("ops_per_sec", opsPerSec());
      m.put("keys_per_sec", keysPerSec());
      m.put("p50_ms", p50Ms());
      m.put("p99_ms", p99Ms());
      m.put("retries", retries());
      m.put("failures", failures());
      m.put("wal_syncs_per_op", syncsPerOp());
      Map<String, Object> per = new LinkedHashMap<>();
      per.put("run", perRun(Measurement::run));
      per.put("ops_per_sec", perRun(Measurement::opsPerSec));
      per.put("keys_per_sec", perRun(Measurement::keysPerSec));
      per.put("p50_ms", perRun(Measurement::p50Ms));
      per.put("p99_ms", perRun(Measurement::p99Ms));
      per.put("retries", perRun(Measurement::retries));
      per.put("failures", perRun(Measurement::failures));
      per.put("wal_syncs_per_op", perRun(Measurement::syncsPerOp));
      m.put("per_run", per);
      return m;
    }
  }

  /** A target ratio at one thread count: of one run ({@code run >= 1}) or of the medians ({@code run == 0}). */
  record Ratio(Target target, int threads, int run, int runs, double value, List<Double> perRun) {
    boolean pass() {
      return target.pass(value);
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("threads", threads);
      if (run > 0) {
        m.put("run", run);
      } else {
        m.put("runs", runs);
      }
      m.put("name", target.key);
      m.put("description", target.description);
      m.put("formula", target.formula);
      m.put("value", value);
      m.put("target", target.target);
      m.put("comparison", target.comparison());
      m.put("pass", pass());
      if (run == 0) {
        m.put("per_run", perRun);
      }
      return m;
    }
  }

  // ---- computations ----

  static double div(double a, double b) {
    return b == 0 || Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : a / b;
  }

  /** The median; the mean of the two middle values for an even count; NaN for none. */
  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** The medians per thread count (in --threads order) and workload (in --workloads order). */
  static List<Median> medians(TxnBenchConfig c, List<Measurement> results) {
    List<Median> out = new ArrayList<>();
    for (int threads : c.threads()) {
      for (TxnWorkload w : c.workloads()) {
        List<Measurement> runs = results.stream()
            .filter(m -> m.threads() == threads && m.workload() == w)
            .sorted((a, b) -> Integer.compare(a.run(), b.run()))
            .toList();
        if (!runs.isEmpty()) {
          out.add(new Median(threads, w, runs));
        }
      }
    }
    return out;
  }

  /** The target ratios of each run, per thread count and run, where both workloads were measured. */
  static List<Ratio> runRatios(TxnBenchConfig c, List<Measurement> results) {
    List<Ratio> out = new ArrayList<>();
    for (int threads : c.threads()) {
      for (Target t : Target.values()) {
        for (int run = 1; run <= c.runs(); run++) {
          Measurement raw = find(results, threads, run, TxnWorkload.RAW_PUT);
          Measurement txn = find(results, threads, run, t.workload);
          if (raw != null && txn != null) {
            out.add(new Ratio(t, threads, run, 1, t.value(raw.opsPerSec(), txn.opsPerSec(), txn.keysPerSec()), List.of()));
          }
        }
      }
    }
    return out;
  }

  /** The target ratios of the medians, per thread count, with the per-run ratios. */
  static List<Ratio> medianRatios(TxnBenchConfig c, List<Median> medians, List<Ratio> runRatios) {
    List<Ratio> out = new ArrayList<>();
    for (int threads : c.threads()) {
      Median raw = find(medians, threads, TxnWorkload.RAW_PUT);
      for (Target t : Target.values()) {
        Median txn = find(medians, threads, t.workload);
        if (raw == null || txn == null) {
          continue;
        }
        List<Double> perRun = runRatios.stream()
            .filter(r -> r.threads() == threads && r.target() == t)
            .map(Ratio::value)
            .toList();
        out.add(new Ratio(t, threads, 0, Math.min(raw.runs().size(), txn.runs().size()),
            t.value(raw.opsPerSec(), txn.opsPerSec(), txn.keysPerSec()), perRun));
      }
    }
    return out;
  }

  private static Measurement find(List<Measurement> results, int threads, int run, TxnWorkload w) {
    for (Measurement m : results) {
      if (m.threads() == threads && m.run() == run && m.workload() == w) {
        return m;
      }
    }
    return null;
  }

  private static Median find(List<Median> medians, int threads, TxnWorkload w) {
    for (Median m : medians) {
      if (m.threads() == threads && m.workload() == w) {
        return m;
      }
    }
    return null;
  }

  // ---- text ----

  static void printHeader(PrintWriter w, TxnBenchConfig c, Path root) {
    Options o = new Options();
    TxnClientOptions t = new TxnClientOptions();
    w.printf("NoKV transaction benchmark (nokv %s)%n", BenchVersion.projectVersion());
    w.printf("  workloads:  %s (one at a time)%n", String.join(", ", c.workloads().stream().map(x -> x.label).toList()));
    for (TxnWorkload x : c.workloads()) {
      w.printf("              %-12s%s%n", x.label + ":", x.description);
    }
    w.printf("  threads:    %s (each workload measured at each thread count)%n",
        String.join(", ", c.threads().stream().map(String::valueOf).toList()));
    String length = c.byDuration()
        ? c.durationSeconds() + " s per measurement"
        : String.format("%,d operations per measurement (split over the threads)", c.operations());
    w.printf("  length:     %s, after %d s of unmeasured warmup; %d run(s)%s%n", length, c.warmupSeconds(), c.runs(),
        c.runs() > 1 ? ", each run's rows printed, then the median of the runs" : "");
    w.printf("  order:      %s%n", orderLine(c));
    w.printf("  keys:       %,d per key space (\"key\" + 10 digits, %d B), uniformly random; values %,d B, new on"
            + " every write%n", c.keys(), TxnBenchConfig.KEY_SIZE, c.valueSize());
    w.printf("  preload:    every run fills each key space it uses with all %,d keys first (raw: synced batches;"
            + " txn: one transaction per %,d keys)%n", c.keys(), c.preloadChunk());
    w.printf("  engine:     default Options for both the raw Db and the LocalStore's Db: write buffer %s x %d, block"
            + " cache %s, value threshold %,d B;%n",
        Sizes.format(o.writeBufferSize()), o.maxWriteBufferNumber(), Sizes.format(o.blockCacheSize()), o.valueThreshold());
    w.printf("              %s: every write and every commit fsyncs the WAL%n", WriteOptions.DEFAULT);
    w.printf("  txn client: TxnClient.connect(LocalStore.open(dir), default TxnClientOptions), as TxnClient.open(dir)"
            + " does: run() retries retryable failures up to %d times;%n", t.maxRetries());
    w.printf("              one-phase commit up to %,d keys / %s in one region (LocalStore has one region), lock TTL"
            + " %,d ms%n", t.onePcMaxKeys(), Sizes.format(t.onePcMaxBytes()), t.lockTtlMillis());
    w.printf("  targets:    %s (%s) %s %.2f; %s (%s) %s %.2f%n",
        Target.TXN1_COST.description, Target.TXN1_COST.formula, Target.TXN1_COST.comparison(), Target.TXN1_COST.target,
        Target.TXN10_KEYS_FRACTION.description, Target.TXN10_KEYS_FRACTION.formula,
        Target.TXN10_KEYS_FRACTION.comparison(), Target.TXN10_KEYS_FRACTION.target);
    Map<String, Object> m = machine();
    w.printf("  machine:    %s cores, %s, %s, max heap %s%n", m.get("cores"), m.get("jvm"), m.get("os"),
        Sizes.format((Long) m.get("max_heap_bytes") & ~((1L << 20) - 1)));
    w.printf("  data dir:   %s%s%n", root, c.dir() == null ? " (temporary, deleted afterwards)" : " (kept)");
    w.flush();
  }

  static String orderLine(TxnBenchConfig c) {
    if (c.runs() == 1 || c.workloads().size() == 1) {
      return String.join(", ", c.order(1).stream().map(x -> x.label).toList());
    }
    StringBuilder line = new StringBuilder();
    for (int run = 1; run <= Math.min(c.runs(), 2); run++) {
      line.append(run == 1 ? "" : "; ").append("run ").append(run).append(": ")
          .append(String.join(", ", c.order(run).stream().map(x -> x.label).toList()));
    }
    if (c.runs() > 2) {
      line.append("; ...");
    }
    return line.append(" (alternating between runs)").toString();
  }

  /** The tables per thread count, their target ratios, and the summary of the targets. */
  static void printResults(PrintWriter w, TxnBenchConfig c, List<Measurement> results) {
    List<Median> medians = medians(c, results);
    List<Ratio> runRatios = runRatios(c, results);
    List<Ratio> medianRatios = medianRatios(c, medians, runRatios);
    for (int threads : c.threads()) {
      w.println();
      w.printf("Results at %d thread%s (%s; ops/s, keys/s: higher is better; latency per operation in ms, retries"
              + " included: lower is better; syncs/op: WAL fsyncs per operation, below 1 when group commit"
              + " shares them)%n", threads, threads == 1 ? "" : "s",
          c.runs() > 1 ? "each run, then the median of the " + c.runs() + " runs" : "one run");
      w.printf("%-11s %-7s %12s %12s %9s %9s %9s %9s %10s%n", "system", "run", "ops/s", "keys/s", "p50 ms", "p99 ms",
          "retries", "failures", "syncs/op");
      for (Median m : medians) {
        if (m.threads() != threads) {
          continue;
        }
        for (Measurement r : m.runs()) {
          w.printf("%-11s %-7s %,12.0f %,12.0f %9.3f %9.3f %,9d %,9d %10.2f%n", r.workload().label,
              String.valueOf(r.run()), r.opsPerSec(), r.keysPerSec(), r.p50Ms(), r.p99Ms(), r.retries(), r.failures(),
              r.syncsPerOp());
        }
        if (c.runs() > 1) {
          w.printf("%-11s %-7s %,12.0f %,12.0f %9.3f %9.3f %,9.0f %,9.0f %10.2f%n", m.workload().label, "median",
              m.opsPerSec(), m.keysPerSec(), m.p50Ms(), m.p99Ms(), m.retries(), m.failures(), m.syncsPerOp());
        }
      }
      boolean any = false;
      for (Ratio q : medianRatios) {
        if (q.threads() != threads) {
          continue;
        }
        if (!any) {
          w.printf("Targets at %d thread%s (%s):%n", threads, threads == 1 ? "" : "s",
              c.runs() > 1 ? "ratios of the medians; per run in brackets" : "one run");
          any = true;
        }
        w.printf("  %-46s = %-31s = %6s   target %s %.2f   %s%s%n", q.target().description, q.target().formula,
            fmt(q.value()), q.target().comparison(), q.target().target, q.pass() ? "PASS" : "MISS",
            c.runs() > 1 ? "   [" + String.join(", ", q.perRun().stream().map(TxnReport::fmt).toList()) + "]" : "");
      }
      if (!any) {
        w.println("Targets: not computed (they need raw-put with txn-1 or txn-10 in --workloads)");
      }
    }
    if (!medianRatios.isEmpty()) {
      w.println();
      w.printf("Summary of the targets (%s):%n", c.runs() > 1 ? "medians of " + c.runs() + " runs" : "one run");
      for (Ratio q : medianRatios) {
        w.printf("  %2d thread%s  %-46s %6s (target %s %.2f) %s%n", q.threads(), q.threads() == 1 ? " " : "s",
            q.target().description, fmt(q.value()), q.target().comparison(), q.target().target,
            q.pass() ? "PASS" : "MISS");
      }
    }
    w.flush();
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format("%.2f", v);
  }

  // ---- JSON ----

  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    return m;
  }

  static Map<String, Object> toJson(TxnBenchConfig c, Path root, Instant started, TxnBenchmark.Outcome outcome) {
    Options o = new Options();
    TxnClientOptions t = new TxnClientOptions();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("workloads", c.workloads().stream().map(x -> x.label).toList());
    Map<String, Object> descriptions = new LinkedHashMap<>();
    c.workloads().forEach(x -> descriptions.put(x.label, x.description));
    settings.put("workload_descriptions", descriptions);
    settings.put("threads", c.threads());
    settings.put("duration_seconds", c.byDuration() ? c.durationSeconds() : null);
    settings.put("operations", c.operations());
    settings.put("warmup_seconds", c.warmupSeconds());
    settings.put("keys", c.keys());
    settings.put("key_size", TxnBenchConfig.KEY_SIZE);
    settings.put("value_size", c.valueSize());
    settings.put("runs", c.runs());
    List<Object> order = new ArrayList<>();
    for (int run = 1; run <= c.runs(); run++) {
      order.add(c.order(run).stream().map(x -> x.label).toList());
    }
    settings.put("order", order);
    settings.put("preload_chunk", c.preloadChunk());
    settings.put("dir", root.toString());
    settings.put("dir_temporary", c.dir() == null);
    Map<String, Object> engine = new LinkedHashMap<>();
    engine.put("options", "default");
    engine.put("sync", WriteOptions.DEFAULT.sync());
    engine.put("write_buffer_size", o.writeBufferSize());
    engine.put("max_write_buffer_number", o.maxWriteBufferNumber());
    engine.put("block_cache_size", o.blockCacheSize());
    engine.put("value_threshold", o.valueThreshold());
    settings.put("engine", engine);
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("options", "default");
    client.put("max_retries", t.maxRetries());
    client.put("one_pc_max_keys", t.onePcMaxKeys());
    client.put("one_pc_max_bytes", t.onePcMaxBytes());
    client.put("lock_ttl_ms", t.lockTtlMillis());
    client.put("lock_wait_ms", t.lockWaitMillis());
    settings.put("txn_client", client);

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "txn");
    json.put("nokv_version", BenchVersion.projectVersion());
    json.put("started_at", started.toString());
    json.put("settings", settings);
    json.put("machine", machine());
    json.put("preloads", outcome.preloads().stream().map(p -> (Object) p.toJson()).toList());
    json.put("results", outcome.results().stream().map(r -> (Object) r.toJson()).toList());
    List<Median> medians = medians(c, outcome.results());
    json.put("medians", medians.stream().map(m -> (Object) m.toJson()).toList());
    List<Ratio> runRatios = runRatios(c, outcome.results());
    json.put("ratios", runRatios.stream().map(r -> (Object) r.toJson()).toList());
    json.put("median_ratios", medianRatios(c, medians, runRatios).stream().map(r -> (Object) r.toJson()).toList());
    List<Object> errors = new ArrayList<>();
    outcome.errors().forEach((system, msg) -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("system", system);
      e.put("message", msg);
      errors.add(e);
    });
    json.put("errors", errors);
    return json;
  }
}
