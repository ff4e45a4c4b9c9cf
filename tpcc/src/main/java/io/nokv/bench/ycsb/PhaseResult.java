package io.nokv.bench.ycsb;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The measurements of one phase (the load, or one workload) on one engine: operations, wall time,
 * the latency of every operation (nanoseconds) and of each operation type.
 */
record PhaseResult(
    String engine,
    String workload,
    int run,
    String distribution,
    int threads,
    long operations,
    long nanos,
    Histogram overall,
    EnumMap<OpType, Histogram> byOp,
    long notFound,
    long inserted) {

  double opsPerSec() {
    return nanos == 0 ? 0 : operations * 1e9 / nanos;
  }

  double p50Us() {
    return percentileUs(overall, 50);
  }

  double p99Us() {
    return percentileUs(overall, 99);
  }

  static double percentileUs(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }

  /** The JSON object of this result (see {@code docs/benchmarks.md}). */
  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("engine", engine);
    m.put("workload", workload);
    m.put("run", run);
    m.put("ops_per_sec", opsPerSec());
    m.put("p50_us", p50Us());
    m.put("p99_us", p99Us());
    m.put("p999_us", percentileUs(overall, 99.9));
    m.put("max_us", overall.getMaxValue() / 1000.0);
    m.put("mean_us", overall.getTotalCount() == 0 ? 0 : overall.getMean() / 1000.0);
    m.put("operations", operations);
    m.put("duration_ms", nanos / 1e6);
    m.put("threads", threads);
    m.put("distribution", distribution);
    m.put("not_found", notFound);
    m.put("inserted", inserted);
    Map<String, Object> ops = new LinkedHashMap<>();
    for (Map.Entry<OpType, Histogram> e : byOp.entrySet()) {
      Histogram h = e.getValue();
      if (h.getTotalCount() == 0) {
        continue;
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("count", h.getTotalCount());
      o.put("p50_us", percentileUs(h, 50));
      o.put("p99_us", percentileUs(h, 99));
      o.put("max_us", h.getMaxValue() / 1000.0);
      ops.put(e.getKey().name(), o);
    }
    m.put("by_operation", ops);
    return m;
  }
}
