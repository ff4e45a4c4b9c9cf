package io.nokv.bench.resp;

import io.nokv.bench.NokvServerProcess;
import io.nokv.bench.NokvServerProcess.Address;
import io.nokv.bench.ServerStartException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code nokv} target: a {@link NokvServerProcess} with its RESP gateway on a free port ({@code
 * --resp-port 0}), measured at the {@code resp=HOST:PORT} of its ready line.
 */
final class NokvRespServer implements RespServer {
  /** What the server gets after {@code --dir DIR --sql-port 0}. */
  static final List<String> EXTRA_ARGS = List.of("--resp-port", "0");

  private final NokvServerProcess process;

  private NokvRespServer(NokvServerProcess process) {
    this.process = process;
  }

  static NokvRespServer start(Path home, Path dir, String javaOpts, Duration timeout) throws InterruptedException {
    NokvServerProcess p;
    try {
      p = NokvServerProcess.start(home, dir, EXTRA_ARGS, javaOpts, timeout);
    } catch (ServerStartException e) {
      throw new RespBenchException.TargetUnavailable(RespTarget.NOKV, e.getMessage(), e.getCause());
    }
    if (p.resp() == null) {
      p.close();
      throw new RespBenchException.TargetUnavailable(RespTarget.NOKV, "the NoKV server's ready line names no"
          + " resp=HOST:PORT although it was started with --resp-port 0 (a build without the RESP gateway?) ("
          + p.commandLine() + ")", null);
    }
    return new NokvRespServer(p);
  }

  @Override
  public Address address() {
    return process.resp();
  }

  @Override
  public String description() {
    return "NoKV server pid " + process.pid() + ", RESP at " + process.resp() + ", SQL at " + process.sql();
  }

  @Override
  public void close() {
    process.close();
  }
}
