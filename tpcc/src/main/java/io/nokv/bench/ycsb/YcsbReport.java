package io.nokv.bench.ycsb;

import io.nokv.bench.BenchVersion;
import io.nokv.bench.Sizes;
import io.nokv.bench.engine.BenchSettings;
import io.nokv.bench.engine.NoKvEngine;
import io.nokv.bench.engine.RocksDbEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings header printed before a benchmark and the JSON report written after it:
 *
 * <pre>
 * {"benchmark": "ycsb", "nokv_version", "started_at",
 *  "settings": {engines, workloads, records, operations, threads, value_size, fields, field_length,
 *               record_bytes, distribution, warmup_ops, runs, update, dir, dir_temporary,
 *               engine_order: [[engines of run 1], [engines of run 2], ...],
 *               engine: {shared engine settings}, engine_details: {engine: {...}}},
 *  "machine": {cores, jvm, os, max_heap_bytes},
 *  "results": [{engine, workload, run, ops_per_sec, p50_us, p99_us, p999_us, max_us, mean_us,
 *               operations, duration_ms, threads, distribution, not_found, inserted,
 *               by_operation: {READ: {count, p50_us, p99_us, max_us}, ...}}],
 *  "ratios": [{workload, run, engines: "nokv/rocksdb", ops_per_sec, p50_us, p99_us}],
 *  "medians": [{engine, workload, runs, ops_per_sec, p50_us, p99_us}],
 *  "median_ratios": [{workload, runs, engines: "nokv/rocksdb", ops_per_sec, p50_us, p99_us}],
 *  "errors": [{engine, message}]}
 * </pre>
 *
 * <p>{@code results} and {@code ratios} hold one object per run, in the order measured; {@code
 * settings.engine_order} lists the engines in the order each run ran them. {@code medians} holds one
 * object per engine and workload (the load is workload "load"), each value the median of that
 * engine's per-run values over the {@code runs} runs it completed (see {@link RunMedians}); with one
 * run it equals that run, so consumers can always read it. {@code median_ratios} divides NoKV's
 * medians by each other engine's; its {@code runs} is the fewer of the two engines' run counts.
 */
final class YcsbReport {
  private YcsbReport() {}

  static void printHeader(PrintWriter w, YcsbConfig c, Path root) {
    BenchSettings s = c.settings();
    int recordBytes = c.recordBytes();
    w.printf("NoKV YCSB benchmark (nokv %s)%n", BenchVersion.projectVersion());
    w.printf("  engines:    %s (one after the other, each in a fresh directory)%n", String.join(", ", c.engines()));
    w.printf("  order:      %s%n", engineOrderLine(c));
    w.printf("  workloads:  %s (in this order; d and e insert records that later workloads see)%n", String.join(", ", c.workloads()));
    for (String wl : c.workloads()) {
      w.printf("              %s: %s; %s%n", wl, YcsbWorkloads.describe(wl), c.distributionFor(wl));
    }
    w.printf("  sizes:      %,d records loaded; %,d operations per workload; %d thread(s); %,d warmup ops; %d run(s)%n",
        c.records(), c.operations(), c.threads(), c.warmupOps(), c.runs());
    if (c.runs() > 1) {
      w.printf("              each run's rows are printed, then the median of the %d runs per workload and engine%n", c.runs());
    }
    w.printf("  record:     key \"user\"+hash(n) (up to 23 B); %d fields x %d B, %,d B encoded%n", c.fieldCount(), c.fieldLength(), recordBytes);
    w.printf("  both engines: block cache %s, bloom %d bits/key, compression %s, sync %s (WAL on%s),%n",
        Sizes.format(s.cacheSizeBytes()), s.bloomBitsPerKey(), s.compression().name().toLowerCase(), s.sync(),
        s.sync() ? ", fsync per write" : ", no fsync per write");
    w.printf("              block size %s, write buffer %s x %d, leveled compaction (L0 trigger %d, slowdown %d, stop %d;"
            + " L1 %s, x%d per level; %s files)%n",
        Sizes.format(s.blockSize()), Sizes.format(s.writeBufferSize()), s.maxWriteBufferNumber(),
        BenchSettings.L0_COMPACTION_TRIGGER, BenchSettings.L0_SLOWDOWN_TRIGGER, BenchSettings.L0_STOP_TRIGGER,
        Sizes.format(BenchSettings.MAX_BYTES_FOR_LEVEL_BASE), BenchSettings.LEVEL_SIZE_MULTIPLIER,
        Sizes.format(BenchSettings.TARGET_FILE_SIZE_BASE));
    if (c.engines().contains(NoKvEngine.NAME)) {
      w.printf("  nokv:       value threshold %,d B: records of %,d B are %s; block cache Caffeine on heap%n",
          s.valueThreshold(), recordBytes, recordBytes >= s.valueThreshold() ? "in the value log" : "in the LSM tree");
    }
    if (c.engines().contains(RocksDbEngine.NAME)) {
      w.println("  rocksdb:    LRUCache off heap, full bloom filter, index/filter blocks outside the cache,"
          + " 2 background jobs (RocksDB defaults)");
    }
    Map<String, Object> m = machine();
    w.printf("  machine:    %s cores, %s, %s, max heap %s%n", m.get("cores"), m.get("jvm"), m.get("os"),
        Sizes.format((Long) m.get("max_heap_bytes") & ~((1L << 20) - 1)));
    w.printf("  data dir:   %s%s%n", root, c.dir() == null ? " (temporary, deleted afterwards)" : " (kept)");
    w.flush();
  }

