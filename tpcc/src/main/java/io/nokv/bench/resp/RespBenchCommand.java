package io.nokv.bench.resp;

import io.nokv.bench.BenchSupport;
import io.nokv.bench.BenchVersion;
import io.nokv.bench.ChildProcess;
import io.nokv.bench.Json;
import io.nokv.bench.NokvHome;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nokv bench resp}: redis-benchmark against NoKV's RESP gateway, Redis without persistence and
 * Redis with an fsync per write, each a server process on loopback. See {@link RespBenchmark} for the
 * sequence, {@link RespReport} for the tables and the JSON. Exit code 0 when every target and test
 * was measured (goals met or not); 1 when one failed (its error printed and written to the JSON) or
 * redis-benchmark / redis-server is missing; 2 for bad usage.
 */
@Command(
    name = "resp",
    mixinStandardHelpOptions = true,
    versionProvider = BenchVersion.class,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "RESP (Redis protocol): redis-benchmark against NoKV's RESP gateway and against Redis, with and without"
          + " an fsync per write.",
      "",
      "Targets: each a separate process on 127.0.0.1, started on a fresh temporary directory for each run and"
          + " stopped before the next target starts (also on a failure or Ctrl-C):",
      "  nokv        ./nokv server --dir TMP --sql-port 0 --resp-port 0 with NOKV_NO_BUILD=1;",
      "              measured at the resp=HOST:PORT of its ready line (NoKV's default durability)",
      "  redis       scripts/peers.sh start-redis --port PORT --dir TMP: no snapshots, no append-only file",
      "              (NOT durable); stopped with scripts/peers.sh stop-redis --port PORT",
      "  redis-aof   scripts/peers.sh start-redis --port PORT --aof-always --dir TMP: appendonly yes,",
      "              appendfsync always (durable: the durability-matched peer for NoKV)",
      "",
      "Client: redis-benchmark (Debian's redis-tools) on PATH, one run per test and pipeline depth:",
      "  redis-benchmark -h HOST -p PORT -c CLIENTS -n REQUESTS -P DEPTH -r KEYSPACE -d VALUE_SIZE",
      "                  -t TEST --csv",
      "Tests, in --tests order at each depth, on the same server (GET reads the keys SET wrote):",
      "  set    SET key:RAND VALUE                get    GET key:RAND",
      "  incr   INCR counter:RAND                 hset   HSET myhash element:RAND VALUE",
      "  zadd   ZADD myzset SCORE element:RAND    lpush  LPUSH mylist VALUE",
      "(RAND a random number below --keyspace, VALUE --value-size bytes). redis-benchmark stops at the first"
          + " error reply; that test fails (with --keep-going it is skipped, the rest go on).",
      "",
      "Before and after each test, INFO commandstats (over a plain socket) gives the server's own microseconds"
          + " per call of the test's command; the report puts it next to redis-benchmark's average latency (the"
          + " rest is network, event loop, parsing and queueing). A target that does not answer INFO"
          + " commandstats is measured without that profile.",
      "",
      "Prints a table per pipeline depth (ops/s, NoKV/Redis and NoKV/Redis AOF ratios, p50/p99 ms per target;"
          + " with --runs N > 1 each run and the median; the target order rotates between runs), the time"
          + " profile, then the goals with PASS or MISS at each depth: GET NoKV/Redis >= 0.8, SET NoKV/Redis"
          + " AOF >= 0.5. Progress goes to stderr.",
      "Needs redis-benchmark (and redis-server for the redis targets): scripts/peers.sh install."
    },
    footer = {
      "",
      "Exit codes: 0 everything was measured (goals met or not), 1 a target or test failed or redis-benchmark"
          + " / redis-server is not installed, 2 usage error.",
      "Example: nokv bench resp --runs 3 --out resp.json"
    })
