package io.nokv.bench.resp;

import io.nokv.bench.BenchSupport;
import io.nokv.bench.NokvServerProcess.Address;
import io.nokv.bench.ShutdownCleanup;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link RespBenchConfig}: for each run, each target in the run's order ({@link
 * RespBenchConfig#order}) is started on a fresh temporary directory, given every test at every
 * pipeline depth (depths in order, tests in order within a depth; each test one redis-benchmark run,
 * with {@code INFO commandstats} asked before and after it), and stopped before the next target
 * starts, so only the measured server runs.
 *
 * <p>Failures: without {@code --keep-going} the first failure ends the benchmark (what was measured
 * until then is still returned). With it, a target that cannot be started or reached is skipped from
 * then on, and a test that fails is skipped on that target at that depth from then on. A target
 * that does not answer {@code INFO commandstats} only loses its profile. Every server and
 * redis-benchmark process is stopped and every directory deleted, also on Ctrl-C ({@link
 * ShutdownCleanup}).
 */
final class RespBenchmark {
  /** How long {@code INFO commandstats} may take. */
  static final Duration INFO_TIMEOUT = Duration.ofSeconds(10);

  /** A started target: in which run, its address, what it is, how long it took to start. */
  record Server(int run, RespTarget target, String address, String description, long startNanos) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("run", run);
      m.put("target", target.label);
      m.put("address", address);
      m.put("description", description);
      m.put("start_ms", startNanos / 1e6);
      return m;
    }
  }

  /** A failure: of a target (test null) or of one test at one depth on it. */
  record Failure(int run, RespTarget target, RespTest test, int pipeline, String message) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("run", run);
      m.put("target", target.label);
      m.put("test", test == null ? null : test.label);
      m.put("pipeline", test == null ? null : pipeline);
      m.put("message", message);
      return m;
    }
  }

  /** Everything measured, and whether a failure ended the benchmark early ({@code aborted}). */
  record Outcome(List<RespMeasurement> results, List<Server> servers, List<Failure> failures, List<String> notes,
      boolean aborted) {}

  private final RespBenchConfig config;
  private final RespServer.Factory factory;
  private final PrintWriter progress;
  private final List<RespMeasurement> results = new ArrayList<>();
  private final List<Server> servers = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Set<RespTarget> failedTargets = new LinkedHashSet<>();
  private final Set<String> failedTests = new LinkedHashSet<>();
  private final Set<String> noted = new LinkedHashSet<>();
  /** Whether to ask the current target for INFO commandstats: until it fails once in a run. */
  private boolean askInfo;

  RespBenchmark(RespBenchConfig config, RespServer.Factory factory, PrintWriter progress) {
    this.config = config;
    this.factory = factory;
    this.progress = progress;
  }

  Outcome run() throws InterruptedException {
    int get = config.tests().indexOf(RespTest.GET);
    int set = config.tests().indexOf(RespTest.SET);
    if (get >= 0 && (set < 0 || set > get)) {
      note("get comes before set in --tests: on each fresh server the first GET reads keys that do not exist yet");
    }
    try (ShutdownCleanup cleanup = new ShutdownCleanup("nokv-bench-resp", System.err)) {
      for (int run = 1; run <= config.runs(); run++) {
        for (RespTarget t : config.order(run)) {
          if (failedTargets.contains(t)) {
            continue;
          }
          try {
            runTarget(cleanup, run, t);
          } catch (RespBenchException e) {
            fail(run, t, null, 0, e);
            if (!config.keepGoing()) {
              return outcome(true);
            }
            failedTargets.add(t);
            line(run, t, null, 0, "skipping " + t.label + " from now on (--keep-going)");
          }
        }
      }
    }
    return outcome(false);
  }

  private Outcome outcome(boolean aborted) {
    return new Outcome(List.copyOf(results), List.copyOf(servers), List.copyOf(failures), List.copyOf(notes), aborted);
  }

  /** One target in one run: start, every depth and test, stop, delete its directory. */
  @SuppressWarnings("try") // The cleanup actions are closed, never referenced, in their try blocks.
  private void runTarget(ShutdownCleanup cleanup, int run, RespTarget t) throws InterruptedException {
    Path dir = tempDir(t);
    try (ShutdownCleanup.Action deleteDir = cleanup.add("delete " + dir, () -> BenchSupport.deleteRecursively(dir))) {
      long t0 = System.nanoTime();
      RespServer server = factory.start(t, dir);
      try (ShutdownCleanup.Action stop = cleanup.add("stop " + t.label, server::close)) {
        long startNanos = System.nanoTime() - t0;
        servers.add(new Server(run, t, server.address().toString(), server.description(), startNanos));
        line(run, t, null, 0, String.format("started in %.1f s: %s", startNanos / 1e9, server.description()));
        askInfo = true;
        for (int pipeline : config.pipelines()) {
          for (RespTest test : config.tests()) {
            measure(cleanup, run, t, server.address(), pipeline, test);
          }
        }
      }
    }
  }

  /** One test at one depth; a failure is fatal or (--keep-going) skips the test at that depth from now on. */
  private void measure(ShutdownCleanup cleanup, int run, RespTarget t, Address a, int pipeline, RespTest test)
      throws InterruptedException {
    String key = t.label + "/" + pipeline + "/" + test.label;
    if (failedTests.contains(key)) {
      return;
    }
    Snapshot before = askInfo ? snapshot(t, a) : Snapshot.SKIPPED;
    List<String> command = RedisBenchmark.command(config, a, test, pipeline);
    long t0 = System.nanoTime();
    RedisBenchmark.Figures f;
    try {
      f = RedisBenchmark.run(cleanup, t, test, pipeline, command, Duration.ofSeconds(config.testTimeoutSeconds()));
    } catch (RespBenchException.TestFailed e) {
      if (!config.keepGoing()) {
        throw e;
      }
      fail(run, t, test, pipeline, e);
      failedTests.add(key);
      line(run, t, test, pipeline, "skipping " + test.label + " -P " + pipeline + " on " + t.label
          + " from now on (--keep-going)");
      return;
    }
    long wall = System.nanoTime() - t0;
    Snapshot after = before.ok() ? snapshot(t, a) : before;
    CommandStats.ServerTime server = null;
    String note;
    if (!after.ok()) {
      note = after.error();
      if (after != Snapshot.SKIPPED) {
        askInfo = false; // it will not answer better for the next test of this run
        if (noted.add(t.label + ": " + note)) {
          note(t.label + ": profile unavailable: " + note);
        }
      }
    } else {
      server = CommandStats.delta(before.stats(), after.stats(), test.label);
      note = server == null || server.calls() == 0
          ? "INFO commandstats counted no calls of " + test.label + " (cmdstat_" + test.label + ")" : null;
      if (note != null) {
        server = null;
        if (noted.add(t.label + "/" + test.label)) {
          note(t.label + ": profile unavailable for " + test.label + ": " + note);
        }
      }
    }
    RespMeasurement m = new RespMeasurement(run, t, pipeline, test, config.requests(pipeline), f, wall,
        String.join(" ", command), server, note);
    results.add(m);
    line(run, t, test, pipeline, RespReport.row(m));
  }

  /** An INFO commandstats snapshot, or the reason there is none ({@code error}). */
  record Snapshot(Map<String, CommandStats.Stat> stats, String error) {
    /** Not asked: INFO commandstats failed before in this run on this target. */
    static final Snapshot SKIPPED = new Snapshot(null, "INFO commandstats failed earlier in this run");

    boolean ok() {
      return stats != null;
    }
  }

  /**
   * {@code INFO commandstats} of the target. A refused connection means the server is gone: {@link
   * RespBenchException.TargetUnavailable} (redis-benchmark would spin forever on it). Any other
   * problem (an error reply, a timeout) only makes the profile unavailable.
   */
  private static Snapshot snapshot(RespTarget t, Address a) {
    try {
      return new Snapshot(CommandStats.parse(RespClient.call(a.bareHost(), a.port(), INFO_TIMEOUT, "INFO", "commandstats")),
          null);
    } catch (ConnectException e) {
      throw new RespBenchException.TargetUnavailable(t, "no longer accepts connections at " + a + ": " + e.getMessage(), e);
    } catch (RespClient.ErrorReply e) {
      return new Snapshot(null, "INFO commandstats answered with an error: " + e.getMessage());
    } catch (IOException e) {
      return new Snapshot(null, "INFO commandstats failed: " + BenchSupport.oneLine(e));
    }
  }

  private static Path tempDir(RespTarget t) {
    try {
      return Files.createTempDirectory("nokv-bench-resp-" + t.label + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for " + t.label, e);
    }
  }

  private void fail(int run, RespTarget t, RespTest test, int pipeline, RespBenchException e) {
    String message = BenchSupport.messageLine(e);
    failures.add(new Failure(run, t, test, pipeline, message));
    line(run, t, test, pipeline, "FAILED: " + message);
  }

  private void note(String note) {
    notes.add(note);
    progress.println("note: " + note);
    progress.flush();
  }

  private void line(int run, RespTarget t, RespTest test, int pipeline, String text) {
    progress.printf("[run %d/%d, %s%s] %s%n", run, config.runs(), t.label,
        test == null ? "" : ", -P " + pipeline + ", " + test.label, text);
    progress.flush();
  }
}
