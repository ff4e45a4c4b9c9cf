package io.nokv.bench.txn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The validated settings of {@code nokv bench txn}. {@code operations == 0} means each measurement
 * runs for {@code durationSeconds}; otherwise it runs that many operations (split over the threads)
 * and {@code durationSeconds} is unused. {@code dir} null means a temporary directory.
 */
record TxnBenchConfig(
    List<TxnWorkload> workloads,
    List<Integer> threads,
    int durationSeconds,
    long operations,
    int warmupSeconds,
    int keys,
    int valueSize,
    int runs,
    Path dir,
    int progressSeconds) {

  /** Key bytes: "key" and ten digits. */
  static final int KEY_SIZE = 13;

  boolean byDuration() {
    return operations == 0;
  }

  /** The workload order of {@code run} (1-based): as given in odd runs, reversed in even runs. */
  List<TxnWorkload> order(int run) {
    if (run % 2 == 1) {
      return workloads;
    }
    List<TxnWorkload> reversed = new ArrayList<>(workloads);
    Collections.reverse(reversed);
    return List.copyOf(reversed);
  }

  boolean hasRaw() {
    return workloads.stream().anyMatch(w -> !w.transactional);
  }

  boolean hasTxn() {
    return workloads.stream().anyMatch(w -> w.transactional);
  }

  /** Keys per preload batch (raw) or transaction (txn): 1000, fewer for big values (at most about 2 MiB each). */
  int preloadChunk() {
    return (int) Math.max(1, Math.min(1000, (2L << 20) / (valueSize + KEY_SIZE)));
  }
}
