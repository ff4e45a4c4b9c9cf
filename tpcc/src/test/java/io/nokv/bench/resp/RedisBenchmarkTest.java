package io.nokv.bench.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisBenchmarkTest {
  /** redis-benchmark 7.0.15 -t set,get,incr,hset,zadd,lpush -n 2000 -c 50 -r 100000 --csv against Redis 7.0.15. */
  static final List<String> SAMPLE = List.of(
      "\"test\",\"rps\",\"avg_latency_ms\",\"min_latency_ms\",\"p50_latency_ms\",\"p95_latency_ms\",\"p99_latency_ms\",\"max_latency_ms\"",
      "\"SET\",\"124999.99\",\"0.262\",\"0.064\",\"0.255\",\"0.407\",\"0.663\",\"0.967\"",
      "\"GET\",\"100000.00\",\"0.296\",\"0.080\",\"0.255\",\"0.543\",\"1.223\",\"1.279\"",
      "\"INCR\",\"105263.16\",\"0.279\",\"0.016\",\"0.271\",\"0.487\",\"0.615\",\"0.695\"",
      "\"LPUSH\",\"117647.05\",\"0.285\",\"0.096\",\"0.247\",\"0.567\",\"1.239\",\"1.343\"",
      "\"HSET\",\"90909.09\",\"0.335\",\"0.040\",\"0.295\",\"0.703\",\"1.127\",\"3.767\"",
      "\"ZADD\",\"111111.12\",\"0.291\",\"0.016\",\"0.287\",\"0.511\",\"0.615\",\"0.775\"");

  @Test
  void theCsvOfRedisBenchmark7GivesOneRowPerTest() {
    List<RedisBenchmark.Figures> rows = RedisBenchmark.parseCsv(SAMPLE);
    assertEquals(List.of("SET", "GET", "INCR", "LPUSH", "HSET", "ZADD"), rows.stream().map(RedisBenchmark.Figures::test).toList());
    assertEquals(new RedisBenchmark.Figures("SET", 124999.99, 0.262, 0.064, 0.255, 0.407, 0.663, 0.967), rows.get(0));
    assertEquals(3.767, rows.get(4).maxMs());
  }

  @Test
  void warningsAroundTheCsvAreSkippedAndColumnsFoundByName() {
    List<RedisBenchmark.Figures> rows = RedisBenchmark.parseCsv(List.of(
        "WARNING: Could not fetch server CONFIG",
        "\"test\",\"avg_latency_ms\",\"rps\",\"min_latency_ms\",\"p50_latency_ms\",\"p95_latency_ms\",\"p99_latency_ms\",\"max_latency_ms\"",
        "\"GET\",\"0.5\",\"2000.00\",\"0.1\",\"0.4\",\"0.9\",\"1.0\",\"2.0\"",
        ""));
    assertEquals(1, rows.size());
    assertEquals(2000.0, rows.get(0).rps());
    assertEquals(0.5, rows.get(0).avgMs());
  }

  @Test
  void outputWithoutAHeaderOrWithABadNumberIsAnError() {
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> RedisBenchmark.parseCsv(List.of("Could not connect to Redis at 127.0.0.1:1: Connection refused")));
    assertTrue(none.getMessage().startsWith("no CSV header"), none.getMessage());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> RedisBenchmark.parseCsv(
        List.of(SAMPLE.get(0), "\"SET\",\"fast\",\"0.262\",\"0.064\",\"0.255\",\"0.407\",\"0.663\",\"0.967\"")));
    assertTrue(bad.getMessage().contains("'fast' for rps"), bad.getMessage());
  }

  @Test
  void csvFieldsAreQuotedWithDoubledQuotesInside() {
    assertEquals(List.of("MSET (10 keys)", "1.5"), RedisBenchmark.fields("\"MSET (10 keys)\",\"1.5\""));
    assertEquals(List.of("a\"b", ""), RedisBenchmark.fields("\"a\"\"b\",\"\""));
    assertNull(RedisBenchmark.fields("SET: rps=1000"));
    assertNull(RedisBenchmark.fields("\"unterminated"));
    assertNull(RedisBenchmark.fields(""));
  }

  @Test
  void theCommandLineCarriesEverySetting() {
    RespBenchConfig c = RespSummaryTest.config(List.of(RespTarget.REDIS), 1);
    assertEquals(List.of("/usr/bin/redis-benchmark", "-h", "127.0.0.1", "-p", "6379", "-c", "50", "-n", "200000", "-P", "1",
        "-r", "100000", "-d", "3", "-t", "get", "--csv"), RedisBenchmark.command(c, "127.0.0.1", "6379", RespTest.GET, 1));
    RespBenchConfig threaded = new RespBenchConfig(c.targets(), c.tests(), c.pipelines(), 8, 10, 100, 5, 7, 4, 1, false,
        null, 1, 1, null, Path.of("rb"));
    assertEquals(List.of("rb", "-h", "::1", "-p", "7", "-c", "8", "-n", "7", "-P", "16", "-r", "10", "-d", "100",
            "--threads", "4", "-t", "lpush", "--csv"),
        RedisBenchmark.command(threaded, new io.nokv.bench.NokvServerProcess.Address("[::1]", 7), RespTest.LPUSH, 16));
  }
}
