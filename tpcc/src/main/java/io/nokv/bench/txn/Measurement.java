package io.nokv.bench.txn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One measurement: one workload at one thread count in one run. {@code operations} counts the
 * operations that completed (for the transactional workloads: committed transactions; a
 * transaction that {@code TxnClient.run} gave up on is a failure, not an operation); {@code nanos}
 * is the wall time from the common start to the last thread's end; {@code latency} holds each
 * completed operation's time in nanoseconds, retries included. {@code retries} counts the extra
 * attempts {@code TxnClient.run} made (attempts minus one per transaction, failed ones included);
 * {@code notFound} counts gets that found no value although every key was preloaded (should be 0).
 * {@code walSyncs} is the number of WAL fsyncs the workload's engine made during the measurement
 * ({@code DbStats.walSyncs}): concurrent writers that share a group commit share one.
 */
record Measurement(
    TxnWorkload workload,
    int run,
    int threads,
    long operations,
    long nanos,
    Histogram latency,
    long retries,
    long failures,
    long notFound,
    long walSyncs) {

  double opsPerSec() {
    return nanos == 0 ? 0 : operations * 1e9 / nanos;
  }

  double keysPerSec() {
    return opsPerSec() * workload.keysPerOp;
  }

  /** WAL fsyncs per completed operation: 1 without group commit, less with it. */
  double syncsPerOp() {
    return operations == 0 ? Double.NaN : (double) walSyncs / operations;
  }

  double p50Ms() {
    return percentileMs(latency, 50);
  }

  double p99Ms() {
    return percentileMs(latency, 99);
  }

  static double percentileMs(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1e6;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run", run);
    m.put("threads", threads);
    m.put("system", workload.label);
    m.put("keys_per_op", workload.keysPerOp);
    m.put("operations", operations);
    m.put("duration_ms", nanos / 1e6);
    m.put("ops_per_sec", opsPerSec());
    m.put("keys_per_sec", keysPerSec());
    m.put("p50_ms", p50Ms());
    m.put("p99_ms", p99Ms());
    m.put("p999_ms", percentileMs(latency, 99.9));
    m.put("max_ms", latency.getMaxValue() / 1e6);
    m.put("mean_ms", latency.getTotalCount() == 0 ? 0 : latency.getMean() / 1e6);
    m.put("retries", retries);
    m.put("failures", failures);
    m.put("not_found", notFound);
    m.put("wal_syncs", walSyncs);
    m.put("wal_syncs_per_op", syncsPerOp());
    return m;
  }
}
