package io.nokv.bench.ycsb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.bench.MiniJson;
import io.nokv.kv.Db;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class YcsbCommandTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  private Run ycsb(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new YcsbCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Map<?, ?> runAndCheck(String engine) throws Exception {
    Path json = tmp.resolve("r.json");
    Run r = ycsb("--engine", engine, "--workloads", "a,b,c,f,d,e", "--records", "2000", "--operations", "2000",
        "--threads", "2", "--progress-interval", "0", "--dir", tmp.resolve("data").toString(), "--out", json.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("sync false"), r.out());
    Map<?, ?> root = (Map<?, ?>) MiniJson.parse(Files.readString(json));
    Map<?, ?> settings = (Map<?, ?>) root.get("settings");
    assertEquals(2000.0, settings.get("records"));
    assertEquals(List.of(engine), settings.get("engines"));
    Map<?, ?> engineSettings = (Map<?, ?>) settings.get("engine");
    assertEquals(67108864.0, engineSettings.get("cache_size_bytes"));
    assertEquals(false, engineSettings.get("sync"));
    Map<?, ?> machine = (Map<?, ?>) root.get("machine");
    assertTrue(((Double) machine.get("cores")) >= 1);
    assertTrue(machine.containsKey("jvm") && machine.containsKey("os"));

    List<?> results = (List<?>) root.get("results");
    assertEquals(List.of("load", "a", "b", "c", "f", "d", "e"),
        results.stream().map(o -> ((Map<?, ?>) o).get("workload")).toList());
    for (Object o : results) {
      Map<?, ?> row = (Map<?, ?>) o;
      assertEquals(engine, row.get("engine"));
      assertEquals(2000.0, row.get("operations"), row.toString());
      assertTrue((Double) row.get("ops_per_sec") > 0, row.toString());
      assertTrue((Double) row.get("p50_us") > 0, row.toString());
      assertTrue((Double) row.get("p99_us") >= (Double) row.get("p50_us"), row.toString());
      assertEquals(0.0, row.get("not_found"), row.toString());
    }
    Map<?, ?> e = (Map<?, ?>) results.get(6);
    Set<?> ops = ((Map<?, ?>) e.get("by_operation")).keySet();
    assertEquals(Set.of("SCAN", "INSERT"), ops, "workload e scans and inserts");
    assertTrue((Double) e.get("inserted") > 0);
    assertEquals(List.of(), root.get("errors"));

    // One run: the medians are that run's values, so consumers can always read them.
    List<?> medians = (List<?>) root.get("medians");
    assertEquals(results.size(), medians.size());
    for (int i = 0; i < results.size(); i++) {
      Map<?, ?> row = (Map<?, ?>) results.get(i);
      Map<?, ?> median = (Map<?, ?>) medians.get(i);
      assertEquals(1.0, median.get("runs"));
      for (String key : List.of("engine", "workload", "ops_per_sec", "p50_us", "p99_us")) {
        assertEquals(row.get(key), median.get(key), key);
      }
    }
    assertEquals(List.of(), root.get("median_ratios"), "one engine has no ratios");
    return root;
  }

  @Test
  void twoRunsWriteEveryRunAndTheMedians() throws Exception {
    Path json = tmp.resolve("r.json");
    Run r = ycsb("--engine", "rocksdb", "--records", "2000", "--operations", "2000", "--runs", "2",
        "--progress-interval", "0", "--dir", tmp.resolve("data").toString(), "--out", json.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("order:      rocksdb in each of the 2 runs"), r.out());
    List<String> lines = r.out().lines().toList();
    int medianTable = lines.indexOf("Median of 2 runs (each column the median of the per-run values; ratio rows divide the medians)");
    assertTrue(medianTable > 0, r.out());
    assertTrue(lines.subList(0, medianTable).stream().anyMatch(l -> l.startsWith("c#2 ")), r.out());
    List<String> medianRows = lines.subList(medianTable + 2, medianTable + 9);
    assertEquals(List.of("load", "a", "b", "c", "f", "d", "e"), medianRows.stream().map(l -> l.split(" +")[0]).toList(), r.out());
    assertTrue(medianRows.stream().allMatch(l -> l.split(" +")[1].equals("rocksdb") && l.endsWith(" 2")), r.out());

    Map<?, ?> root = (Map<?, ?>) MiniJson.parse(Files.readString(json));
    assertEquals(List.of(List.of("rocksdb"), List.of("rocksdb")), ((Map<?, ?>) root.get("settings")).get("engine_order"));
    List<?> results = (List<?>) root.get("results");
    assertEquals(14, results.size());
    List<String> workloads = List.of("load", "a", "b", "c", "f", "d", "e");
    for (int i = 0; i < results.size(); i++) {
      Map<?, ?> row = (Map<?, ?>) results.get(i);
      assertEquals((double) (i / 7 + 1), row.get("run"), row.toString());
      assertEquals(workloads.get(i % 7), row.get("workload"), row.toString());
      assertEquals("rocksdb", row.get("engine"));
    }
    List<?> medians = (List<?>) root.get("medians");
    assertEquals(7, medians.size());
    for (int i = 0; i < 7; i++) {
      Map<?, ?> m = (Map<?, ?>) medians.get(i);
      assertEquals(Set.of("engine", "workload", "runs", "ops_per_sec", "p50_us", "p99_us"), m.keySet());
      assertEquals("rocksdb", m.get("engine"));
      assertEquals(workloads.get(i), m.get("workload"));
      assertEquals(2.0, m.get("runs"));
      Map<?, ?> run1 = (Map<?, ?>) results.get(i);
      Map<?, ?> run2 = (Map<?, ?>) results.get(i + 7);
      for (String key : List.of("ops_per_sec", "p50_us", "p99_us")) {
        double mean = ((Double) run1.get(key) + (Double) run2.get(key)) / 2;
        // The JSON rounds to 3 decimals, each input and the median.
        assertEquals(mean, (Double) m.get(key), 0.002, key + " of " + m);
      }
    }
    assertEquals(List.of(), root.get("median_ratios"));
    assertEquals(List.of(), root.get("errors"));
  }

  @Test
  void rocksdbRunsEveryWorkloadAndWritesTheJson() throws Exception {
    runAndCheck("rocksdb");
  }

  @Test
  void nokvRunsEveryWorkloadAndWritesTheJson() throws Exception {
    Path probe = tmp.resolve("probe");
    try (Db db = Db.open(probe)) {
      db.put(new byte[] {1}, new byte[] {2});
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("the NoKV engine is not implemented yet: " + e.getMessage());
    }
    runAndCheck("nokv");
  }

  @Test
  void aFailingEngineIsReportedAndTheOthersStillRun() throws Exception {
    // Until the engine exists NoKV fails to open; afterwards a non-empty --dir makes it fail.
    Path data = tmp.resolve("data");
    Files.createDirectories(data.resolve("nokv"));
    Files.writeString(data.resolve("nokv").resolve("leftover"), "x");
    Path json = tmp.resolve("r.json");
    Run r = ycsb("--engine", "nokv,rocksdb", "--workloads", "c", "--records", "500", "--operations", "500",
        "--progress-interval", "0", "--dir", data.toString(), "--out", json.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().lines().anyMatch(l -> l.startsWith("nokv bench ycsb: engine nokv failed: ")), r.err());
    Map<?, ?> root = (Map<?, ?>) MiniJson.parse(Files.readString(json));
    List<?> results = (List<?>) root.get("results");
    assertEquals(Set.of("rocksdb"), results.stream().map(o -> ((Map<?, ?>) o).get("engine")).collect(Collectors.toSet()));
    assertEquals(1, ((List<?>) root.get("errors")).size());
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertEquals(2, ycsb("--engine", "leveldb").code());
    assertEquals(2, ycsb("--workloads", "a,g").code());
    assertEquals(2, ycsb("--compression", "snappy").code());
    assertEquals(2, ycsb("--value-size", "1001").code());
    assertEquals(2, ycsb("--cache-size", "lots").code());
    assertTrue(ycsb("--engine", "leveldb").err().contains("unknown engine 'leveldb'"));
  }
}
