package io.nokv.bench.sql;

import com.zaxxer.hikari.HikariDataSource;
import io.nokv.bench.BenchSupport;
import io.nokv.bench.ShutdownCleanup;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link SqlBenchConfig}: for each run, each target in the run's order ({@link
 * SqlBenchConfig#order}) is started on a fresh temporary directory, given the table and its rows,
 * measured on each workload in turn (an unmeasured warmup, then the measurement), and stopped before
 * the next target starts, so only the measured database runs. With {@code --profile-nokv}, NoKV's
 * directory is then opened in-process for the embedded point select ({@link EmbeddedNokvProfile}).
 *
 * <p>Failures: without {@code --keep-going} the first failure ends the benchmark (what was measured
 * until then is still returned). With it, a target that cannot be started or loaded is skipped from
 * then on, a workload that fails is skipped on that target from then on, and statements that fail are
 * counted, not fatal. Every server is stopped and every directory deleted, also on Ctrl-C ({@link
 * ShutdownCleanup}).
 */
final class SqlBenchmark {
  /** A started target: which, in which run, its URL, what it says it is, how long it took to start. */
  record Server(int run, String system, String url, String product, long startNanos) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("run", run);
      m.put("system", system);
      m.put("url", url);
      m.put("product", product);
      m.put("start_ms", startNanos / 1e6);
      return m;
    }
  }

  /** A load: which target, in which run, how many rows, how long. */
  record Load(int run, String system, int rows, long nanos) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("run", run);
      m.put("system", system);
      m.put("rows", rows);
      m.put("duration_ms", nanos / 1e6);
      m.put("rows_per_sec", nanos == 0 ? 0 : rows * 1e9 / nanos);
      return m;
    }
  }

  /** A failure: of a target (workload null) or of one workload on it. */
  record Failure(int run, String system, String workload, String message) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("run", run);
      m.put("system", system);
      m.put("workload", workload);
      m.put("message", message);
      return m;
    }
  }

  /** Everything measured, and whether a failure ended the benchmark early ({@code aborted}). */
  record Outcome(List<SqlMeasurement> results, List<Server> servers, List<Load> loads, List<Failure> failures,
      List<String> notes, boolean aborted) {}

  private final SqlBenchConfig config;
  private final ServerFactory factory;
  private final PrintWriter out;
  private final List<SqlMeasurement> results = new ArrayList<>();
  private final List<Server> servers = new ArrayList<>();
  private final List<Load> loads = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Set<SqlTarget> failedTargets = new LinkedHashSet<>();
  private final Set<String> failedWorkloads = new LinkedHashSet<>();

  SqlBenchmark(SqlBenchConfig config, ServerFactory factory, PrintWriter out) {
    this.config = config;
    this.factory = factory;
    this.out = out;
  }

  Outcome run() throws InterruptedException {
    if (config.profileNokv() && config.has(SqlTarget.NOKV) && !EmbeddedNokvProfile.available()) {
      note("--profile-nokv: skipped, " + EmbeddedNokvProfile.DRIVER + " (module sql) is not on the classpath");
    }
    try (ShutdownCleanup cleanup = new ShutdownCleanup("nokv-bench-sql", System.err)) {
      for (int run = 1; run <= config.runs(); run++) {
        for (SqlTarget t : config.order(run)) {
          if (failedTargets.contains(t)) {
            continue;
          }
          try {
            runTarget(cleanup, run, t);
          } catch (SqlBenchException e) {
            fail(run, t.label, null, e);
            if (!config.keepGoing()) {
              return outcome(true);
            }
            failedTargets.add(t);
            line(run, t.label, null, "skipping " + t.label + " from now on (--keep-going)");
          }
        }
      }
    }
    return outcome(false);
  }

  private Outcome outcome(boolean aborted) {
    return new Outcome(List.copyOf(results), List.copyOf(servers), List.copyOf(loads), List.copyOf(failures),
        List.copyOf(notes), aborted);
  }

  /** One target in one run: start, load, measure each workload, stop; then the profile; then delete. */
  @SuppressWarnings("try") // The cleanup actions are closed, never referenced, in their try blocks.
  private void runTarget(ShutdownCleanup cleanup, int run, SqlTarget t) throws InterruptedException {
    Path dir = tempDir(t);
    try (ShutdownCleanup.Action deleteDir = cleanup.add("delete " + dir, () -> BenchSupport.deleteRecursively(dir))) {
      long t0 = System.nanoTime();
      DatabaseServer server = factory.start(t, dir);
      try (ShutdownCleanup.Action stop = cleanup.add("stop " + t.label, server::close)) {
        long startNanos = System.nanoTime() - t0;
        try (HikariDataSource ds = server.endpoint().openPool(config.threads())) {
          String product = product(ds);
          servers.add(new Server(run, t.label, server.endpoint().safeUrl(), product, startNanos));
          line(run, t.label, null, String.format("started in %.1f s: %s (%s)", startNanos / 1e9, server.description(), product));
          load(ds, run, t.label);
          WorkloadRunner runner = new WorkloadRunner(t.label, ds, config.threads(), config.rows(), config.keepGoing(), seed(run));
          settle(runner, run, t.label);
          for (SqlWorkload w : config.workloads()) {
            measure(runner, run, t.label, w);
          }
        }
      }
      if (t == SqlTarget.NOKV && config.profileNokv() && EmbeddedNokvProfile.available()) {
        measureEmbedded(run, dir);
      }
    }
  }

  private void load(HikariDataSource ds, int run, String system) throws InterruptedException {
    long t0 = System.nanoTime();
    BenchTable.create(ds, system);
    BenchTable.load(ds, system, config.rows(), config.threads());
    long nanos = System.nanoTime() - t0;
    loads.add(new Load(run, system, config.rows(), nanos));
    line(run, system, null, String.format("loaded %,d rows in %.1f s (%,.0f rows/s, batches of %d rows per transaction)",
        config.rows(), nanos / 1e9, config.rows() * 1e9 / Math.max(1, nanos), SqlBenchConfig.LOAD_BATCH));
  }

  /**
   * After the load, point selects run unmeasured for {@value SqlBenchConfig#SETTLE_SECONDS} s (only when
   * warmups are on): a fresh server's JIT is cold and the load leaves flushes and compactions
   * behind, which would otherwise land on whichever workload is measured first.
   */
  private void settle(WorkloadRunner runner, int run, String system) throws InterruptedException {
    if (config.warmupSeconds() > 0 && config.workloads().contains(SqlWorkload.POINT_SELECT)) {
      runner.measure(SqlWorkload.POINT_SELECT, run, WorkloadRunner.seconds(SqlBenchConfig.SETTLE_SECONDS));
    }
  }

  /** Warmup and measurement of one workload; a failure is fatal or (--keep-going) skips the workload from now on. */
  private void measure(WorkloadRunner runner, int run, String system, SqlWorkload w) throws InterruptedException {
    String key = system + "/" + w.label;
    if (failedWorkloads.contains(key)) {
      return;
    }
    try {
      if (config.warmupSeconds() > 0) {
        runner.measure(w, run, WorkloadRunner.seconds(config.warmupSeconds()));
      }
      SqlMeasurement m = runner.measure(w, run, WorkloadRunner.seconds(config.durationSeconds()));
      results.add(m);
      line(run, system, w.label, SqlReport.row(m));
    } catch (WorkloadFailedException e) {
      if (!config.keepGoing()) {
        throw e;
      }
      fail(run, system, w.label, e);
      failedWorkloads.add(key);
      line(run, system, w.label, "skipping " + w.label + " on " + system + " from now on (--keep-going)");
    }
  }

  /** --profile-nokv: the point select through jdbc:nokv:file:DIR in this JVM, on the stopped server's data. */
  private void measureEmbedded(int run, Path dir) throws InterruptedException {
    String system = SqlTarget.NOKV_EMBEDDED;
    try (HikariDataSource ds = EmbeddedNokvProfile.endpoint(dir).openPool(config.threads())) {
      line(run, system, null, "opened " + EmbeddedNokvProfile.endpoint(dir).url() + " in this JVM (--profile-nokv)");
      WorkloadRunner runner = new WorkloadRunner(system, ds, config.threads(), config.rows(), config.keepGoing(), seed(run));
      measure(runner, run, system, SqlWorkload.POINT_SELECT);
    } catch (TargetUnavailableException e) {
      if (!config.keepGoing()) {
        throw e;
      }
      fail(run, system, null, e);
    }
  }

  private static String product(HikariDataSource ds) {
    try (Connection c = ds.getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      return md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
    } catch (SQLException e) {
      return "product unknown: " + WorkloadFailedException.firstLine(e.getMessage());
    }
  }

  private static Path tempDir(SqlTarget t) {
    try {
      return Files.createTempDirectory("nokv-bench-sql-" + t.label + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for " + t.label, e);
    }
  }

  /** The workers' seed sequence of a run: the same for every target of the run. */
  private static long seed(int run) {
    return 20261125L + run;
  }

  private void fail(int run, String system, String workload, SqlBenchException e) {
    String message = oneLine(e);
    failures.add(new Failure(run, system, workload, message));
    line(run, system, workload, "FAILED: " + message);
  }

  /** The exception's message (it names the target), plus its root cause when that adds something. */
  static String oneLine(SqlBenchException e) {
    return BenchSupport.messageLine(e);
  }

  private void note(String note) {
    notes.add(note);
    out.println(note);
    out.flush();
  }

  private void line(int run, String system, String workload, String text) {
    out.printf("[run %d, %s%s] %s%n", run, system, workload == null ? "" : ", " + workload, text);
    out.flush();
  }
}
