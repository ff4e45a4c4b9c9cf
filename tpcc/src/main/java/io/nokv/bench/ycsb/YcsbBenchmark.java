package io.nokv.bench.ycsb;

import static io.nokv.bench.BenchSupport.deleteRecursively;
import static io.nokv.bench.BenchSupport.oneLine;

import io.nokv.bench.engine.BenchEngine;
import io.nokv.bench.engine.Engines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a {@link YcsbConfig}: for each run and engine, a fresh directory, the load, then each
 * workload in the configured order against the same database (records that D and E insert stay,
 * and later workloads read them, as in YCSB's recommended sequence). The loop is run-major: every
 * engine completes run 1 before any starts run 2, and the engine order alternates between runs
 * ({@link YcsbConfig#engineOrder(int)}), so drift of the machine over time spreads over all engines.
 * Engines run one after the other, never at the same time. An engine that fails is reported in one
 * line and skipped in this and later runs; the others still run.
 */
final class YcsbBenchmark {
  /**
   * What a benchmark produced: results in the order they were measured (each carries its run), each
   * failed engine's one-line error, and each engine's own description of its settings.
   */
  record Outcome(List<PhaseResult> results, Map<String, String> errors, Map<String, Map<String, Object>> engineSettings) {}

  private final YcsbConfig config;
  private final PrintWriter out;

  YcsbBenchmark(YcsbConfig config, PrintWriter out) {
    this.config = config;
    this.out = out;
  }

  Outcome run(Path root) throws InterruptedException {
    List<PhaseResult> results = new ArrayList<>();
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, Map<String, Object>> described = new LinkedHashMap<>();
    for (int run = 1; run <= config.runs(); run++) {
      for (String name : config.engineOrder(run)) {
        if (errors.containsKey(name)) {
          continue;
        }
        Path dir = root.resolve(config.runs() > 1 ? name + "-run" + run : name);
        String label = config.runs() > 1 ? name + " run " + run : name;
        out.printf("%n[%s] data in %s%n", label, dir);
        out.flush();
        try {
          prepareEmpty(dir);
          runEngine(name, run, label, dir, results, described);
        } catch (InterruptedException e) {
          throw e;
        } catch (RuntimeException | Error e) {
          String line = oneLine(e);
          errors.put(name, line);
          out.printf("[%s] FAILED, skipping this engine: %s%n", label, line);
          out.flush();
        } finally {
          if (config.dir() == null) {
            deleteRecursively(dir);
          }
        }
      }
    }
    return new Outcome(results, errors, described);
  }

  private void runEngine(String name, int run, String label, Path dir, List<PhaseResult> results,
      Map<String, Map<String, Object>> described) throws InterruptedException {
    try (BenchEngine engine = Engines.create(name)) {
      engine.open(dir, config.settings());
      described.putIfAbsent(name, engine.describe());
      out.printf("[%s] load: %,d records, %d thread(s)%n", label, config.records(), config.threads());
      PhaseResult load = PhaseRunner.run(engine, "load", run, "-",
          YcsbWorkloads.load(config.fieldCount(), config.fieldLength(), config.records()),
          PhaseRunner.Kind.LOAD, config.records(), config.threads(), progress(label, "records"));
      printRow(label, load);
      results.add(load);
      long records = config.records();
      for (String w : config.workloads()) {
        String dist = config.distributionFor(w);
        if (config.warmupOps() > 0) {
          PhaseResult warm = PhaseRunner.run(engine, w, run, dist,
              YcsbWorkloads.run(w, dist, config.fieldCount(), config.fieldLength(), records, config.warmupOps()),
              PhaseRunner.Kind.TRANSACTIONS, config.warmupOps(), config.threads(), progress(label + " warmup", "ops"));
          records += warm.inserted();
        }
        PhaseResult r = PhaseRunner.run(engine, w, run, dist,
            YcsbWorkloads.run(w, dist, config.fieldCount(), config.fieldLength(), records, config.operations()),
            PhaseRunner.Kind.TRANSACTIONS, config.operations(), config.threads(), progress(label, "ops"));
        records += r.inserted();
        printRow(label, r);
        results.add(r);
      }
      if (config.printStats()) {
        out.printf("[%s] engine statistics:%n%s%n", label, engine.statsReport());
      }
    }
  }

  private PhaseRunner.ProgressSink progress(String label, String unit) {
    return (phase, total, state) ->
        new ProgressReporter(out, label + " " + phase, unit, total, state, config.progressSeconds());
  }

  private void printRow(String label, PhaseResult r) {
    out.printf("[%s] %-4s %,12.0f ops/s  p50 %,9.1f us  p99 %,9.1f us  (%,d ops in %.1f s)%n",
        label, r.workload(), r.opsPerSec(), r.p50Us(), r.p99Us(), r.operations(), r.nanos() / 1e9);
    out.flush();
  }

  private static void prepareEmpty(Path dir) {
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          if (s.findAny().isPresent()) {
            throw new IllegalArgumentException("data directory " + dir + " is not empty; remove it or choose another --dir");
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dir, e);
    }
  }

}
