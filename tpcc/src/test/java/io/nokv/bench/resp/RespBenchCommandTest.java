package io.nokv.bench.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nokv.bench.LoopbackPorts;
import io.nokv.bench.MiniJson;
import io.nokv.bench.NokvHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RespBenchCommandTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  /** Starts nothing: records what was asked. */
  private final List<RespTarget> asked = new ArrayList<>();
  private final RespServer.Factory none = (t, dir) -> {
    asked.add(t);
    throw new RespBenchException.TargetUnavailable(t, "the test starts nothing", null);
  };

  private static Run resp(RespServer.Factory factory, String searchPath, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    RespBenchCommand command = new RespBenchCommand();
    command.servers = factory;
    command.searchPath = searchPath;
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static boolean redisInstalled() {
    String path = System.getenv("PATH");
    return RespBenchCommand.findExecutable("redis-server", path) != null
        && RespBenchCommand.findExecutable("redis-benchmark", path) != null
        && RespBenchCommand.findExecutable("redis-cli", path) != null;
  }

  @Test
  void badArgumentsAreUsageErrors() {
    Run unknown = resp(none, null, "--targets", "nokv,memcached");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown target 'memcached'; choose from nokv, redis, redis-aof"), unknown.err());
    Run test = resp(none, null, "--tests", "set,mget");
    assertEquals(2, test.code());
    assertTrue(test.err().contains("unknown test 'mget'; choose from set, get, incr, hset, zadd, lpush"), test.err());
    for (String[] args : List.of(new String[] {"--pipelines", "0"}, new String[] {"--pipelines", "1,1001"},
        new String[] {"--pipelines", "x"}, new String[] {"--clients", "0"}, new String[] {"--keyspace", "0"},
        new String[] {"--value-size", "0"}, new String[] {"--requests", "0"}, new String[] {"--pipelined-requests", "0"},
        new String[] {"--requests", "-5"}, new String[] {"--threads", "0"}, new String[] {"--threads", "65"},
        new String[] {"--runs", "0"}, new String[] {"--start-timeout-seconds", "0"},
        new String[] {"--test-timeout-seconds", "0"}, new String[] {"--targets", ","}, new String[] {"--nope"})) {
      Run r = resp(none, null, args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
    }
    assertTrue(asked.isEmpty(), "nothing starts on a usage error");
  }

  @Test
  void defaultsAndDuplicates() {
    RespBenchCommand command = new RespBenchCommand();
    new CommandLine(command).parseArgs("--targets", "redis,NOKV,redis", "--tests", "get,set", "--pipelines", "16,1,16",
        "--requests", "1000", "--nokv-server-opts", " -Xmx1g ");
    RespBenchConfig c = command.validate();
    assertEquals(List.of(RespTarget.REDIS, RespTarget.NOKV), c.targets());
    assertEquals(List.of(RespTest.GET, RespTest.SET), c.tests());
    assertEquals(List.of(16, 1), c.pipelines());
    assertEquals(1000, c.requests(1));
    assertEquals(5000, c.requests(16), "5 x --requests when --pipelined-requests is not given");
    assertEquals("-Xmx1g", c.nokvServerOpts());
    assertEquals(50, c.clients());
    assertEquals(100_000, c.keyspace());
    assertEquals(3, c.valueSize());
    assertEquals(1, c.threads());
    assertEquals(3, c.runs());

    RespBenchCommand defaults = new RespBenchCommand();
    new CommandLine(defaults).parseArgs();
    RespBenchConfig d = defaults.validate();
    assertEquals(List.of(RespTarget.NOKV, RespTarget.REDIS, RespTarget.REDIS_AOF), d.targets());
    assertEquals(List.of(RespTest.SET, RespTest.GET, RespTest.INCR, RespTest.HSET, RespTest.ZADD, RespTest.LPUSH), d.tests());
    assertEquals(List.of(1, 16), d.pipelines());
    assertEquals(200_000, d.requests(1));
    assertEquals(1_000_000, d.requests(16));
  }

  @Test
  void withoutRedisBenchmarkItSaysHowToInstallIt() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty-path"));
    Run r = resp(none, empty.toString(), "--targets", "nokv");
    assertEquals(1, r.code());
    assertEquals("nokv bench resp: redis-benchmark (package redis-tools) is not installed (not found on PATH); run"
        + " scripts/peers.sh install", r.err().strip());
    assertTrue(asked.isEmpty());
  }

  @Test
  void theHelpSaysWhatRuns() {
    Run r = resp(none, null, "--help");
    assertEquals(0, r.code());
    for (String s : List.of("./nokv server --dir TMP --sql-port 0 --resp-port 0", "scripts/peers.sh start-redis --port PORT"
        + " --dir TMP", "--aof-always", "redis-benchmark -h HOST -p PORT -c CLIENTS -n REQUESTS -P DEPTH -r KEYSPACE",
        "INFO commandstats", "GET NoKV/Redis >= 0.8", "scripts/peers.sh install")) {
      assertTrue(r.out().contains(s), s + " in " + r.out());
    }
  }

  @Test
  void aRealRunAgainstRedisWritesTheFigures() throws IOException {
    assumeTrue(redisInstalled(), "redis-server, redis-cli and redis-benchmark are not installed");
    assumeTrue(NokvHome.find() != null, "not run inside the repository");
    Path json = tmp.resolve("resp.json");
    Run r = resp(null, null, "--targets", "redis", "--tests", "set,get", "--requests", "2000", "--runs", "1",
        "--out", json.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("[run 1/1, redis, -P 16, get] "), r.err());
    Map<?, ?> root = (Map<?, ?>) MiniJson.parse(Files.readString(json));
    List<?> results = (List<?>) root.get("results");
    assertEquals(4, results.size());
    for (Object o : results) {
      Map<?, ?> m = (Map<?, ?>) o;
      assertTrue((Double) m.get("ops_per_sec") > 0, m.toString());
      assertTrue((Double) m.get("p99_ms") >= (Double) m.get("p50_ms"), m.toString());
      Map<?, ?> server = (Map<?, ?>) m.get("server");
      assertNotNull(server, "Redis answers INFO commandstats: " + m);
      assertEquals(m.get("requests"), server.get("calls"), "every request was one call: " + m);
      assertTrue((Double) server.get("usec_per_call") > 0, m.toString());
    }
    assertTrue(((String) ((Map<?, ?>) root.get("versions")).get("redis_benchmark")).startsWith("redis-benchmark "));
    assertEquals(List.of(), root.get("failures"));
    Map<?, ?> server = (Map<?, ?>) ((List<?>) root.get("servers")).get(0);
    String dir = ((String) server.get("description")).replaceAll(".*files in ", "");
    assertFalse(Files.exists(Path.of(dir)), "its directory is deleted");
  }

  /**
   * The nokv target through its launcher: a fake {@code nokv} that runs redis-server in the foreground
   * with INFO disabled and prints the ready line once Redis logs that it accepts connections.
   */
  @Test
  void theNokvTargetIsMeasuredAtTheRespAddressOfItsReadyLineAndWithoutInfoHasNoProfile() throws Exception {
    assumeTrue(redisInstalled(), "redis-server, redis-cli and redis-benchmark are not installed");
    Path realHome = NokvHome.find();
    assumeTrue(realHome != null, "not run inside the repository");
    int port = LoopbackPorts.free();
    Path fakeHome = Files.createDirectories(tmp.resolve("fake-home"));
    Path nokv = fakeHome.resolve("nokv");
    // bash's read, not awk: mawk buffers its input and would hold the ready line back.
    Files.writeString(nokv, "#!/bin/bash\n"
        + "[ \"$1 $4 $5 $6 $7\" = 'server --sql-port 0 --resp-port 0' ] || { echo \"bad arguments: $*\" >&2; exit 2; }\n"
        + "dir=$3\n"
        + "exec > >(while IFS= read -r line; do\n"
        + "  printf '%s\\n' \"$line\"\n"
        + "  case $line in *'Ready to accept connections'*)\n"
        + "    echo \"NoKV server ready: sql=127.0.0.1:1 resp=127.0.0.1:" + port + " data=$dir\" ;; esac\n"
        + "done)\n"
        + "exec redis-server --bind 127.0.0.1 --port " + port + " --save '' --appendonly no --dir \"$dir\""
        + " --rename-command INFO ''\n");
    Files.setPosixFilePermissions(nokv, PosixFilePermissions.fromString("rwxr-xr-x"));
    Duration timeout = Duration.ofSeconds(30);
    RespServer.Factory factory = (t, dir) -> t == RespTarget.NOKV
        ? NokvRespServer.start(fakeHome, dir, null, timeout)
        : RedisServer.start(t, realHome, dir, timeout);
    Path json = tmp.resolve("nokv.json");
    Run r = resp(factory, null, "--targets", "nokv,redis", "--tests", "set,get", "--pipelines", "1", "--requests",
        "2000", "--runs", "2", "--out", json.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("[run 1/2, nokv] started in "), r.err());
    assertTrue(r.err().contains("RESP at 127.0.0.1:" + port), r.err());
    assertTrue(r.err().contains("note: nokv: profile unavailable: INFO commandstats answered with an error: ERR unknown"
        + " command 'INFO'"), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("get    median ") && !l.contains(" - ")), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  GET -P 1 NoKV/Redis ") && (l.contains("PASS")
        || l.contains("MISS"))), r.out());
    Map<?, ?> root = (Map<?, ?>) MiniJson.parse(Files.readString(json));
    List<?> order = (List<?>) ((Map<?, ?>) root.get("settings")).get("order");
    assertEquals(List.of(List.of("nokv", "redis"), List.of("redis", "nokv")), order);
    List<?> results = (List<?>) root.get("results");
    assertEquals(8, results.size());
    for (Object o : results) {
      Map<?, ?> m = (Map<?, ?>) o;
      assertEquals(m.get("target").equals("nokv"), m.get("server") == null, m.toString());
    }
    List<?> ratios = (List<?>) root.get("ratios");
    assertEquals(2, ratios.size());
    ratios.forEach(x -> assertTrue((Double) ((Map<?, ?>) x).get("ops_per_sec_ratio") > 0, x.toString()));
  }
}
