package io.nokv.bench.txn;

import io.nokv.bench.BenchSupport;

import io.nokv.bench.BenchVersion;
import io.nokv.bench.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nokv bench txn}: what a transaction costs against the raw engine. Synced raw puts (and
 * synced 10-key write batches) into a plain {@code Db} against read-write transactions of 1 and 10
 * keys through {@code TxnClient} over a {@code LocalStore}, at several thread counts; prints ops/s,
 * keys/s, p50/p99 and retries, and the two ratios the transaction issue sets targets for. See
 * {@link TxnBenchmark} for the sequence and {@link TxnReport} for the tables and the JSON. Exit
 * code 0 when every workload completed, whether the targets were met or not; 1 when a workload
 * failed (its error is printed and written to the JSON); 2 for bad usage.
 */
@Command(
    name = "txn",
    mixinStandardHelpOptions = true,
    versionProvider = BenchVersion.class,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "Transactions against the raw engine: synced puts vs 1- and 10-key read-write transactions.",
      "",
      "Workloads (each measured alone, at each --threads count, for --duration-seconds or --operations):",
      "  raw-put     one synced Db.put (WriteOptions sync=true, the default) of a random key into a",
      "              plain Db opened with default Options: the baseline",
      "  raw-put-10  one synced WriteBatch of 10 distinct random keys into the same Db: a second baseline",
      "  txn-1       TxnClient.run over a LocalStore (as TxnClient.open(dir), default options): begin, get,",
      "              put a new value, commit, on one random key (one key in LocalStore's one region",
      "              commits in one phase: one synced engine write)",
      "  txn-10      the same with 10 distinct random keys: 10 gets, 10 puts, one commit",
      "",
      "Keys are uniformly random over --keys keys; every run first preloads all of them into each key space it"
          + " uses (the raw Db and the transactional store, each fresh). A transaction that hits a write"
          + " conflict is run again by TxnClient.run (up to 10 times); the extra attempts are reported as"
          + " retries and transactions that still fail as failures (not counted as operations).",
      "",
      "Prints a table per thread count: ops/s, keys/s (ops/s x keys per operation), p50/p99 latency in ms,"
          + " retries, failures, WAL fsyncs per operation (from the engine's statistics); then the targets: \"txn-1 cost / raw put cost\" = raw-put ops/s / txn-1 ops/s"
          + " (target <= 2.00) and \"txn-10 keys/s as a fraction of raw-put ops/s\" (target >= 0.20), each with"
          + " PASS or MISS. It is a benchmark, not a test: a MISS does not change the exit code.",
      "",
      "With --runs N > 1 every run starts from fresh directories and the workload order alternates (run 1 as"
          + " given, run 2 reversed, ...); each run's rows are printed, then the median of the runs per cell"
          + " (mean of the two middle values for even N), and the targets are computed from the medians, with"
          + " the per-run values in brackets."
    },
    footer = {
      "",
      "Exit codes: 0 every workload completed (targets met or not), 1 a workload failed or another runtime"
          + " error, 2 usage error.",
      "Example: nokv bench txn --threads 2,8 --duration-seconds 10 --runs 3 --out txn.json"
    })
