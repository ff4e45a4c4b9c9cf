package io.nokv.bench.ycsb;

import io.nokv.bench.BenchSupport;

import io.nokv.bench.BenchVersion;
import io.nokv.bench.Json;
import io.nokv.bench.Sizes;
import io.nokv.bench.engine.BenchSettings;
import io.nokv.bench.engine.Engines;
import io.nokv.kv.Compression;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nokv bench ycsb}: YCSB's core workloads against NoKV and RocksDB in one process, with the
 * same engine settings, printed first. See {@link YcsbBenchmark} for the sequence, {@link
 * EngineBinding} for the operation semantics, {@link ResultTable} for the ratios, {@link RunMedians}
 * for the medians over {@code --runs} and {@link YcsbReport} for the JSON. Exit code 0
 * when every engine completed, 1 when one failed (its error is printed and written to the JSON).
 */
@Command(
    name = "ycsb",
    mixinStandardHelpOptions = true,
    versionProvider = BenchVersion.class,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "YCSB workloads A-F on NoKV and RocksDB with the same settings; ops/s, p50, p99 and ratios.",
      "",
      "Loads N records, then runs YCSB core workloads (A-F) on each engine, one engine after the other,"
          + " each in a fresh directory with the same settings. Prints ops/s, p50 and p99 per workload and"
          + " engine, and the ratio NoKV/RocksDB (throughput, and latency ratios).",
      "",
      "With --runs N > 1 the load and workloads repeat N times, each run in fresh directories; engines alternate"
          + " their order between runs (run 1 nokv then rocksdb, run 2 rocksdb then nokv, ...) so slow drift of"
          + " the machine favours neither. Each run's rows are printed, then a \"Median of N runs\" table: per"
          + " workload and engine the median ops/s, p50 and p99 over the runs (mean of the two middle values for"
          + " even N), and the NoKV/RocksDB ratios of those medians. The JSON (--out) has every run under"
          + " \"results\" and the medians under \"medians\" and \"median_ratios\" (also with one run).",
      "",
      "Workloads (YCSB 0.17.0 definitions, via its CoreWorkload): a 50%% read/50%% update; b 95/5 read/update;"
          + " c 100%% read; d 95%% read/5%% insert, latest; e 95%% scan (1-100)/5%% insert; f 50%% read/50%%"
          + " read-modify-write. Zipfian unless noted. Updates are read-modify-write of one field, as YCSB's"
          + " RocksDB binding does. Workloads run in the order given; d and e insert records that later"
          + " workloads see (YCSB recommends a,b,c,f,d,e, the default)."
    },
    footer = {
      "",
      "Example: nokv bench ycsb --engine nokv,rocksdb --workloads a,c --records 200000 --operations 200000 --runs 3 --out r.json"
    })
