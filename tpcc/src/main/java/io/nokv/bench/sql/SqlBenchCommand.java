package io.nokv.bench.sql;

import io.nokv.bench.BenchSupport;
import io.nokv.bench.BenchVersion;
import io.nokv.bench.Json;
import io.nokv.bench.NokvHome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nokv bench sql}: NoKV's SQL layer over JDBC against H2 and PostgreSQL, each a server in its
 * own process on loopback, with the same table, rows, statements and client threads. See {@link
 * SqlBenchmark} for the sequence, {@link SqlReport} for the tables and the JSON. Exit code 0 when
 * every target and workload completed without a statement error (targets met or not); 1 when one
 * failed (its error printed and written to the JSON); 2 for bad usage.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    versionProvider = BenchVersion.class,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "SQL over JDBC: NoKV against H2 and PostgreSQL, the same statements from the same client threads.",
      "",
      "Targets: each a separate process on 127.0.0.1, started on a fresh temporary directory for each run"
          + " and stopped before the next target starts (also on a failure or Ctrl-C):",
      "  nokv          ./nokv server --dir TMP --sql-port 0 --resp-port -1 with NOKV_NO_BUILD=1 (RESP gateway",
      "                off); connects to the jdbc:nokv://HOST:PORT of its ready line (driver io.nokv.jdbc.NokvDriver)",
      "  h2            H2's TCP server (org.h2.tools.Server) in a child JVM of this JDK, a file database;",
      "                H2's defaults do not fsync at commit: NOT durable per statement, unlike the others",
      "  postgres      scripts/peers.sh start-postgres on a free port (initdb; fsync and",
      "                synchronous_commit on); needs PostgreSQL: run scripts/peers.sh install first",
      "",
      "Workloads: each measured alone; prepared statements; autocommit (each statement a transaction):",
      "  point-select  SELECT id, k, c, pad FROM bench_kv WHERE id = ?           (a random loaded id)",
      "  range-select  SELECT id, k, c, pad FROM bench_kv WHERE id >= ? AND id < ?  (10 rows, [id, id+10))",
      "  insert        INSERT INTO bench_kv (id, k, c, pad) VALUES (?, ?, ?, ?)  (new ids above the rows)",
      "  update        UPDATE bench_kv SET c = ? WHERE id = ?                    (a random loaded id)",
      "",
      "Each target first gets bench_kv(id BIGINT, k INTEGER, c VARCHAR(120), pad VARCHAR(60), PRIMARY KEY"
          + " (id)) and --rows sysbench-like rows, 500 per INSERT batch and transaction, then 10 s of unmeasured"
          + " point selects (unless --warmup-seconds is 0) so that no workload pays for a cold JIT or for the"
          + " flushes and compactions the load left behind. Each client thread"
          + " has its own connection from a HikariCP pool. A statement failing with SQLState 40001 is retried"
          + " (up to 10 times, counted as retries); any other failure ends the benchmark, or with --keep-going"
          + " is counted as an error (a target that does not start is skipped, the others still run).",
      "",
      "Prints a table per workload (ops/s, p50/p99/p99.9 latency in ms, retries, errors per system) with the"
          + " ratios NoKV/PostgreSQL and NoKV/H2, then the targets with PASS or MISS: point-select"
          + " NoKV/PostgreSQL >= 0.5, point-select NoKV/H2 >= 1.0, insert NoKV/PostgreSQL >= 0.5. With --runs"
          + " N > 1 the target order alternates between runs and the tables show each run and the median."
    },
    footer = {
      "",
      "Exit codes: 0 everything was measured (targets met or not), 1 a target or workload failed or a statement"
          + " error was counted, 2 usage error.",
      "Example: nokv bench sql --targets nokv,h2,postgres --duration-seconds 10 --runs 3 --out sql.json"
    })