  /** The engine order of each run, e.g. "run 1: nokv, rocksdb; run 2: rocksdb, nokv; ... (alternating ...)". */
  static String engineOrderLine(YcsbConfig c) {
    String first = String.join(", ", c.engineOrder(1));
    if (c.runs() == 1 || c.engines().size() == 1) {
      return first + (c.runs() == 1 ? "" : " in each of the " + c.runs() + " runs");
    }
    StringBuilder line = new StringBuilder();
    for (int run = 1; run <= Math.min(c.runs(), 3); run++) {
      line.append(run == 1 ? "" : "; ").append("run ").append(run).append(": ").append(String.join(", ", c.engineOrder(run)));
    }
    if (c.runs() > 3) {
      line.append("; ...");
    }
    return line.append(" (alternating, so slow drift of the machine favours neither engine)").toString();
  }

  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    return m;
  }

  static Map<String, Object> toJson(YcsbConfig c, Path root, Instant started, YcsbBenchmark.Outcome outcome) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("engines", c.engines());
    settings.put("workloads", c.workloads());
    settings.put("records", c.records());
    settings.put("operations", c.operations());
    settings.put("threads", c.threads());
    settings.put("value_size", c.fieldCount() * c.fieldLength());
    settings.put("fields", c.fieldCount());
    settings.put("field_length", c.fieldLength());
    settings.put("record_bytes", c.recordBytes());
    settings.put("distribution", c.distribution() == null ? "standard (zipfian; latest for d)" : c.distribution());
    settings.put("warmup_ops", c.warmupOps());
    settings.put("runs", c.runs());
    settings.put("update", "read-modify-write of one field (as YCSB's RocksDB binding)");
    settings.put("dir", root.toString());
    settings.put("dir_temporary", c.dir() == null);
    List<Object> order = new ArrayList<>();
    for (int run = 1; run <= c.runs(); run++) {
      order.add(c.engineOrder(run));
    }
    settings.put("engine_order", order);
    settings.put("engine", c.settings().toMap());
    settings.put("engine_details", outcome.engineSettings());

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "ycsb");
    json.put("nokv_version", BenchVersion.projectVersion());
    json.put("started_at", started.toString());
    json.put("settings", settings);
    json.put("machine", machine());
    List<Object> results = new ArrayList<>();
    outcome.results().forEach(r -> results.add(r.toJson()));
    json.put("results", results);
    List<Object> ratios = new ArrayList<>();
    ResultTable.ratios(outcome.results()).forEach(q -> ratios.add(q.toJson()));
    json.put("ratios", ratios);
    List<RunMedians.Median> medianList = RunMedians.of(outcome.results());
    List<Object> medians = new ArrayList<>();
    medianList.forEach(m -> medians.add(m.toJson()));
    json.put("medians", medians);
    List<Object> medianRatios = new ArrayList<>();
    RunMedians.ratios(medianList).forEach(q -> medianRatios.add(q.toJson()));
    json.put("median_ratios", medianRatios);
    List<Object> errors = new ArrayList<>();
    outcome.errors().forEach((engine, msg) -> errors.add(Map.of("engine", engine, "message", msg)));
    json.put("errors", errors);
    return json;
  }
}
