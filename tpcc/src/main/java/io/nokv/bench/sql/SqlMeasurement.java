package io.nokv.bench.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One measurement: one workload on one system ({@code nokv}, {@code h2}, {@code postgres}, or
 * {@code nokv-embedded} for the profile) in one run. {@code operations} counts the statements that
 * succeeded (after their retries); {@code nanos} is the wall time from the common start to the last
 * thread's end; {@code latency} holds each successful statement's time in nanoseconds, retries
 * included. {@code retries} counts re-executions after SQLState 40001, {@code errors} the statements
 * that failed for good (only with --keep-going; otherwise the first one ends the benchmark),
 * {@code unexpected} the statements that succeeded with a result other than expected.
 * {@code firstError} is the first error's one-line description, or null.
 */
record SqlMeasurement(
    String system,
    SqlWorkload workload,
    int run,
    int threads,
    long operations,
    long nanos,
    Histogram latency,
    long retries,
    long errors,
    long unexpected,
    String firstError) {

  double opsPerSec() {
    return nanos == 0 ? 0 : operations * 1e9 / nanos;
  }

  double p50Ms() {
    return percentileMs(50);
  }

  double p99Ms() {
    return percentileMs(99);
  }

  double p999Ms() {
    return percentileMs(99.9);
  }

  double meanMs() {
    return latency.getTotalCount() == 0 ? Double.NaN : latency.getMean() / 1e6;
  }

  double percentileMs(double percentile) {
    return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e6;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run", run);
    m.put("system", system);
    m.put("workload", workload.label);
    m.put("threads", threads);
    m.put("operations", operations);
    m.put("duration_ms", nanos / 1e6);
    m.put("ops_per_sec", opsPerSec());
    m.put("p50_ms", p50Ms());
    m.put("p99_ms", p99Ms());
    m.put("p999_ms", p999Ms());
    m.put("max_ms", latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1e6);
    m.put("mean_ms", meanMs());
    m.put("retries", retries);
    m.put("errors", errors);
    m.put("unexpected", unexpected);
    m.put("first_error", firstError);
    return m;
  }
}