public final class YcsbCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--engine", split = ",", paramLabel = "ENGINE", defaultValue = "nokv,rocksdb",
      description = "Engines to run, comma-separated: nokv, rocksdb (default: ${DEFAULT-VALUE}).")
  List<String> engines;

  @Option(names = "--workloads", split = ",", paramLabel = "W", defaultValue = YcsbWorkloads.RECOMMENDED_ORDER,
      description = "Workloads a-f, comma-separated, run in this order (default: ${DEFAULT-VALUE}).")
  List<String> workloads;

  @Option(names = "--records", defaultValue = "100000", description = "Records to load (default: ${DEFAULT-VALUE}).")
  long records;

  @Option(names = "--operations", defaultValue = "100000", description = "Operations per workload (default: ${DEFAULT-VALUE}).")
  long operations;

  @Option(names = "--threads", defaultValue = "1", description = "Client threads (default: ${DEFAULT-VALUE}, as YCSB).")
  int threads;

  @Option(names = "--value-size", defaultValue = "1000", paramLabel = "BYTES",
      description = "Bytes of field data per record, split over --fields fields (default: ${DEFAULT-VALUE}).")
  int valueSize;

  @Option(names = "--fields", defaultValue = "10", description = "Fields per record (default: ${DEFAULT-VALUE}).")
  int fields;

  @Option(names = "--distribution", paramLabel = "zipfian|uniform|latest",
      description = "Request distribution for every workload (default: each workload's standard one: zipfian, latest for d).")
  String distribution;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Data directory root; each engine uses DIR/ENGINE, which must be empty or absent, and is kept"
          + " (default: a temporary directory, deleted afterwards).")
  Path dir;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the settings, machine and results as JSON to FILE.")
  Path out;

  @Option(names = "--cache-size", defaultValue = "64m", converter = Sizes.class, paramLabel = "SIZE",
      description = "Block cache size of each engine, e.g. 67108864, 64m, 1g (default: ${DEFAULT-VALUE}).")
  long cacheSize;

  @Option(names = "--sync", arity = "1", defaultValue = "false", paramLabel = "true|false",
      description = "fsync the WAL on every write (default: ${DEFAULT-VALUE}, as YCSB usually runs; the WAL is on either way).")
  boolean sync;

  @Option(names = "--compression", defaultValue = "none", paramLabel = "none|lz4|zstd",
      description = "SSTable block compression of both engines (default: ${DEFAULT-VALUE}).")
  String compression;

  @Option(names = "--bloom-bits", defaultValue = "10", description = "Bloom filter bits per key, 0 for none (default: ${DEFAULT-VALUE}).")
  int bloomBits;

  @Option(names = "--write-buffer-size", defaultValue = "64m", converter = Sizes.class, paramLabel = "SIZE",
      description = "Memtable size of both engines (default: ${DEFAULT-VALUE}).")
  long writeBufferSize;

  @Option(names = "--value-threshold", defaultValue = "1024", paramLabel = "BYTES",
      description = "NoKV only: values of at least this size go to the value log (default: ${DEFAULT-VALUE}).")
  int valueThreshold;

  @Option(names = "--warmup-ops", defaultValue = "0", description = "Unmeasured operations before each workload (default: ${DEFAULT-VALUE}).")
  long warmupOps;

  @Option(names = "--runs", defaultValue = "1", paramLabel = "N",
      description = "Repeat load and workloads this many times, each in a fresh directory, alternating the engine"
          + " order between runs; prints each run's rows, then (for N > 1) the median ops/s, p50 and p99 of the runs"
          + " and the ratios of those medians (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--progress-interval", defaultValue = "5", paramLabel = "SECONDS",
      description = "Seconds between progress lines, 0 for none (default: ${DEFAULT-VALUE}).")
  int progressSeconds;

  @Option(names = "--stats", description = "Print each engine's own statistics after its run.")
  boolean stats;

  @Override
  public Integer call() throws Exception {
    YcsbConfig config = validate();
    PrintWriter w = spec.commandLine().getOut();
    if (out != null) {
      BenchSupport.checkReportWritable(out, "--out");
    }
    Instant started = Instant.now();
    Path root;
    YcsbBenchmark.Outcome outcome;
    try (BenchSupport.DataDir data = new BenchSupport.DataDir(config.dir(), "nokv-ycsb-")) {
      root = data.path();
      YcsbReport.printHeader(w, config, root);
      outcome = new YcsbBenchmark(config, w).run(root);
    }
    ResultTable.print(w, outcome.results(), config.workloads(), config.runs());
    if (out != null) {
      String json = Json.write(YcsbReport.toJson(config, root, started, outcome));
      BenchSupport.writeReport(out, json, w);
    }
    if (!outcome.errors().isEmpty()) {
      w.flush();
      PrintWriter err = spec.commandLine().getErr();
      outcome.errors().forEach((engine, msg) -> err.println("nokv bench ycsb: engine " + engine + " failed: " + msg));
      err.flush();
      return 1;
    }
    w.flush();
    return 0;
  }

  private YcsbConfig validate() {
    List<String> engineList = distinctLower(engines);
    require(!engineList.isEmpty(), "--engine needs at least one engine");
    for (String e : engineList) {
      if (!Engines.NAMES.contains(e)) {
        throw usage("unknown engine '" + e + "'; choose from " + String.join(", ", Engines.NAMES));
      }
    }
    List<String> workloadList = distinctLower(workloads);
    require(!workloadList.isEmpty(), "--workloads needs at least one workload");
    for (String wl : workloadList) {
      if (!YcsbWorkloads.STANDARD.contains(wl)) {
        throw usage("unknown workload '" + wl + "'; choose from " + String.join(", ", YcsbWorkloads.STANDARD));
      }
    }
    String dist = distribution == null ? null : distribution.toLowerCase(Locale.ROOT);
    if (dist != null && !List.of("zipfian", "uniform", "latest").contains(dist)) {
      throw usage("--distribution must be zipfian, uniform or latest, got '" + distribution + "'");
    }
    Compression comp;
    try {
      comp = Compression.valueOf(compression.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw usage("--compression must be none, lz4 or zstd, got '" + compression + "'");
    }
    require(records >= 1 && records < Integer.MAX_VALUE / 2, "--records must be in [1, " + (Integer.MAX_VALUE / 2 - 1) + "]");
    require(operations >= 1, "--operations must be at least 1");
    require(threads >= 1 && threads <= 1024, "--threads must be in [1, 1024]");
    require(fields >= 1 && fields <= 1000, "--fields must be in [1, 1000]");
    require(valueSize >= fields, "--value-size must be at least --fields (" + fields + ") bytes");
    require(valueSize % fields == 0, "--value-size must be a multiple of --fields (" + fields + ")");
    require(bloomBits >= 0 && bloomBits <= 64, "--bloom-bits must be in [0, 64]");
    require(writeBufferSize >= 64 << 10, "--write-buffer-size must be at least 64k");
    require(valueThreshold >= 1, "--value-threshold must be at least 1");
    require(warmupOps >= 0, "--warmup-ops must not be negative");
    require(runs >= 1, "--runs must be at least 1");
    require(progressSeconds >= 0, "--progress-interval must not be negative");
    BenchSettings settings = new BenchSettings(cacheSize, bloomBits, comp, sync, BenchSettings.DEFAULT_BLOCK_SIZE,
        writeBufferSize, BenchSettings.DEFAULT_MAX_WRITE_BUFFER_NUMBER, valueThreshold);
    return new YcsbConfig(engineList, workloadList, records, operations, threads, fields, valueSize / fields, dist,
        dir, settings, warmupOps, runs, progressSeconds, stats);
  }

  private static List<String> distinctLower(List<String> values) {
    LinkedHashSet<String> set = new LinkedHashSet<>();
    for (String v : values) {
      String t = v.trim().toLowerCase(Locale.ROOT);
      if (!t.isEmpty()) {
        set.add(t);
      }
    }
    return new ArrayList<>(set);
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
