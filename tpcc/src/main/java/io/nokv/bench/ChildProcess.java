package io.nokv.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A process the benchmark started: its stdout and stderr are drained by two daemon threads into
 * the last {@value #TAIL_LINES} (or more, if asked) lines of each (so the child never blocks on a full pipe, and a
 * failure can quote what it said); {@link #awaitLine} waits for a stdout line that matches. Closing
 * it stops the process: SIGTERM, a grace period, then SIGKILL. Its owner registers that with a
 * {@link ShutdownCleanup} so that it also happens when the JVM is stopped (Ctrl-C).
 */
public final class ChildProcess implements AutoCloseable {
  /** How many of the last lines of each stream are kept unless the caller asks for more. */
  public static final int TAIL_LINES = 20;
  private static final Duration GRACE = Duration.ofSeconds(15);

  private final String name;
  private final List<String> command;
  private final Process process;
  private final Tail stdout;
  private final Tail stderr;
  private volatile Predicate<String> awaited;
  private volatile CompletableFuture<String> match;

  private ChildProcess(String name, List<String> command, Process process, int tailLines) {
    this.name = name;
    this.command = List.copyOf(command);
    this.process = process;
    this.stdout = new Tail(tailLines);
    this.stderr = new Tail(tailLines);
    drain(process.getInputStream(), stdout, true);
    drain(process.getErrorStream(), stderr, false);
  }

  /**
   * Starts {@code command} in {@code workDir} with the environment changed by {@code env} (a null
   * value removes the variable). {@code name} names the process in messages.
   */
  public static ChildProcess start(String name, List<String> command, Path workDir, Map<String, String> env)
      throws IOException {
    return start(name, command, workDir, env, TAIL_LINES);
  }

  /** {@link #start(String, List, Path, Map)} keeping the last {@code tailLines} lines of each stream. */
  public static ChildProcess start(String name, List<String> command, Path workDir, Map<String, String> env,
      int tailLines) throws IOException {
    if (tailLines < 1) {
      throw new IllegalArgumentException("tailLines must be positive, got " + tailLines);
    }
    ProcessBuilder pb = new ProcessBuilder(command);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    env.forEach((k, v) -> {
      if (v == null) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return new ChildProcess(name, command, pb.start(), tailLines);
  }

  /** What a process that ran to its end printed and returned. */
  public record Result(int exitCode, List<String> stdout, List<String> stderr) {}

  /**
   * Runs {@code command} to its end, at most {@code timeout} (then kills it and throws {@link
   * TimeoutException}); returns its exit code and the tails of its output.
   */
  public static Result run(String name, List<String> command, Path workDir, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    try (ChildProcess p = start(name, command, workDir, env)) {
      return p.awaitExit(timeout);
    }
  }

  /**
   * Waits for the process to end, at most {@code timeout}, and returns its exit code and the tails
   * of its output. Throws {@link TimeoutException} when it still runs (it is left running: the
   * owner closes it).
   */
  public Result awaitExit(Duration timeout) throws InterruptedException, TimeoutException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new TimeoutException(name + " did not finish within " + timeout.toSeconds() + " s: " + commandLine());
    }
    joinOutput();
    return new Result(process.exitValue(), stdout.lines(), stderr.lines());
  }

  /**
   * Waits until stdout prints a line {@code ready} accepts and returns it. Throws {@link
   * IllegalStateException} when the process exits first, {@link TimeoutException} after {@code timeout}.
   */
  public String awaitLine(Predicate<String> ready, Duration timeout) throws InterruptedException, TimeoutException {
    synchronized (stdout) {
      match = new CompletableFuture<>();
      awaited = ready;
      for (String line : stdout.lines()) {
        if (ready.test(line)) {
          return line;
        }
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return match.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (!process.isAlive()) {
          joinOutput();
          if (match.isDone()) {
            continue;
          }
          throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before it was ready");
        }
        if (System.nanoTime() - deadline >= 0) {
          throw new TimeoutException(name + " printed no ready line within " + timeout.toSeconds() + " s");
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public String commandLine() {
    return String.join(" ", command);
  }

  /** The last lines of stderr (or, when stderr said nothing, of stdout), joined with " | ". */
  public String outputTail() {
    List<String> lines = stderr.lines();
    if (lines.isEmpty()) {
      lines = stdout.lines();
    }
    return lines.isEmpty() ? "(no output)" : String.join(" | ", lines);
  }

  /** SIGTERM, up to {@link #GRACE} for the process to exit, then SIGKILL. Idempotent. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private final Thread[] drainers = new Thread[2];

  private void drain(InputStream in, Tail tail, boolean isStdout) {
    Thread t = Thread.ofPlatform().daemon().name("bench-" + name + (isStdout ? "-out" : "-err")).start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (isStdout) {
            synchronized (stdout) {
              tail.add(line);
              Predicate<String> p = awaited;
              if (p != null && p.test(line)) {
                match.complete(line);
              }
            }
          } else {
            tail.add(line);
          }
        }
      } catch (IOException e) {
        // The stream closes when the process dies (or when we kill it): nothing more to read.
        tail.add("(" + name + " output ended: " + e.getMessage() + ")");
      }
    });
    drainers[isStdout ? 0 : 1] = t;
  }

  /** Waits (briefly) for both streams to be read to their end after the process exited. */
  private void joinOutput() throws InterruptedException {
    for (Thread t : drainers) {
      if (t != null) {
        t.join(2_000);
      }
    }
  }

  /** The last lines of a stream, at most {@code capacity}. */
  private static final class Tail {
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final int capacity;

    Tail(int capacity) {
      this.capacity = capacity;
    }

    synchronized void add(String line) {
      if (lines.size() == capacity) {
        lines.removeFirst();
      }
      lines.addLast(line);
    }

    synchronized List<String> lines() {
      return List.copyOf(lines);
    }
  }
}
