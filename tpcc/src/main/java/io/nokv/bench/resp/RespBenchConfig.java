package io.nokv.bench.resp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The validated settings of {@code nokv bench resp}. {@code requests} is redis-benchmark's {@code -n}
 * at pipeline depth 1, {@code pipelinedRequests} at every deeper one; {@code threads} is its {@code
 * --threads} (1: the option is not passed, the client is single-threaded). {@code nokvServerOpts}
 * (null for none) becomes the NoKV server's {@code NOKV_JAVA_OPTS}; {@code nokvHome} is the
 * repository whose {@code nokv} launcher and {@code scripts/peers.sh} start the servers (null when
 * it cannot be found); {@code redisBenchmark} the client executable.
 */
record RespBenchConfig(
    List<RespTarget> targets,
    List<RespTest> tests,
    List<Integer> pipelines,
    int clients,
    int keyspace,
    int valueSize,
    int requests,
    int pipelinedRequests,
    int threads,
    int runs,
    boolean keepGoing,
    String nokvServerOpts,
    int startTimeoutSeconds,
    int testTimeoutSeconds,
    Path nokvHome,
    Path redisBenchmark) {

  /** The target order of {@code run} (1-based): the list rotated left by {@code run - 1}. */
  List<RespTarget> order(int run) {
    List<RespTarget> out = new ArrayList<>();
    int n = targets.size();
    for (int i = 0; i < n; i++) {
      out.add(targets.get((i + run - 1) % n));
    }
    return List.copyOf(out);
  }

  /** redis-benchmark's {@code -n} at {@code pipeline}. */
  int requests(int pipeline) {
    return pipeline == 1 ? requests : pipelinedRequests;
  }

  boolean has(RespTarget t) {
    return targets.contains(t);
  }
}
