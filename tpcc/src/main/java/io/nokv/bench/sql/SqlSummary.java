package io.nokv.bench.sql;

import io.nokv.bench.BenchSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What the measurements add up to: per system and workload the median of the runs (each statistic
 * the median of the per-run values: the middle one, or the mean of the two middle ones for an even
 * count), the throughput ratios NoKV/peer of those medians with the per-run ratios, and the issue's
 * targets on them.
 */
final class SqlSummary {
  private SqlSummary() {}

  /** A throughput target of the SQL issue: NoKV's ops/s on {@code workload} at least {@code min} x the peer's. */
  enum Goal {
    POINT_SELECT_VS_POSTGRES(SqlWorkload.POINT_SELECT, SqlTarget.POSTGRES, 0.5),
    POINT_SELECT_VS_H2(SqlWorkload.POINT_SELECT, SqlTarget.H2, 1.0),
    INSERT_VS_POSTGRES(SqlWorkload.INSERT, SqlTarget.POSTGRES, 0.5);

    final SqlWorkload workload;
    final SqlTarget peer;
    final double min;

    Goal(SqlWorkload workload, SqlTarget peer, double min) {
      this.workload = workload;
      this.peer = peer;
      this.min = min;
    }

    String description() {
      return workload.label + " NoKV/" + peer.product;
    }
  }

  /** One system's measurements of one workload (in run order) and their medians. */
  record Median(String system, SqlWorkload workload, List<SqlMeasurement> runs) {
    double opsPerSec() {
      return median(SqlMeasurement::opsPerSec);
    }

    double p50Ms() {
      return median(SqlMeasurement::p50Ms);
    }

    double p99Ms() {
      return median(SqlMeasurement::p99Ms);
    }

    double p999Ms() {
      return median(SqlMeasurement::p999Ms);
    }

    double meanMs() {
      return median(SqlMeasurement::meanMs);
    }

    double retries() {
      return median(m -> m.retries());
    }

    double errors() {
      return median(m -> m.errors());
    }

    double median(ToDoubleFunction<SqlMeasurement> f) {
      return SqlSummary.median(runs.stream().mapToDouble(f).toArray());
    }

    List<Double> perRun(ToDoubleFunction<SqlMeasurement> f) {
      return runs.stream().map(f::applyAsDouble).toList();
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("system", system);
      m.put("workload", workload.label);
      m.put("runs", runs.size());
      m.put("ops_per_sec", opsPerSec());
      m.put("p50_ms", p50Ms());
      m.put("p99_ms", p99Ms());
      m.put("p999_ms", p999Ms());
      m.put("mean_ms", meanMs());
      m.put("retries", retries());
      m.put("errors", errors());
      Map<String, Object> per = new LinkedHashMap<>();
      per.put("run", perRun(SqlMeasurement::run));
      per.put("ops_per_sec", perRun(SqlMeasurement::opsPerSec));
      per.put("p50_ms", perRun(SqlMeasurement::p50Ms));
      per.put("p99_ms", perRun(SqlMeasurement::p99Ms));
      per.put("p999_ms", perRun(SqlMeasurement::p999Ms));
      m.put("per_run", per);
      return m;
    }
  }

  /**
   * NoKV's median ops/s divided by {@code peer}'s on one workload, and the same ratio in each run in
   * which both were measured. NaN when either has no measurement.
   */
  record Ratio(SqlWorkload workload, SqlTarget peer, double value, List<Double> perRun) {
    boolean defined() {
      return !Double.isNaN(value);
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("workload", workload.label);
      m.put("systems", "nokv/" + peer.label);
      m.put("ops_per_sec_ratio", value);
      m.put("per_run", perRun);
      return m;
    }
  }

  /** The medians per workload (in --workloads order), then system (targets in --targets order, then nokv-embedded). */
  static List<Median> medians(SqlBenchConfig c, List<SqlMeasurement> results) {
    List<String> systems = new ArrayList<>(c.targets().stream().map(t -> t.label).toList());
    systems.add(SqlTarget.NOKV_EMBEDDED);
    List<Median> out = new ArrayList<>();
    for (SqlWorkload w : c.workloads()) {
      for (String system : systems) {
        List<SqlMeasurement> runs = results.stream()
            .filter(m -> m.workload() == w && m.system().equals(system))
            .sorted((a, b) -> Integer.compare(a.run(), b.run()))
            .toList();
        if (!runs.isEmpty()) {
          out.add(new Median(system, w, runs));
        }
      }
    }
    return out;
  }

  static Median find(List<Median> medians, String system, SqlWorkload w) {
    for (Median m : medians) {
      if (m.system().equals(system) && m.workload() == w) {
        return m;
      }
    }
    return null;
  }

  static Ratio ratio(List<Median> medians, SqlWorkload w, SqlTarget peer) {
    Median nokv = find(medians, SqlTarget.NOKV.label, w);
    Median other = find(medians, peer.label, w);
    if (nokv == null || other == null) {
      return new Ratio(w, peer, Double.NaN, List.of());
    }
    List<Double> perRun = new ArrayList<>();
    for (SqlMeasurement n : nokv.runs()) {
      for (SqlMeasurement o : other.runs()) {
        if (n.run() == o.run()) {
          perRun.add(div(n.opsPerSec(), o.opsPerSec()));
        }
      }
    }
    return new Ratio(w, peer, div(nokv.opsPerSec(), other.opsPerSec()), perRun);
  }

  /** Every NoKV/peer ratio that the configuration can produce, per workload then peer. */
  static List<Ratio> ratios(SqlBenchConfig c, List<Median> medians) {
    List<Ratio> out = new ArrayList<>();
    if (!c.has(SqlTarget.NOKV)) {
      return out;
    }
    for (SqlWorkload w : c.workloads()) {
      for (SqlTarget peer : List.of(SqlTarget.POSTGRES, SqlTarget.H2)) {
        if (c.has(peer)) {
          out.add(ratio(medians, w, peer));
        }
      }
    }
    return out;
  }

  static double div(double a, double b) {
    return BenchSupport.ratio(a, b);
  }

  /** The median; the mean of the two middle values for an even count; NaN for none. */
  static double median(double[] values) {
    return BenchSupport.median(values);
  }
}
