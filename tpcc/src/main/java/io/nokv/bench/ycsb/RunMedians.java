package io.nokv.bench.ycsb;

import io.nokv.bench.engine.NoKvEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The medians over runs of each engine's ops/s, p50 and p99 per workload, and the NoKV/other ratios
 * of those medians. The project reports the median of several runs against the peer measured in the
 * same invocation, so one noisy run moves neither side. Each statistic is the median of the per-run
 * values on its own (the median p99 is the median of the runs' p99s, not the p99 of the merged
 * latencies). With an odd number of runs it is the middle value; with an even number, the mean of
 * the two middle values.
 */
final class RunMedians {
  /** One engine's medians for one workload (or the load) over the {@code runs} runs it completed. */
  record Median(String engine, String workload, int runs, double opsPerSec, double p50Us, double p99Us) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("engine", engine);
      m.put("workload", workload);
      m.put("runs", runs);
      m.put("ops_per_sec", opsPerSec);
      m.put("p50_us", p50Us);
      m.put("p99_us", p99Us);
      return m;
    }
  }

  /**
   * NoKV's medians divided by {@code other}'s for one workload. {@code runs} is the fewer of the two
   * engines' run counts; they differ only when an engine failed in a later run.
   */
  record MedianRatio(String workload, String other, int runs, double throughput, double p50, double p99) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("workload", workload);
      m.put("runs", runs);
      m.put("engines", NoKvEngine.NAME + "/" + other);
      m.put("ops_per_sec", throughput);
      m.put("p50_us", p50);
      m.put("p99_us", p99);
      return m;
    }
  }

  private RunMedians() {}

  /**
   * The median of {@code values}: the middle value of an odd count, the mean of the two middle
   * values of an even count. {@link IllegalArgumentException} when there are none.
   */
  static double median(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("the median of no values is undefined");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /**
   * One median per engine and workload present in {@code results}, in the order each pair first
   * appears there (so engine by engine as the first run ran them, the load before the workloads).
   */
  static List<Median> of(List<PhaseResult> results) {
    Map<List<String>, List<PhaseResult>> groups = new LinkedHashMap<>();
    for (PhaseResult r : results) {
      groups.computeIfAbsent(List.of(r.engine(), r.workload()), k -> new ArrayList<>()).add(r);
    }
    List<Median> out = new ArrayList<>(groups.size());
    for (List<PhaseResult> runs : groups.values()) {
      int n = runs.size();
      double[] ops = new double[n];
      double[] p50 = new double[n];
      double[] p99 = new double[n];
      for (int i = 0; i < n; i++) {
        ops[i] = runs.get(i).opsPerSec();
        p50[i] = runs.get(i).p50Us();
        p99[i] = runs.get(i).p99Us();
      }
      PhaseResult first = runs.get(0);
      out.add(new Median(first.engine(), first.workload(), n, median(ops), median(p50), median(p99)));
    }
    return out;
  }

  /** For each workload NoKV has a median for, its ratio to every other engine's median there. */
  static List<MedianRatio> ratios(List<Median> medians) {
    List<MedianRatio> out = new ArrayList<>();
    for (Median n : medians) {
      if (!n.engine().equals(NoKvEngine.NAME)) {
        continue;
      }
      for (Median o : medians) {
        if (!o.engine().equals(NoKvEngine.NAME) && o.workload().equals(n.workload())) {
          out.add(new MedianRatio(n.workload(), o.engine(), Math.min(n.runs(), o.runs()),
              ResultTable.div(n.opsPerSec(), o.opsPerSec()), ResultTable.div(n.p50Us(), o.p50Us()),
              ResultTable.div(n.p99Us(), o.p99Us())));
        }
      }
    }
    return out;
  }
}
