package io.nokv.bench.resp;

import io.nokv.bench.BenchSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What the measurements add up to: per target, depth and test the median of the runs (each
 * statistic the median of its per-run values), the throughput ratios NoKV/peer of those medians
 * with the per-run ratios, and the goals on them.
 */
final class RespSummary {
  private RespSummary() {}

  /** A throughput goal: NoKV's ops/s on {@code test} at least {@code min} x the peer's, at each depth measured. */
  enum Goal {
    GET_VS_REDIS(RespTest.GET, RespTarget.REDIS, 0.8),
    SET_VS_REDIS_AOF(RespTest.SET, RespTarget.REDIS_AOF, 0.5);

    final RespTest test;
    final RespTarget peer;
    final double min;

    Goal(RespTest test, RespTarget peer, double min) {
      this.test = test;
      this.peer = peer;
      this.min = min;
    }

    String description(int pipeline) {
      return test.csvName() + " -P " + pipeline + " NoKV/" + peer.product;
    }
  }

  /** One target's measurements of one test at one depth (in run order) and their medians. */
  record Median(RespTarget target, int pipeline, RespTest test, List<RespMeasurement> runs) {
    double rps() {
      return median(RespMeasurement::rps);
    }

    double avgMs() {
      return median(m -> m.figures().avgMs());
    }

    double p50Ms() {
      return median(m -> m.figures().p50Ms());
    }

    double p99Ms() {
      return median(m -> m.figures().p99Ms());
    }

    double usecPerCall() {
      return median(RespMeasurement::usecPerCall);
    }

    /** The median client average minus the median server part per request; NaN without a profile. */
    double outsideMs() {
      return RespMeasurement.outsideMs(avgMs(), usecPerCall(), pipeline);
    }

    double median(ToDoubleFunction<RespMeasurement> f) {
      return BenchSupport.median(runs.stream().mapToDouble(f).toArray());
    }

    List<Double> perRun(ToDoubleFunction<RespMeasurement> f) {
      return runs.stream().map(f::applyAsDouble).toList();
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("target", target.label);
      m.put("pipeline", pipeline);
      m.put("test", test.label);
      m.put("runs", runs.size());
      m.put("ops_per_sec", rps());
      m.put("avg_ms", avgMs());
      m.put("p50_ms", p50Ms());
      m.put("p99_ms", p99Ms());
      m.put("server_usec_per_call", usecPerCall());
      m.put("server_usec_per_request", usecPerCall() * pipeline);
      m.put("outside_ms", outsideMs());
      Map<String, Object> per = new LinkedHashMap<>();
      per.put("run", perRun(RespMeasurement::run));
      per.put("ops_per_sec", perRun(RespMeasurement::rps));
      per.put("avg_ms", perRun(x -> x.figures().avgMs()));
      per.put("p50_ms", perRun(x -> x.figures().p50Ms()));
      per.put("p99_ms", perRun(x -> x.figures().p99Ms()));
      per.put("server_usec_per_call", perRun(RespMeasurement::usecPerCall));
      m.put("per_run", per);
      return m;
    }
  }

  /**
   * NoKV's median ops/s divided by {@code peer}'s on one test at one depth, and the same ratio in each
   * run in which both were measured. NaN when either has no measurement.
   */
  record Ratio(int pipeline, RespTest test, RespTarget peer, double value, List<Double> perRun) {
    boolean defined() {
      return !Double.isNaN(value);
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pipeline", pipeline);
      m.put("test", test.label);
      m.put("targets", "nokv/" + peer.label);
      m.put("ops_per_sec_ratio", value);
      m.put("per_run", perRun);
      return m;
    }
  }

  /** The medians per depth, test (in --tests order) and target (in --targets order). */
  static List<Median> medians(RespBenchConfig c, List<RespMeasurement> results) {
    List<Median> out = new ArrayList<>();
    for (int p : c.pipelines()) {
      for (RespTest test : c.tests()) {
        for (RespTarget t : c.targets()) {
          List<RespMeasurement> runs = results.stream()
              .filter(m -> m.pipeline() == p && m.test() == test && m.target() == t)
              .sorted((a, b) -> Integer.compare(a.run(), b.run()))
              .toList();
          if (!runs.isEmpty()) {
            out.add(new Median(t, p, test, runs));
          }
        }
      }
    }
    return out;
  }

  static Median find(List<Median> medians, RespTarget t, int pipeline, RespTest test) {
    for (Median m : medians) {
      if (m.target() == t && m.pipeline() == pipeline && m.test() == test) {
        return m;
      }
    }
    return null;
  }

  static Ratio ratio(List<Median> medians, int pipeline, RespTest test, RespTarget peer) {
    Median nokv = find(medians, RespTarget.NOKV, pipeline, test);
    Median other = find(medians, peer, pipeline, test);
    if (nokv == null || other == null) {
      return new Ratio(pipeline, test, peer, Double.NaN, List.of());
    }
    List<Double> perRun = new ArrayList<>();
    for (RespMeasurement n : nokv.runs()) {
      for (RespMeasurement o : other.runs()) {
        if (n.run() == o.run()) {
          perRun.add(BenchSupport.ratio(n.rps(), o.rps()));
        }
      }
    }
    return new Ratio(pipeline, test, peer, BenchSupport.ratio(nokv.rps(), other.rps()), perRun);
  }

  /** The peers NoKV is compared with in this configuration (none without nokv). */
  static List<RespTarget> peers(RespBenchConfig c) {
    if (!c.has(RespTarget.NOKV)) {
      return List.of();
    }
    return c.targets().stream().filter(t -> t != RespTarget.NOKV).toList();
  }

  /** Every NoKV/peer ratio the configuration can produce, per depth, test, then peer. */
  static List<Ratio> ratios(RespBenchConfig c, List<Median> medians) {
    List<Ratio> out = new ArrayList<>();
    for (int p : c.pipelines()) {
      for (RespTest test : c.tests()) {
        for (RespTarget peer : peers(c)) {
          out.add(ratio(medians, p, test, peer));
        }
      }
    }
    return out;
  }
}