public final class TxnBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--workloads", split = ",", paramLabel = "W", defaultValue = TxnWorkload.ALL,
      description = "Workloads to run, comma-separated, in this order (reversed in even runs): raw-put,"
          + " raw-put-10, txn-1, txn-10 (default: ${DEFAULT-VALUE}). The targets need raw-put.")
  List<String> workloads;

  @Option(names = "--threads", split = ",", paramLabel = "N", defaultValue = "2,8",
      description = "Client thread counts (1 to 1024), comma-separated; each workload is measured at each"
          + " (default: ${DEFAULT-VALUE}).")
  List<Integer> threads;

  @Option(names = "--duration-seconds", defaultValue = "10", paramLabel = "SECONDS",
      description = "Length of each measurement (one workload at one thread count in one run), 1 to 86400"
          + " (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(names = "--operations", defaultValue = "0", paramLabel = "N",
      description = "Measure N operations (split over the threads) instead of --duration-seconds; 0 measures"
          + " by time (default: ${DEFAULT-VALUE}). Not together with --duration-seconds.")
  long operations;

  @Option(names = "--warmup-seconds", defaultValue = "1", paramLabel = "SECONDS",
      description = "Unmeasured warmup of the same workload before each measurement (also with --operations),"
          + " 0 for none, at most 3600 (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--keys", defaultValue = "100000", paramLabel = "N",
      description = "Key-space size: keys are picked uniformly from N keys, all preloaded, 10 to 1000000000"
          + " (default: ${DEFAULT-VALUE}).")
  int keys;

  @Option(names = "--value-size", defaultValue = "100", paramLabel = "BYTES",
      description = "Bytes per value, preloaded and written, 1 to 1048576 (default: ${DEFAULT-VALUE}).")
  int valueSize;

  @Option(names = "--runs", defaultValue = "3", paramLabel = "N",
      description = "Repeat everything N times (1 to 100), each run in fresh directories, alternating the"
          + " workload order; the tables show each run and the median (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Data directory, which must be empty or absent; run N uses DIR/run-N/raw and DIR/run-N/txn,"
          + " and they are kept (default: a temporary directory, deleted afterwards, each run's data as soon as"
          + " the run ends).")
  Path dir;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write the settings, machine, every measurement, the medians and the ratios as JSON to FILE.")
  Path out;

  @Option(names = "--progress-interval", defaultValue = "5", paramLabel = "SECONDS",
      description = "Seconds between progress lines during preloads and measurements, 0 for none"
          + " (default: ${DEFAULT-VALUE}).")
  int progressSeconds;

  @Override
  public Integer call() throws Exception {
    TxnBenchConfig config = validate();
    PrintWriter w = spec.commandLine().getOut();
    if (out != null) {
      BenchSupport.checkReportWritable(out, "--out");
    }
    Instant started = Instant.now();
    Path root;
    TxnBenchmark.Outcome outcome;
    try (BenchSupport.DataDir data = new BenchSupport.DataDir(config.dir(), "nokv-txn-bench-")) {
      root = data.path();
      TxnReport.printHeader(w, config, root);
      outcome = new TxnBenchmark(config, w).run(root);
    }
    TxnReport.printResults(w, config, outcome.results());
    if (out != null) {
      String json = Json.write(TxnReport.toJson(config, root, started, outcome));
      BenchSupport.writeReport(out, json, w);
    }
    w.flush();
    if (!outcome.errors().isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      outcome.errors().forEach((system, msg) -> err.println("nokv bench txn: workload " + system + " failed: " + msg));
      err.flush();
      return 1;
    }
    return 0;
  }

  private TxnBenchConfig validate() {
    List<TxnWorkload> workloadList =
        BenchSupport.parseLabels(workloads, "--workloads", "workload", TxnWorkload::byLabel, TxnWorkload.labels(), this::usage);
    LinkedHashSet<Integer> threadSet = new LinkedHashSet<>();
    for (Integer t : threads) {
      require(t != null && t >= 1 && t <= 1024, "--threads values must be in [1, 1024], got " + t);
      threadSet.add(t);
    }
    require(!threadSet.isEmpty(), "--threads needs at least one thread count");
    boolean durationGiven = spec.commandLine().getParseResult() != null
        && spec.commandLine().getParseResult().hasMatchedOption("--duration-seconds");
    require(!(durationGiven && operations > 0), "give --duration-seconds or --operations, not both");
    require(durationSeconds >= 1 && durationSeconds <= 86_400, "--duration-seconds must be in [1, 86400]");
    require(operations >= 0, "--operations must not be negative");
    require(warmupSeconds >= 0 && warmupSeconds <= 3_600, "--warmup-seconds must be in [0, 3600]");
    require(keys >= 10 && keys <= 1_000_000_000, "--keys must be in [10, 1000000000] (the 10-key workloads pick 10 distinct keys)");
    require(valueSize >= 1 && valueSize <= 1 << 20, "--value-size must be in [1, 1048576]");
    require(runs >= 1 && runs <= 100, "--runs must be in [1, 100]");
    require(progressSeconds >= 0, "--progress-interval must not be negative");
    if (dir != null && Files.exists(dir)) {
      require(Files.isDirectory(dir), "--dir " + dir + " is not a directory");
      try (Stream<Path> s = Files.list(dir)) {
        require(s.findAny().isEmpty(), "--dir " + dir + " is not empty; remove it or choose another directory");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list --dir " + dir, e);
      }
    }
    return new TxnBenchConfig(List.copyOf(workloadList), List.copyOf(threadSet), durationSeconds, operations,
        warmupSeconds, keys, valueSize, runs, dir, progressSeconds);
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
