package io.nokv.bench.ycsb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class YcsbConfigTest {
  private static YcsbConfig config(List<String> engines, int runs) {
    return new YcsbConfig(engines, List.of("c"), 10, 10, 1, 1, 10, null, null, null, 0, runs, 0, false);
  }

  @Test
  void engineOrderAlternatesBetweenRuns() {
    YcsbConfig c = config(List.of("nokv", "rocksdb"), 4);
    assertEquals(List.of("nokv", "rocksdb"), c.engineOrder(1));
    assertEquals(List.of("rocksdb", "nokv"), c.engineOrder(2));
    assertEquals(List.of("nokv", "rocksdb"), c.engineOrder(3));
    assertEquals(List.of("rocksdb", "nokv"), c.engineOrder(4));
    assertEquals("run 1: nokv, rocksdb; run 2: rocksdb, nokv; run 3: nokv, rocksdb; ..."
        + " (alternating, so slow drift of the machine favours neither engine)", YcsbReport.engineOrderLine(c));
  }

  @Test
  void engineOrderLineOfOneRunOrOneEngine() {
    assertEquals("rocksdb, nokv", YcsbReport.engineOrderLine(config(List.of("rocksdb", "nokv"), 1)));
    assertEquals("rocksdb in each of the 2 runs", YcsbReport.engineOrderLine(config(List.of("rocksdb"), 2)));
  }
}