public final class SqlBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--targets", split = ",", paramLabel = "T", defaultValue = SqlTarget.ALL,
      description = "Databases to measure, comma-separated, in this order (reversed in even runs): nokv, h2,"
          + " postgres (default: ${DEFAULT-VALUE}).")
  List<String> targets;

  @Option(names = "--workloads", split = ",", paramLabel = "W", defaultValue = SqlWorkload.ALL,
      description = "Workloads, comma-separated, in this order: point-select, range-select, insert, update"
          + " (default: ${DEFAULT-VALUE}).")
  List<String> workloads;

  @Option(names = "--threads", defaultValue = "4", paramLabel = "N",
      description = "Client threads (and pooled connections), 1 to 256 (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--duration-seconds", defaultValue = "10", paramLabel = "SECONDS",
      description = "Length of each measurement (one workload on one target in one run), 1 to 86400"
          + " (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(names = "--warmup-seconds", defaultValue = "2", paramLabel = "SECONDS",
      description = "Unmeasured warmup of the same workload before each measurement, 0 to 3600"
          + " (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--runs", defaultValue = "3", paramLabel = "N",
      description = "Repeat everything N times (1 to 100), each run on fresh servers and data; the tables show"
          + " each run and the median (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--rows", defaultValue = "100000", paramLabel = "N",
      description = "Rows loaded into each target before it is measured, 10 to 100000000"
          + " (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write the settings, machine, servers, loads, every measurement, the medians, ratios and"
          + " targets as JSON to FILE.")
  Path out;

  @Option(names = "--keep-going",
      description = "Count failing statements as errors instead of stopping; skip a target that does not start"
          + " (or load) and a workload that fails, and go on with the rest. Exit code 1 all the same.")
  boolean keepGoing;

  @Option(names = "--profile-nokv",
      description = "After each NoKV run, measure point-select again in this JVM through jdbc:nokv:file:DIR on"
          + " the stopped server's data (needs io.nokv.sql.jdbc.NokvEmbeddedDriver, module sql), and print"
          + " network + Avatica cost = remote - embedded latency.")
  boolean profileNokv;

  @Option(names = "--nokv-server-opts", paramLabel = "OPTS",
      description = "JVM options for the NoKV server (its NOKV_JAVA_OPTS), e.g."
          + " \"-XX:StartFlightRecording=filename=server.jfr,settings=profile\". NOKV_JAVA_OPTS of this"
          + " command is not passed on.")
  String nokvServerOpts;

  @Option(names = "--start-timeout-seconds", defaultValue = "120", paramLabel = "SECONDS",
      description = "How long a server may take to start, 1 to 3600 (default: ${DEFAULT-VALUE}).")
  int startTimeoutSeconds;

  /** Who starts the targets; tests replace it. */
  ServerFactory servers;

  @Override
  public Integer call() throws Exception {
    SqlBenchConfig config = validate();
    if (out != null) {
      BenchSupport.checkReportWritable(out, "--out");
    }
    // HikariCP logs each pool's start and stop at INFO through SLF4J; keep the tables readable.
    if (System.getProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
    }
    PrintWriter w = spec.commandLine().getOut();
    Instant started = Instant.now();
    SqlReport.printHeader(w, config);
    w.println();
    ServerFactory factory = servers != null ? servers : new ProcessServers(config);
    SqlBenchmark.Outcome outcome = new SqlBenchmark(config, factory, w).run();
    SqlReport.printResults(w, config, outcome);
    if (out != null) {
      BenchSupport.writeReport(out, Json.write(SqlReport.toJson(config, started, outcome)), w);
    }
    w.flush();
    long statementErrors = outcome.results().stream().mapToLong(SqlMeasurement::errors).sum();
    if (!outcome.failures().isEmpty() || statementErrors > 0) {
      PrintWriter err = spec.commandLine().getErr();
      for (SqlBenchmark.Failure f : outcome.failures()) {
        err.println("nokv bench sql: " + f.message());
      }
      if (statementErrors > 0) {
        err.printf("nokv bench sql: %,d statements failed (--keep-going); see the errors column%n", statementErrors);
      }
      if (outcome.aborted()) {
        err.println("nokv bench sql: stopped at the first failure; --keep-going measures the other targets");
      }
      err.flush();
      return 1;
    }
    return 0;
  }

  SqlBenchConfig validate() {
    List<SqlTarget> targetList =
        BenchSupport.parseLabels(targets, "--targets", "target", SqlTarget::byLabel, SqlTarget.labels(), this::usage);
    List<SqlWorkload> workloadList =
        BenchSupport.parseLabels(workloads, "--workloads", "workload", SqlWorkload::byLabel, SqlWorkload.labels(), this::usage);
    require(threads >= 1 && threads <= 256, "--threads must be in [1, 256], got " + threads);
    require(durationSeconds >= 1 && durationSeconds <= 86_400, "--duration-seconds must be in [1, 86400]");
    require(warmupSeconds >= 0 && warmupSeconds <= 3_600, "--warmup-seconds must be in [0, 3600]");
    require(runs >= 1 && runs <= 100, "--runs must be in [1, 100]");
    require(rows >= 10 && rows <= 100_000_000, "--rows must be in [10, 100000000] (a range-select reads 10 rows)");
    require(startTimeoutSeconds >= 1 && startTimeoutSeconds <= 3_600, "--start-timeout-seconds must be in [1, 3600]");
    require(!profileNokv || targetList.contains(SqlTarget.NOKV), "--profile-nokv needs nokv in --targets");
    String opts = nokvServerOpts == null || nokvServerOpts.isBlank() ? null : nokvServerOpts.strip();
    return new SqlBenchConfig(List.copyOf(targetList), List.copyOf(workloadList), threads, durationSeconds,
        warmupSeconds, runs, rows, keepGoing, profileNokv, opts, startTimeoutSeconds, NokvHome.find());
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
