package io.nokv.bench.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.bench.Json;
import io.nokv.bench.MiniJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Medians, ratios, targets and their text and JSON, on made-up measurements. */
class SqlReportTest {
  private static SqlBenchConfig config(int runs, boolean profile) {
    return new SqlBenchConfig(List.of(SqlTarget.NOKV, SqlTarget.H2, SqlTarget.POSTGRES), List.of(SqlWorkload.values()),
        4, 1, 0, runs, 100, false, profile, null, 10, null);
  }

  /** {@code opsPerSec} over one second, every statement taking {@code latencyMicros}. */
  private static SqlMeasurement m(String system, SqlWorkload w, int run, long opsPerSec, long latencyMicros) {
    Histogram h = new Histogram(3);
    h.recordValueWithCount(latencyMicros * 1000, opsPerSec);
    return new SqlMeasurement(system, w, run, 4, opsPerSec, 1_000_000_000L, h, 0, 0, 0, null);
  }

  private static String print(SqlBenchConfig c, List<SqlMeasurement> results) {
    StringWriter out = new StringWriter();
    SqlReport.printResults(new PrintWriter(out, true), c,
        new SqlBenchmark.Outcome(results, List.of(), List.of(), List.of(), List.of(), false));
    return out.toString();
  }

  @Test
  void threeRunsGiveMediansRatiosPerRunAndTargets() {
    List<SqlMeasurement> r = new ArrayList<>();
    long[] nokvPoint = {6_000, 4_000, 5_000};
    long[] pgPoint = {10_000, 10_000, 10_000};
    long[] h2Point = {4_000, 5_000, 6_000};
    for (int run = 1; run <= 3; run++) {
      r.add(m("nokv", SqlWorkload.POINT_SELECT, run, nokvPoint[run - 1], 200));
      r.add(m("h2", SqlWorkload.POINT_SELECT, run, h2Point[run - 1], 100));
      r.add(m("postgres", SqlWorkload.POINT_SELECT, run, pgPoint[run - 1], 50));
      r.add(m("nokv", SqlWorkload.INSERT, run, 1_000, 900));
      r.add(m("postgres", SqlWorkload.INSERT, run, 4_000, 300));
    }
    SqlBenchConfig c = config(3, false);
    String text = print(c, r);
    assertTrue(text.contains("nokv           median        5,000"), text);
    assertTrue(text.contains("  NoKV/PostgreSQL = 0.50 [0.60, 0.40, 0.50]   NoKV/H2 = 1.00 [1.50, 0.80, 0.83]"), text);
    assertTrue(text.contains("  point-select NoKV/PostgreSQL       0.50   target >= 0.50   PASS   [0.60, 0.40, 0.50]"), text);
    assertTrue(text.contains("  point-select NoKV/H2               1.00   target >= 1.00   PASS"), text);
    assertTrue(text.contains("  insert NoKV/PostgreSQL             0.25   target >= 0.50   MISS"), text);
    assertTrue(text.contains("range-select (each run, then the median of the 3 runs;"), text);
    assertTrue(text.contains("(nothing measured)"), "range-select and update have no rows: " + text);

    Map<?, ?> json = (Map<?, ?>) MiniJson.parse(Json.write(SqlReport.toJson(c, Instant.EPOCH,
        new SqlBenchmark.Outcome(r, List.of(), List.of(), List.of(), List.of(), false))));
    List<?> targets = (List<?>) json.get("targets");
    assertEquals(List.of("PASS", "PASS", "MISS"), targets.stream().map(t -> ((Map<?, ?>) t).get("status")).toList());
    assertEquals(List.of(0.6, 0.4, 0.5), ((Map<?, ?>) targets.get(0)).get("per_run"));
    Map<?, ?> nokvPointMedian = (Map<?, ?>) ((List<?>) json.get("medians")).get(0);
    assertEquals("nokv", nokvPointMedian.get("system"));
    assertEquals(5000.0, nokvPointMedian.get("ops_per_sec"));
    assertEquals(List.of(6000.0, 4000.0, 5000.0), ((Map<?, ?>) nokvPointMedian.get("per_run")).get("ops_per_sec"));
    List<?> ratios = (List<?>) json.get("ratios");
    assertEquals(8, ratios.size(), "4 workloads x 2 peers");
    assertEquals(null, ((Map<?, ?>) ratios.get(2)).get("ops_per_sec_ratio"), "range-select: not measured, null");
  }

  @Test
  void theProfileIsRemoteMinusEmbedded() {
    List<SqlMeasurement> r = List.of(
        m("nokv", SqlWorkload.POINT_SELECT, 1, 4_000, 1_000),
        m(SqlTarget.NOKV_EMBEDDED, SqlWorkload.POINT_SELECT, 1, 40_000, 100));
    SqlBenchConfig c = config(1, true);
    String text = print(c, r);
    assertTrue(text.contains("network + Avatica per statement = remote - embedded: mean 0.900 ms, p50 0.900 ms"), text);
    assertTrue(text.contains("nokv-embedded  1"), text);
    Map<?, ?> profile = SqlReport.profile(SqlSummary.medians(c, r));
    assertEquals(0.9, (Double) profile.get("network_avatica_mean_ms"), 1e-3);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(2.5, SqlSummary.median(new double[] {4, 1, 2, 3}));
    assertEquals(3.0, SqlSummary.median(new double[] {3}));
    assertTrue(Double.isNaN(SqlSummary.median(new double[] {})));
    assertEquals(2.0, SqlSummary.median(new double[] {Double.NaN, 2}), "NaN (nothing measured) is left out");
  }

  @Test
  void longHeaderTextIsWrapped() {
    StringWriter out = new StringWriter();
    SqlReport.printHeader(new PrintWriter(out, true), config(1, true));
    for (String line : out.toString().split("\n")) {
      if (!line.startsWith("  machine:")) {
        assertTrue(line.length() <= SqlReport.WIDTH, line);
      }
    }
    assertTrue(out.toString().contains("NOT durable per commit"));
    assertTrue(out.toString().contains("fsync=on, synchronous_commit=on"));
  }
}
