package io.nokv.bench.ycsb;

import io.nokv.bench.engine.NoKvEngine;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The summary table: per run and workload (load first), one row per engine with ops/s, p50 and
 * p99 in microseconds, then a ratio row NoKV/other for each other engine: throughput ratio (above
 * 1 means NoKV is faster) and latency ratios (below 1 means NoKV is faster). With several runs, a
 * second table follows with the same rows for the medians over the runs ({@link RunMedians}).
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

  /** {@code a / b}, or NaN when {@code b} is 0 (an engine that measured nothing has no ratio). */
  static double div(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }

  /**
   * Prints each run's rows (per run and phase, engines in the order they first appear in {@code
   * results}, whichever order they ran in) and, when {@code runs > 1}, the table of medians over the
   * runs with the ratios of those medians.
   */
  static void print(PrintWriter out, List<PhaseResult> results, List<String> workloadOrder, int runs) {
    List<Ratio> ratios = ratios(results);
    List<String> phases = new ArrayList<>();
    phases.add("load");
    phases.addAll(workloadOrder);
    Set<String> engines = new LinkedHashSet<>();
    results.forEach(r -> engines.add(r.engine()));
    out.println();
    out.println("Results (ops/s: higher is better; p50/p99 latency in microseconds: lower is better;");
    out.println("ratio rows: nokv/other, so throughput > 1x and latency < 1x mean NoKV is ahead)");
    printHeader(out, "operations");
    for (int run = 1; run <= runs; run++) {
      for (String phase : phases) {
        String label = runs > 1 ? phase + "#" + run : phase;
        for (String engine : engines) {
          for (PhaseResult r : results) {
            if (r.engine().equals(engine) && r.workload().equals(phase) && r.run() == run) {
              printRow(out, label, engine, r.opsPerSec(), r.p50Us(), r.p99Us(), r.operations());
            }
          }
        }
        for (Ratio q : ratios) {
          if (q.workload().equals(phase) && q.run() == run) {
            printRatio(out, label, q.other(), q.throughput(), q.p50(), q.p99());
          }
        }
      }
    }
    if (runs > 1) {
      printMedians(out, RunMedians.of(results), phases, runs);
    }
    out.flush();
  }

  /**
   * The median table: per phase, each engine's median ops/s, p50 and p99 over the runs it
   * completed (the last column), then the ratio rows of those medians.
   */
  private static void printMedians(PrintWriter out, List<RunMedians.Median> medians, List<String> phases, int runs) {
    List<RunMedians.MedianRatio> ratios = RunMedians.ratios(medians);
    out.println();
    out.printf("Median of %d runs (each column the median of the per-run values; ratio rows divide the medians)%n", runs);
    printHeader(out, "runs");
    for (String phase : phases) {
      for (RunMedians.Median m : medians) {
        if (m.workload().equals(phase)) {
          printRow(out, phase, m.engine(), m.opsPerSec(), m.p50Us(), m.p99Us(), m.runs());
        }
      }
      for (RunMedians.MedianRatio q : ratios) {
        if (q.workload().equals(phase)) {
          printRatio(out, phase, q.other(), q.throughput(), q.p50(), q.p99());
        }
      }
    }
  }

  private static void printHeader(PrintWriter out, String lastColumn) {
    out.printf("%-8s %-16s %14s %12s %12s %12s%n", "workload", "engine", "ops/s", "p50 us", "p99 us", lastColumn);
  }

  private static void printRow(PrintWriter out, String label, String engine, double opsPerSec, double p50Us,
      double p99Us, long lastColumn) {
    out.printf("%-8s %-16s %,14.0f %,12.1f %,12.1f %,12d%n", label, engine, opsPerSec, p50Us, p99Us, lastColumn);
  }

  private static void printRatio(PrintWriter out, String label, String other, double throughput, double p50, double p99) {
    out.printf("%-8s %-16s %13.2fx %11.2fx %11.2fx%n", label, NoKvEngine.NAME + "/" + other, throughput, p50, p99);
  }
}
