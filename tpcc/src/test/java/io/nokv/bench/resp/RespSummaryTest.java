package io.nokv.bench.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespSummaryTest {
  /** The defaults of the command with {@code targets}, {@code runs}, tests set and get. */
  static RespBenchConfig config(List<RespTarget> targets, int runs) {
    return new RespBenchConfig(targets, List.of(RespTest.SET, RespTest.GET), List.of(1, 16), 50, 100_000, 3, 200_000,
        1_000_000, 1, runs, false, null, 120, 900, null, Path.of("/usr/bin/redis-benchmark"));
  }

  /** A measurement with {@code rps} ops/s, latencies derived from it, and a server time of {@code usecPerCall}. */
  static RespMeasurement m(int run, RespTarget t, int pipeline, RespTest test, double rps, double usecPerCall) {
    RedisBenchmark.Figures f = new RedisBenchmark.Figures(test.csvName(), rps, 50_000 / rps, 0.01, 40_000 / rps,
        60_000 / rps, 90_000 / rps, 100_000 / rps);
    CommandStats.ServerTime s = Double.isNaN(usecPerCall) ? null
        : new CommandStats.ServerTime(1_000, Math.round(usecPerCall * 1_000), 0);
    return new RespMeasurement(run, t, pipeline, test, 2_000, f, 1_000_000, "redis-benchmark ...", s,
        s == null ? "no profile" : null);
  }

  @Test
  void theOrderRotatesBetweenRuns() {
    RespBenchConfig c = config(List.of(RespTarget.NOKV, RespTarget.REDIS, RespTarget.REDIS_AOF), 4);
    assertEquals(List.of(RespTarget.NOKV, RespTarget.REDIS, RespTarget.REDIS_AOF), c.order(1));
    assertEquals(List.of(RespTarget.REDIS, RespTarget.REDIS_AOF, RespTarget.NOKV), c.order(2));
    assertEquals(List.of(RespTarget.REDIS_AOF, RespTarget.NOKV, RespTarget.REDIS), c.order(3));
    assertEquals(c.order(1), c.order(4));
    assertEquals(200_000, c.requests(1));
    assertEquals(1_000_000, c.requests(16));
  }

  @Test
  void mediansAndRatiosPerDepthAndTest() {
    RespBenchConfig c = config(List.of(RespTarget.NOKV, RespTarget.REDIS), 3);
    List<RespMeasurement> r = new ArrayList<>();
    double[] nokv = {40_000, 60_000, 50_000};
    double[] redis = {100_000, 100_000, 80_000};
    for (int run = 1; run <= 3; run++) {
      r.add(m(run, RespTarget.NOKV, 1, RespTest.GET, nokv[run - 1], run == 2 ? Double.NaN : 10.0 * run));
      r.add(m(run, RespTarget.REDIS, 1, RespTest.GET, redis[run - 1], 0.25));
    }
    r.add(m(1, RespTarget.REDIS, 16, RespTest.SET, 500_000, 0.5));
    List<RespSummary.Median> medians = RespSummary.medians(c, r);
    assertEquals(3, medians.size());
    RespSummary.Median n = RespSummary.find(medians, RespTarget.NOKV, 1, RespTest.GET);
    assertEquals(50_000, n.rps());
    assertEquals(1.0, n.avgMs(), 1e-12);
    assertEquals(20.0, n.usecPerCall(), 1e-12, "the runs without a profile are left out: median of 10 and 30");
    assertEquals(1.0 - 0.020, n.outsideMs(), 1e-12);
    RespSummary.Ratio get = RespSummary.ratio(medians, 1, RespTest.GET, RespTarget.REDIS);
    assertEquals(0.5, get.value(), 1e-12);
    assertEquals(List.of(0.4, 0.6, 0.625), get.perRun());
    RespSummary.Ratio set = RespSummary.ratio(medians, 16, RespTest.SET, RespTarget.REDIS);
    assertTrue(Double.isNaN(set.value()), "nokv did not measure set -P 16");
    assertEquals(List.of(), set.perRun());
    assertNull(RespSummary.find(medians, RespTarget.NOKV, 16, RespTest.SET));
    assertEquals(4, RespSummary.ratios(c, medians).size(), "every depth x test against the one peer");
    assertEquals(List.of(), RespSummary.peers(config(List.of(RespTarget.REDIS, RespTarget.REDIS_AOF), 1)));
  }

  @Test
  void theServerPartOfAPipelinedRequestIsTheWholePipeline() {
    RespMeasurement p16 = m(1, RespTarget.REDIS, 16, RespTest.GET, 1_000_000, 0.25);
    assertEquals(4.0, p16.serverUsecPerRequest(), 1e-12);
    assertEquals(0.05 - 0.004, p16.outsideMs(), 1e-12);
    RespMeasurement none = m(1, RespTarget.NOKV, 1, RespTest.GET, 1_000, Double.NaN);
    assertTrue(Double.isNaN(none.usecPerCall()));
    assertTrue(Double.isNaN(none.outsideMs()));
  }
}
