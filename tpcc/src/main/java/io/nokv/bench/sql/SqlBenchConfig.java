package io.nokv.bench.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The validated settings of {@code nokv bench sql}. {@code nokvServerOpts} (null for none) becomes
 * the NoKV server's {@code NOKV_JAVA_OPTS}; {@code nokvHome} is the repository whose {@code nokv}
 * launcher and {@code scripts/peers.sh} start the servers (null when no target needs it).
 */
record SqlBenchConfig(
    List<SqlTarget> targets,
    List<SqlWorkload> workloads,
    int threads,
    int durationSeconds,
    int warmupSeconds,
    int runs,
    int rows,
    boolean keepGoing,
    boolean profileNokv,
    String nokvServerOpts,
    int startTimeoutSeconds,
    Path nokvHome) {

  /** Unmeasured point selects after the load, before the first workload (when warmups are on). */
  static final int SETTLE_SECONDS = 10;

  /** Rows per INSERT batch (and per transaction) while loading. */
  static final int LOAD_BATCH = 500;

  /** Attempts of a statement that fails with SQLState 40001 before it counts as an error. */
  static final int MAX_RETRIES = 10;

  /** The target order of {@code run} (1-based): as given in odd runs, reversed in even runs. */
  List<SqlTarget> order(int run) {
    if (run % 2 == 1) {
      return targets;
    }
    List<SqlTarget> reversed = new ArrayList<>(targets);
    Collections.reverse(reversed);
    return List.copyOf(reversed);
  }

  boolean has(SqlTarget t) {
    return targets.contains(t);
  }
}
