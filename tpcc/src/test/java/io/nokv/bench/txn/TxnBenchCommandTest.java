package io.nokv.bench.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.bench.MiniJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TxnBenchCommandTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  private Run txn(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new TxnBenchCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void aOneSecondRunOfEveryWorkloadWritesTheJson() throws Exception {
    Path json = tmp.resolve("r.json");
    Run r = txn("--duration-seconds", "1", "--threads", "1", "--keys", "1000", "--runs", "1", "--warmup-seconds", "0",
        "--progress-interval", "0", "--dir", tmp.resolve("data").toString(), "--out", json.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("Results at 1 thread "), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  txn-1 cost / raw put cost ")
        && (l.contains(" PASS") || l.contains(" MISS"))), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  txn-10 keys/s as a fraction of raw-put ops/s ")), r.out());
    assertTrue(Files.isDirectory(tmp.resolve("data").resolve("run-1").resolve("txn")), "--dir is kept");

    Map<?, ?> root = (Map<?, ?>) MiniJson.parse(Files.readString(json));
    assertEquals("txn", root.get("benchmark"));
    Map<?, ?> settings = (Map<?, ?>) root.get("settings");
    assertEquals(List.of("raw-put", "raw-put-10", "txn-1", "txn-10"), settings.get("workloads"));
    assertEquals(List.of(1.0), settings.get("threads"));
    assertEquals(1.0, settings.get("duration_seconds"));
    assertEquals(1000.0, settings.get("keys"));
    assertEquals(100.0, settings.get("value_size"));
    assertEquals(1.0, settings.get("runs"));
    assertEquals(true, ((Map<?, ?>) settings.get("engine")).get("sync"));
    assertTrue(((Map<?, ?>) root.get("machine")).containsKey("cores"));
    assertEquals(2, ((List<?>) root.get("preloads")).size());

    List<?> results = (List<?>) root.get("results");
    assertEquals(List.of("raw-put", "raw-put-10", "txn-1", "txn-10"),
        results.stream().map(o -> ((Map<?, ?>) o).get("system")).toList());
    for (Object o : results) {
      Map<?, ?> row = (Map<?, ?>) o;
      double ops = (Double) row.get("ops_per_sec");
      assertTrue(ops > 0, row.toString());
      assertEquals(ops * (Double) row.get("keys_per_op"), (Double) row.get("keys_per_sec"), 0.01 * ops + 0.01, row.toString());
      assertTrue((Double) row.get("p50_ms") > 0, row.toString());
      assertTrue((Double) row.get("p99_ms") >= (Double) row.get("p50_ms"), row.toString());
      assertTrue((Double) row.get("duration_ms") >= 1000, row.toString());
      assertEquals(0.0, row.get("failures"), row.toString());
      assertEquals(0.0, row.get("not_found"), row.toString());
      assertInstanceOf(Double.class, row.get("retries"));
      // One thread: one WAL sync per operation (the txn store's oracle may add one per 3 s window).
      double syncs = (Double) row.get("wal_syncs");
      double done = (Double) row.get("operations");
      assertTrue(syncs >= done && syncs <= done + 2, row.toString());
      assertEquals(syncs / done, (Double) row.get("wal_syncs_per_op"), 0.001, row.toString());
    }
    List<?> medians = (List<?>) root.get("medians");
    assertEquals(4, medians.size());
    for (int i = 0; i < 4; i++) {
      Map<?, ?> m = (Map<?, ?>) medians.get(i);
      Map<?, ?> row = (Map<?, ?>) results.get(i);
      assertEquals(Set.of("threads", "system", "runs", "ops_per_sec", "keys_per_sec", "p50_ms", "p99_ms", "retries",
          "failures", "wal_syncs_per_op", "per_run"), m.keySet());
      assertEquals(row.get("ops_per_sec"), m.get("ops_per_sec"), "one run: the median is that run");
      assertEquals(List.of(row.get("ops_per_sec")), ((Map<?, ?>) m.get("per_run")).get("ops_per_sec"));
    }
    List<?> ratios = (List<?>) root.get("median_ratios");
    assertEquals(List.of("txn1_cost_vs_raw_put", "txn10_keys_vs_raw_put"),
        ratios.stream().map(o -> ((Map<?, ?>) o).get("name")).toList());
    Map<?, ?> cost = (Map<?, ?>) ratios.get(0);
    double rawOps = (Double) ((Map<?, ?>) results.get(0)).get("ops_per_sec");
    double txn1Ops = (Double) ((Map<?, ?>) results.get(2)).get("ops_per_sec");
    assertEquals(rawOps / txn1Ops, (Double) cost.get("value"), 0.01);
    assertEquals(2.0, cost.get("target"));
    assertEquals("<=", cost.get("comparison"));
    assertEquals((Double) cost.get("value") <= 2.0, cost.get("pass"));
    Map<?, ?> fraction = (Map<?, ?>) ratios.get(1);
    assertEquals(0.2, fraction.get("target"));
    assertEquals(">=", fraction.get("comparison"));
    assertEquals(2, ((List<?>) root.get("ratios")).size());
    assertEquals(List.of(), root.get("errors"));
  }

  @Test
  void twoRunsAlternateTheOrderAndReportTheMedians() throws Exception {
    Path json = tmp.resolve("r.json");
    Run r = txn("--workloads", "raw-put,txn-1", "--operations", "40", "--threads", "2", "--keys", "200", "--runs", "2",
        "--warmup-seconds", "0", "--progress-interval", "0", "--out", json.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("order raw-put, txn-1;"), r.out());
    assertTrue(r.out().contains("order txn-1, raw-put;"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("txn-1       median ")), r.out());
    assertFalse(r.out().lines().anyMatch(l -> l.startsWith("  txn-10 keys/s as a fraction")), "no txn-10, no such ratio");

    Map<?, ?> root = (Map<?, ?>) MiniJson.parse(Files.readString(json));
    Map<?, ?> settings = (Map<?, ?>) root.get("settings");
    assertEquals(List.of(List.of("raw-put", "txn-1"), List.of("txn-1", "raw-put")), settings.get("order"));
    assertEquals(null, settings.get("duration_seconds"));
    assertEquals(true, settings.get("dir_temporary"));
    assertFalse(Files.exists(Path.of((String) settings.get("dir"))), "the temporary directory is deleted");
    List<?> results = (List<?>) root.get("results");
    assertEquals(4, results.size());
    for (Object o : results) {
      assertEquals(40.0, ((Map<?, ?>) o).get("operations"));
    }
    for (Object o : (List<?>) root.get("medians")) {
      Map<?, ?> m = (Map<?, ?>) o;
      List<?> perRun = (List<?>) ((Map<?, ?>) m.get("per_run")).get("ops_per_sec");
      assertEquals(2, perRun.size());
      double mean = ((Double) perRun.get(0) + (Double) perRun.get(1)) / 2;
      assertEquals(mean, (Double) m.get("ops_per_sec"), 0.002);
    }
    List<?> ratios = (List<?>) root.get("median_ratios");
    assertEquals(1, ratios.size());
    assertEquals(2, ((List<?>) ((Map<?, ?>) ratios.get(0)).get("per_run")).size());
  }

  @Test
  void badArgumentsAreUsageErrors() throws Exception {
    assertEquals(2, txn("--workloads", "raw-put,txn-2").code());
    assertTrue(txn("--workloads", "txn-2").err().contains("unknown workload 'txn-2'"));
    assertEquals(2, txn("--threads", "0").code());
    assertEquals(2, txn("--threads", "two").code());
    assertEquals(2, txn("--keys", "9").code());
    assertEquals(2, txn("--duration-seconds", "0").code());
    assertEquals(2, txn("--warmup-seconds", "-1").code());
    assertEquals(2, txn("--value-size", "0").code());
    assertEquals(2, txn("--runs", "0").code());
    assertEquals(2, txn("--operations", "-5").code());
    assertEquals(2, txn("--progress-interval", "-1").code());
    Run both = txn("--duration-seconds", "5", "--operations", "100");
    assertEquals(2, both.code());
    assertTrue(both.err().contains("not both"), both.err());
    Path data = tmp.resolve("full");
    Files.createDirectories(data);
    Files.writeString(data.resolve("leftover"), "x");
    Run full = txn("--dir", data.toString());
    assertEquals(2, full.code());
    assertTrue(full.err().contains("is not empty"), full.err());
  }
}
