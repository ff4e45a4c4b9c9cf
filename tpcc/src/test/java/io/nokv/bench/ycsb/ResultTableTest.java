package io.nokv.bench.ycsb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  /** A result of {@code ops} operations in one second, every one taking {@code micros}. */
  static PhaseResult result(String engine, String workload, long ops, long micros) {
    Histogram h = ThreadLatencies.newHistogram();
    h.recordValueWithCount(micros * 1000, ops);
    EnumMap<OpType, Histogram> byOp = new EnumMap<>(OpType.class);
    byOp.put(OpType.READ, h.copy());
    return new PhaseResult(engine, workload, 1, "zipfian", 1, ops, 1_000_000_000L, h, byOp, 0, 0);
  }

  @Test
  void ratioRowsDivideNoKvByTheOtherEngine() {
    List<PhaseResult> results = List.of(
        result("nokv", "load", 3000, 20), result("rocksdb", "load", 2000, 10),
        result("nokv", "c", 1000, 5), result("rocksdb", "c", 4000, 10));
    List<ResultTable.Ratio> ratios = ResultTable.ratios(results);
    assertEquals(2, ratios.size());
    ResultTable.Ratio load = ratios.get(0);
    assertEquals("load", load.workload());
    assertEquals("rocksdb", load.other());
    assertEquals(1.5, load.throughput(), 1e-9);
    assertEquals(2.0, load.p50(), 0.01);
    assertEquals(0.25, ratios.get(1).throughput(), 1e-9);

    StringWriter sw = new StringWriter();
    ResultTable.print(new PrintWriter(sw, true), results, List.of("c"), 1);
    String table = sw.toString();
    assertTrue(table.contains("nokv/rocksdb"), table);
    assertTrue(table.lines().anyMatch(l -> l.startsWith("load") && l.contains("1.50x") && l.contains("2.00x")), table);
    assertTrue(table.lines().anyMatch(l -> l.startsWith("c ") && l.contains("0.25x") && l.contains("0.50x")), table);
  }
}
