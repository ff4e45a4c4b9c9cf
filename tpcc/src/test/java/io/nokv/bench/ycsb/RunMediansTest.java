package io.nokv.bench.ycsb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RunMediansTest {
  /** Run {@code run}'s result of {@code ops} operations in one second, {@code p50}/{@code p99} microseconds. */
  static PhaseResult result(String engine, String workload, int run, long ops, long p50, long p99) {
    Histogram h = ThreadLatencies.newHistogram();
    // 98 of 100 operations at p50 and 2 at p99 put the 50th percentile at p50 and the 99th at p99.
    h.recordValueWithCount(p50 * 1000, ops * 98 / 100);
    h.recordValueWithCount(p99 * 1000, ops - ops * 98 / 100);
    EnumMap<OpType, Histogram> byOp = new EnumMap<>(OpType.class);
    byOp.put(OpType.READ, h.copy());
    return new PhaseResult(engine, workload, run, "zipfian", 1, ops, 1_000_000_000L, h, byOp, 0, 0);
  }

  @Test
  void medianOfAnOddCountIsTheMiddleValue() {
    assertEquals(3.0, RunMedians.median(5, 1, 3));
    assertEquals(7.0, RunMedians.median(7));
    assertEquals(20.0, RunMedians.median(100, 20, 1, 30, 10));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertEquals(2.5, RunMedians.median(4, 1, 2, 3));
    assertEquals(15.0, RunMedians.median(20, 10));
    assertEquals(6.0, RunMedians.median(1000, 5, 7, 0));
  }

  @Test
  void medianDoesNotReorderItsArgument() {
    double[] values = {3, 1, 2};
    RunMedians.median(values);
    assertEquals(3.0, values[0]);
  }

  @Test
  void medianOfNothingIsRefused() {
    assertThrows(IllegalArgumentException.class, RunMedians::median);
  }

  @Test
  void mediansAreTakenPerEngineAndWorkloadAndEachStatisticOnItsOwn() {
    List<PhaseResult> results = new ArrayList<>();
    // Run order alternates as the benchmark does: nokv first in odd runs, rocksdb first in even ones.
    results.add(result("nokv", "c", 1, 1000, 10, 300));
    results.add(result("rocksdb", "c", 1, 2000, 20, 100));
    results.add(result("rocksdb", "c", 2, 4000, 10, 500));
    results.add(result("nokv", "c", 2, 3000, 30, 100));
    results.add(result("nokv", "c", 3, 2000, 20, 200));
    results.add(result("rocksdb", "c", 3, 1000, 30, 300));
    List<RunMedians.Median> medians = RunMedians.of(results);
    assertEquals(2, medians.size());
    RunMedians.Median nokv = medians.get(0);
    assertEquals("nokv", nokv.engine());
    assertEquals("c", nokv.workload());
    assertEquals(3, nokv.runs());
    assertEquals(2000.0, nokv.opsPerSec(), 1e-6);
    assertEquals(20.0, nokv.p50Us(), 0.1);
    assertEquals(200.0, nokv.p99Us(), 0.5, "median p99 comes from the runs' p99s, not from the run of median ops/s");
    RunMedians.Median rocks = medians.get(1);
    assertEquals(2000.0, rocks.opsPerSec(), 1e-6);
    assertEquals(20.0, rocks.p50Us(), 0.1);
    assertEquals(300.0, rocks.p99Us(), 0.5);

    List<RunMedians.MedianRatio> ratios = RunMedians.ratios(medians);
    assertEquals(1, ratios.size());
    assertEquals("rocksdb", ratios.get(0).other());
    assertEquals(3, ratios.get(0).runs());
    assertEquals(1.0, ratios.get(0).throughput(), 1e-9);
    assertEquals(2.0 / 3, ratios.get(0).p99(), 0.01);
  }

  @Test
  void twoRunsPrintEachRunThenTheMedianTable() {
    List<PhaseResult> results = List.of(
        result("nokv", "load", 1, 3000, 10, 20), result("rocksdb", "load", 1, 1000, 10, 20),
        result("rocksdb", "load", 2, 3000, 10, 20), result("nokv", "load", 2, 5000, 10, 20),
        result("nokv", "c", 1, 1000, 10, 40), result("rocksdb", "c", 1, 4000, 10, 20),
        result("rocksdb", "c", 2, 4000, 10, 20), result("nokv", "c", 2, 3000, 10, 40));
    StringWriter sw = new StringWriter();
    ResultTable.print(new PrintWriter(sw, true), results, List.of("c"), 2);
    List<String> lines = sw.toString().lines().toList();
    int medianHeader = lines.indexOf(lines.stream().filter(l -> l.startsWith("Median of 2 runs")).findFirst().orElseThrow());
    // Per-run rows come first and keep one engine order whichever engine ran first.
    List<String> perRun = lines.subList(0, medianHeader);
    assertTrue(perRun.stream().anyMatch(l -> l.startsWith("load#2") && l.contains("nokv/rocksdb") && l.contains("1.67x")), perRun.toString());
    int nokvRow = indexOfPrefix(perRun, "load#2   nokv ");
    int rocksRow = indexOfPrefix(perRun, "load#2   rocksdb ");
    assertTrue(nokvRow >= 0 && nokvRow < rocksRow, perRun.toString());
    List<String> median = lines.subList(medianHeader, lines.size());
    assertTrue(median.get(1).startsWith("workload") && median.get(1).endsWith("runs"), median.toString());
    // nokv load: median of 3000 and 5000 ops/s is 4000; rocksdb load: 2000; ratio 2.00x.
    assertTrue(median.stream().anyMatch(l -> l.startsWith("load ") && l.contains("nokv ") && l.contains("4,000")
        && l.endsWith(" 2")), median.toString());
    assertTrue(median.stream().anyMatch(l -> l.startsWith("load ") && l.contains("nokv/rocksdb") && l.contains("2.00x")),
        median.toString());
    // c: nokv 2000 vs rocksdb 4000 ops/s, p99 40 vs 20 us.
    assertTrue(median.stream().anyMatch(l -> l.startsWith("c ") && l.contains("nokv/rocksdb") && l.contains("0.50x")
        && l.contains("2.00x")), median.toString());
  }

  @Test
  void oneRunPrintsNoMedianTable() {
    StringWriter sw = new StringWriter();
    ResultTable.print(new PrintWriter(sw, true), List.of(result("nokv", "load", 1, 100, 1, 2)), List.of(), 1);
    assertTrue(sw.toString().lines().noneMatch(l -> l.startsWith("Median")), sw.toString());
  }

  private static int indexOfPrefix(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
