package io.nokv.bench.ycsb;

import io.nokv.bench.engine.NoKvEngine;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary table: per run and workload (load first), one row per engine with ops/s, p50 and
 * p99 in microseconds, then a ratio row NoKV/other for each other engine: throughput ratio (above
 * 1 means NoKV is faster) and latency ratios (below 1 means NoKV is faster).
 */
final class ResultTable {
  /** A ratio row: NoKV's numbers divided by {@code other}'s. */
  record Ratio(String workload, int run, String other, double throughput, double p50, double p99) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("workload", workload);
      m.put("run", run);
      m.put("engines", NoKvEngine.NAME + "/" + other);
      m.put("ops_per_sec", throughput);
      m.put("p50_us", p50);
      m.put("p99_us", p99);
      return m;
    }
  }

  private ResultTable() {}

  static List<Ratio> ratios(List<PhaseResult> results) {
    List<Ratio> out = new ArrayList<>();
    for (PhaseResult n : results) {
      if (!n.engine().equals(NoKvEngine.NAME)) {
        continue;
      }
      for (PhaseResult o : results) {
        if (!o.engine().equals(NoKvEngine.NAME) && o.workload().equals(n.workload()) && o.run() == n.run()) {
          out.add(new Ratio(n.workload(), n.run(), o.engine(), div(n.opsPerSec(), o.opsPerSec()),
              div(n.p50Us(), o.p50Us()), div(n.p99Us(), o.p99Us())));
        }
      }
    }
    return out;
  }

  private static double div(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }

  static void print(PrintWriter out, List<PhaseResult> results, List<String> workloadOrder, int runs) {
    List<Ratio> ratios = ratios(results);
    out.println();
    out.println("Results (ops/s: higher is better; p50/p99 latency in microseconds: lower is better;");
    out.println("ratio rows: nokv/other, so throughput > 1x and latency < 1x mean NoKV is ahead)");
    out.printf("%-8s %-16s %14s %12s %12s %12s%n", "workload", "engine", "ops/s", "p50 us", "p99 us", "operations");
    List<String> phases = new ArrayList<>();
    phases.add("load");
    phases.addAll(workloadOrder);
    for (int run = 1; run <= runs; run++) {
      for (String phase : phases) {
        String label = runs > 1 ? phase + "#" + run : phase;
        for (PhaseResult r : results) {
          if (r.workload().equals(phase) && r.run() == run) {
            out.printf("%-8s %-16s %,14.0f %,12.1f %,12.1f %,12d%n", label, r.engine(), r.opsPerSec(), r.p50Us(), r.p99Us(), r.operations());
          }
        }
        for (Ratio q : ratios) {
          if (q.workload().equals(phase) && q.run() == run) {
            out.printf("%-8s %-16s %13.2fx %11.2fx %11.2fx%n", label, NoKvEngine.NAME + "/" + q.other(), q.throughput(), q.p50(), q.p99());
          }
        }
      }
    }
    out.flush();
  }
}
