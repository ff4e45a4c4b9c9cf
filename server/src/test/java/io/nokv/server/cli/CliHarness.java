package io.nokv.server.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Runs the {@code nokv} command line in this JVM the way {@code NokvMain.main} does, with {@code
 * server} serving the given database and stopped on request, and {@code sql} writing to buffers.
 */
final class CliHarness {
  /** Stop requests a test makes by calling {@link #request()}. */
  static final class ManualStop implements StopRequests {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    void request() {
      requested.countDown();
    }

    boolean isClosed() {
      return closed.getCount() == 0;
    }

    @Override
    public void awaitStopRequest() throws InterruptedException {
      requested.await();
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }

  /** One finished (or running) command: exit code and what it printed. */
  static final class Run {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    /** What sqlline wrote (its own streams). */
    final ByteArrayOutputStream sqlOut = new ByteArrayOutputStream();
    final ByteArrayOutputStream sqlErr = new ByteArrayOutputStream();
    /** What {@code sql} reads as its standard input. */
    byte[] stdin = new byte[0];
    /** The exit code, once finished. */
    volatile int code = -1;

    String out() {
      return out.toString();
    }

    String err() {
      return err.toString();
    }

    String sqlOut() {
      return sqlOut.toString(StandardCharsets.UTF_8);
    }

    String sqlErr() {
      return sqlErr.toString(StandardCharsets.UTF_8);
    }
  }

  private final ServedDatabase.Opener opener;
  private final Function<String, String> environment;
  final ManualStop stop = new ManualStop();

  CliHarness(ServedDatabase.Opener opener) {
    this(opener, name -> null);
  }

  /** With {@code environment} as what {@code server} reads from the environment (NOKV_REQUIREPASS). */
  CliHarness(ServedDatabase.Opener opener, Function<String, String> environment) {
    this.opener = opener;
    this.environment = environment;
  }

  /** Runs {@code args} to completion on this thread; returns the exit code in {@code run}. */
  int run(Run run, String... args) {
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == ServerCommand.class) {
          return cls.cast(new ServerCommand(opener, () -> stop, environment));
        }
        if (cls == SqlCommand.class) {
          return cls.cast(new SqlCommand(new ByteArrayInputStream(run.stdin), run.sqlOut, run.sqlErr, false));
        }
        return CommandLine.defaultFactory().create(cls);
      }
    };
    run.code = NokvMain.run(
        args, List.of(), new PrintWriter(run.out, true), new PrintWriter(run.err, true), false, factory);
    return run.code;
  }

  /** Starts {@code args} on another thread (for {@code server}, which runs until stopped). */
  Future<Integer> start(ExecutorService executor, Run run, String... args) {
    return executor.submit(() -> run(run, args));
  }

  static ExecutorService newExecutor() {
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "cli-under-test");
      t.setDaemon(true);
      return t;
    });
  }
}