public final class RespBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--targets", split = ",", paramLabel = "T", defaultValue = RespTarget.ALL,
      description = "Servers to measure, comma-separated, in this order (rotated between runs): nokv, redis,"
          + " redis-aof (default: ${DEFAULT-VALUE}).")
  List<String> targets;

  @Option(names = "--tests", split = ",", paramLabel = "T", defaultValue = RespTest.ALL,
      description = "redis-benchmark tests, comma-separated, run in this order at each depth: set, get, incr,"
          + " hset, zadd, lpush (default: ${DEFAULT-VALUE}).")
  List<String> tests;

  @Option(names = "--pipelines", split = ",", paramLabel = "P", defaultValue = "1,16",
      description = "Pipeline depths (redis-benchmark -P), comma-separated, 1 to 1000, run in this order"
          + " (default: ${DEFAULT-VALUE}).")
  List<Integer> pipelines;

  @Option(names = "--clients", defaultValue = "50", paramLabel = "N",
      description = "Parallel connections (redis-benchmark -c), 1 to 10000 (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--keyspace", defaultValue = "100000", paramLabel = "N",
      description = "Random keys (and hash/zset elements) drawn from N numbers (redis-benchmark -r), 1 to"
          + " 1000000000 (default: ${DEFAULT-VALUE}).")
  int keyspace;

  @Option(names = "--value-size", defaultValue = "3", paramLabel = "BYTES",
      description = "Value size (redis-benchmark -d), 1 to 1048576 (default: ${DEFAULT-VALUE}, redis-benchmark's).")
  int valueSize;

  @Option(names = "--requests", defaultValue = "200000", paramLabel = "N",
      description = "Requests per test at -P 1 (redis-benchmark -n), 1 to 1000000000 (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--pipelined-requests", paramLabel = "N",
      description = "Requests per test at each depth above 1, 1 to 1000000000 (default: 5 x --requests,"
          + " 1000000 with the default).")
  Integer pipelinedRequests;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
      description = "redis-benchmark's own threads (--threads), 1 to 64; 1 runs its default single-threaded"
          + " client (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--runs", defaultValue = "3", paramLabel = "N",
      description = "Repeat everything N times (1 to 100), each run on fresh servers and data; the tables show"
          + " each run and the median (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write the settings, machine, versions, redis-benchmark command lines, every measurement,"
          + " the medians, ratios, profile and goals as JSON to FILE.")
  Path out;

  @Option(names = "--keep-going",
      description = "Skip a target that does not start and a test that fails, and go on with the rest. Exit"
          + " code 1 all the same.")
  boolean keepGoing;

  @Option(names = "--nokv-server-opts", paramLabel = "OPTS",
      description = "JVM options for the NoKV server (its NOKV_JAVA_OPTS), e.g."
          + " \"-XX:StartFlightRecording=filename=server.jfr,settings=profile\". NOKV_JAVA_OPTS of this"
          + " command is not passed on.")
  String nokvServerOpts;

  @Option(names = "--start-timeout-seconds", defaultValue = "120", paramLabel = "SECONDS",
      description = "How long a server may take to start, 1 to 3600 (default: ${DEFAULT-VALUE}).")
  int startTimeoutSeconds;

  @Option(names = "--test-timeout-seconds", defaultValue = "900", paramLabel = "SECONDS",
      description = "How long one redis-benchmark run may take before it is stopped and its test fails, 1 to"
          + " 86400 (default: ${DEFAULT-VALUE}).")
  int testTimeoutSeconds;

  /** Who starts the targets; tests replace it. */
  RespServer.Factory servers;

  /** Where redis-benchmark and redis-server are looked up; null: the PATH environment variable. Tests replace it. */
  String searchPath;

  @Override
  public Integer call() throws Exception {
    RespBenchConfig config = validate();
    if (out != null) {
      BenchSupport.checkReportWritable(out, "--out");
    }
    PrintWriter err = spec.commandLine().getErr();
    if (config.redisBenchmark() == null) {
      return missing(err, "redis-benchmark (package redis-tools)");
    }
    Path redisServer = findExecutable("redis-server", path());
    if (redisServer == null && config.targets().stream().anyMatch(RespTarget::isRedis)) {
      return missing(err, "redis-server");
    }
    RespReport.Versions versions = new RespReport.Versions(version(config.redisBenchmark()),
        redisServer == null ? null : version(redisServer));
    PrintWriter w = spec.commandLine().getOut();
    Instant started = Instant.now();
    RespReport.printHeader(w, config, versions);
    RespServer.Factory factory = servers != null ? servers : new ProcessRespServers(config);
    RespBenchmark.Outcome outcome = new RespBenchmark(config, factory, err).run();
    RespReport.printResults(w, config, outcome);
    if (out != null) {
      BenchSupport.writeReport(out, Json.write(RespReport.toJson(config, versions, started, outcome)), w);
    }
    w.flush();
    if (!outcome.failures().isEmpty()) {
      for (RespBenchmark.Failure f : outcome.failures()) {
        err.println("nokv bench resp: " + f.message());
      }
      if (outcome.aborted()) {
        err.println("nokv bench resp: stopped at the first failure; --keep-going measures the other targets and tests");
      }
      err.flush();
      return 1;
    }
    return 0;
  }

  private static int missing(PrintWriter err, String what) {
    err.println("nokv bench resp: " + what + " is not installed (not found on PATH); run scripts/peers.sh install");
    err.flush();
    return 1;
  }

  RespBenchConfig validate() {
    List<RespTarget> targetList = BenchSupport.parseLabels(targets, "--targets", "target", RespTarget::byLabel,
        RespTarget.labels(), this::usage);
    List<RespTest> testList = BenchSupport.parseLabels(tests, "--tests", "test", RespTest::byLabel,
        RespTest.labels(), this::usage);
    List<Integer> depths = new ArrayList<>();
    for (Integer p : pipelines) {
      require(p != null && p >= 1 && p <= 1_000, "--pipelines must be in [1, 1000], got " + p);
      if (!depths.contains(p)) {
        depths.add(p);
      }
    }
    require(!depths.isEmpty(), "--pipelines needs at least one depth");
    require(clients >= 1 && clients <= 10_000, "--clients must be in [1, 10000], got " + clients);
    require(keyspace >= 1 && keyspace <= 1_000_000_000, "--keyspace must be in [1, 1000000000], got " + keyspace);
    require(valueSize >= 1 && valueSize <= 1 << 20, "--value-size must be in [1, 1048576], got " + valueSize);
    require(requests >= 1 && requests <= 1_000_000_000, "--requests must be in [1, 1000000000], got " + requests);
    long pipelined = pipelinedRequests != null ? pipelinedRequests : Math.min(5L * requests, 1_000_000_000L);
    require(pipelined >= 1 && pipelined <= 1_000_000_000,
        "--pipelined-requests must be in [1, 1000000000], got " + pipelined);
    require(threads >= 1 && threads <= 64, "--threads must be in [1, 64], got " + threads);
    require(runs >= 1 && runs <= 100, "--runs must be in [1, 100], got " + runs);
    require(startTimeoutSeconds >= 1 && startTimeoutSeconds <= 3_600, "--start-timeout-seconds must be in [1, 3600]");
    require(testTimeoutSeconds >= 1 && testTimeoutSeconds <= 86_400, "--test-timeout-seconds must be in [1, 86400]");
    String opts = nokvServerOpts == null || nokvServerOpts.isBlank() ? null : nokvServerOpts.strip();
    return new RespBenchConfig(List.copyOf(targetList), List.copyOf(testList), List.copyOf(depths), clients, keyspace,
        valueSize, requests, (int) pipelined, threads, runs, keepGoing, opts, startTimeoutSeconds, testTimeoutSeconds,
        NokvHome.find(), findExecutable("redis-benchmark", path()));
  }

  private String path() {
    return searchPath != null ? searchPath : System.getenv("PATH");
  }

  /** The first executable file {@code name} in the directories of {@code path} (colon-separated), or null. */
  static Path findExecutable(String name, String path) {
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** The first line {@code exe --version} prints, or a note why there is none. */
  static String version(Path exe) throws InterruptedException {
    try {
      ChildProcess.Result r = ChildProcess.run(exe.getFileName() + " --version", List.of(exe.toString(), "--version"),
          null, Map.of(), Duration.ofSeconds(30));
      if (r.exitCode() == 0 && !r.stdout().isEmpty()) {
        return r.stdout().get(0).strip();
      }
      return "unknown (" + exe + " --version exited with code " + r.exitCode() + ")";
    } catch (IOException | TimeoutException e) {
      return "unknown (" + BenchSupport.oneLine(e) + ")";
    }
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw usage(message);
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
