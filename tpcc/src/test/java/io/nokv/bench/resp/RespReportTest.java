package io.nokv.bench.resp;

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
import org.junit.jupiter.api.Test;

class RespReportTest {
  private static final RespReport.Versions VERSIONS = new RespReport.Versions("redis-benchmark 7.0.15",
      "Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=ae4d7c971a948f0");

  /** Two runs of nokv, redis and redis-aof on set and get at -P 1 and -P 16; nokv without a profile. */
  private static RespBenchmark.Outcome outcome() {
    List<RespMeasurement> r = new ArrayList<>();
    for (int run = 1; run <= 2; run++) {
      for (int p : List.of(1, 16)) {
        r.add(RespSummaryTest.m(run, RespTarget.NOKV, p, RespTest.SET, 20_000 * p, Double.NaN));
        r.add(RespSummaryTest.m(run, RespTarget.NOKV, p, RespTest.GET, 90_000 * p, Double.NaN));
        r.add(RespSummaryTest.m(run, RespTarget.REDIS, p, RespTest.SET, 100_000 * p, 0.4));
        r.add(RespSummaryTest.m(run, RespTarget.REDIS, p, RespTest.GET, 100_000 * p, 0.25));
        r.add(RespSummaryTest.m(run, RespTarget.REDIS_AOF, p, RespTest.SET, (run == 1 ? 50_000 : 30_000) * p, 0.5));
        r.add(RespSummaryTest.m(run, RespTarget.REDIS_AOF, p, RespTest.GET, 100_000 * p, 0.25));
      }
    }
    return new RespBenchmark.Outcome(r, List.of(), List.of(), List.of("nokv: profile unavailable: ERR unknown command"),
        false);
  }

  private static RespBenchConfig config() {
    return RespSummaryTest.config(List.of(RespTarget.NOKV, RespTarget.REDIS, RespTarget.REDIS_AOF), 2);
  }

  @Test
  void theTablesShowEachRunTheMediansAndEveryRatio() {
    StringWriter s = new StringWriter();
    RespReport.printResults(new PrintWriter(s), config(), outcome());
    String out = s.toString();
    List<String> lines = out.lines().toList();
    assertTrue(lines.contains("-P 1 (ops/s: higher is better; p50/p99 latency per request in ms: lower is better; each run,"
        + " then the median of the 2 runs)"), out);
    String header = lines.stream().filter(l -> l.startsWith("test   run")).findFirst().orElseThrow();
    for (String col : List.of("nokv ops/s", "redis ops/s", "redis-aof ops/s", "nokv/redis", "nokv/redis-aof",
        "nokv p50/p99", "redis p50/p99", "redis-aof p50/p99")) {
      assertTrue(header.contains(col), header);
    }
    // set -P 1: nokv 20,000; redis 100,000; redis-aof 50,000 then 30,000 (median 40,000): ratios 0.20 and 0.50.
    assertTrue(lines.contains("set    1            20,000      100,000           50,000        0.20            0.40"
        + "    2.000/4.500    0.400/0.900        0.800/1.800"), out);
    assertTrue(lines.contains("set    median       20,000      100,000           40,000        0.20            0.50"
        + "    2.000/4.500    0.400/0.900        1.067/2.400"), out);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("get    median    1,440,000")), out);
    assertTrue(lines.contains("  GET -P 1 NoKV/Redis            0.90   target >= 0.80   PASS   [0.90, 0.90]"), out);
    assertTrue(lines.contains("  SET -P 1 NoKV/Redis AOF        0.50   target >= 0.50   PASS   [0.40, 0.67]"), out);
    assertTrue(lines.contains("  SET -P 16 NoKV/Redis AOF       0.50   target >= 0.50   PASS   [0.40, 0.67]"), out);
    // The profile: redis get -P 16 at 0.25 us per call is 4 us per request; nokv has none.
    assertTrue(lines.contains("16    get     redis               0.031            0.25           4.00       0.027       87.2"),
        out);
    assertTrue(lines.contains("1     get     nokv                0.556             n/a            n/a         n/a        n/a"),
        out);
    assertTrue(lines.contains("Note: nokv: profile unavailable: ERR unknown command"), out);
  }

  @Test
  void aGoalWithoutItsTargetsSaysWhy() {
    RespBenchConfig c = RespSummaryTest.config(List.of(RespTarget.REDIS), 1);
    StringWriter s = new StringWriter();
    RespReport.printResults(new PrintWriter(s), c, new RespBenchmark.Outcome(List.of(), List.of(), List.of(),
        List.of(), false));
    assertTrue(s.toString().contains("  SET -P 1 NoKV/Redis AOF         n/a   target >= 0.50   n/a (nokv not in --targets,"
        + " redis-aof not in --targets)"), s.toString());
    assertTrue(s.toString().contains("set    1                 -              -"), s.toString());
  }

  @Test
  void theJsonHasEverything() {
    Map<?, ?> root = (Map<?, ?>) MiniJson.parse(Json.write(RespReport.toJson(config(), VERSIONS,
        Instant.parse("2026-01-02T03:04:05Z"), outcome())));
    assertEquals("resp", root.get("benchmark"));
    Map<?, ?> settings = (Map<?, ?>) root.get("settings");
    assertEquals(List.of("nokv", "redis", "redis-aof"), settings.get("targets"));
    assertEquals(List.of(1.0, 16.0), settings.get("pipelines"));
    assertEquals(Map.of("1", 200_000.0, "16", 1_000_000.0), settings.get("requests"));
    assertEquals(List.of(List.of("nokv", "redis", "redis-aof"), List.of("redis", "redis-aof", "nokv")), settings.get("order"));
    assertTrue(((String) ((Map<?, ?>) settings.get("durability")).get("redis-aof")).contains("appendfsync always"));
    assertEquals("redis-benchmark 7.0.15", ((Map<?, ?>) root.get("versions")).get("redis_benchmark"));
    assertTrue(((String) ((Map<?, ?>) root.get("versions")).get("redis_server")).startsWith("Redis server v=7.0.15"));
    assertEquals("/usr/bin/redis-benchmark -h HOST -p PORT -c 50 -n 1000000 -P 16 -r 100000 -d 3 -t get --csv",
        ((List<?>) root.get("redis_benchmark_commands")).get(3));
    assertEquals(24, ((List<?>) root.get("results")).size());
    Map<?, ?> first = (Map<?, ?>) ((List<?>) root.get("results")).get(0);
    assertEquals(null, first.get("server"), "nokv has no profile");
    Map<?, ?> redis = (Map<?, ?>) ((List<?>) root.get("results")).get(2);
    assertEquals(0.4, ((Map<?, ?>) redis.get("server")).get("usec_per_call"));
    assertEquals(12, ((List<?>) root.get("medians")).size());
    assertEquals(8, ((List<?>) root.get("ratios")).size(), "2 depths x 2 tests x 2 peers");
    List<?> goals = (List<?>) root.get("targets");
    assertEquals(List.of("GET -P 1 NoKV/Redis", "GET -P 16 NoKV/Redis", "SET -P 1 NoKV/Redis AOF", "SET -P 16 NoKV/Redis AOF"),
        goals.stream().map(g -> ((Map<?, ?>) g).get("name")).toList());
    goals.forEach(g -> assertEquals("PASS", ((Map<?, ?>) g).get("status")));
    assertTrue(((Map<?, ?>) root.get("machine")).containsKey("cores"));
    assertEquals(false, root.get("aborted"));
  }
}
