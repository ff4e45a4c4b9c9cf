package io.nokv.bench.sql;

import io.nokv.bench.ChildProcess;
import io.nokv.bench.LoopbackPorts;
import io.nokv.bench.PeersScript;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * PostgreSQL run by the repository's {@code scripts/peers.sh start-postgres --port PORT --dir DIR}
 * on a free loopback port (initdb on the empty DIR, durable settings, role and database nokv), and
 * stopped by {@code scripts/peers.sh stop-postgres --dir DIR}. The script prints the JDBC URL.
 */
final class PostgresServer implements DatabaseServer {
  static final String DRIVER = "org.postgresql.Driver";
  private static final int PORT_ATTEMPTS = 3;

  private final Path home;
  private final Path dir;
  private final Duration timeout;
  private final JdbcEndpoint endpoint;
  private boolean stopped;

  private PostgresServer(Path home, Path dir, Duration timeout, JdbcEndpoint endpoint) {
    this.home = home;
    this.dir = dir;
    this.timeout = timeout;
    this.endpoint = endpoint;
  }

  static PostgresServer start(Path home, Path dir, Duration timeout) throws InterruptedException {
    String target = SqlTarget.POSTGRES.label;
    for (int attempt = 1; ; attempt++) {
      int port = LoopbackPorts.free();
      ChildProcess.Result r;
      try {
        r = peers(target, home, timeout, "start-postgres", "--port", String.valueOf(port), "--dir", dir.toString());
      } catch (TargetUnavailableException e) {
        // A start that timed out may have left a server behind: stop whatever runs in DIR.
        try {
          new PostgresServer(home, dir, timeout, null).close();
        } catch (RuntimeException stopFailure) {
          e.addSuppressed(stopFailure);
        }
        throw e;
      }
      if (r.exitCode() == 0) {
        String url = r.stdout().isEmpty() ? "" : r.stdout().get(r.stdout().size() - 1).strip();
        if (!url.startsWith("jdbc:postgresql:")) {
          PostgresServer started = new PostgresServer(home, dir, timeout, null);
          started.close();
          throw new TargetUnavailableException(target, "scripts/peers.sh start-postgres printed no JDBC URL: " + tail(r));
        }
        return new PostgresServer(home, dir, timeout, new JdbcEndpoint(target, url, DRIVER, null, null));
      }
      if (r.exitCode() == PeersScript.EXIT_NOT_INSTALLED) {
        throw new TargetUnavailableException(target, "PostgreSQL is not installed; run scripts/peers.sh install ("
            + tail(r) + ")");
      }
      boolean portTaken = r.stderr().stream().anyMatch(l -> l.contains("already in use"));
      if (!portTaken || attempt == PORT_ATTEMPTS) {
        throw new TargetUnavailableException(target, "scripts/peers.sh start-postgres failed with exit code "
            + r.exitCode() + ": " + tail(r));
      }
    }
  }

  private static ChildProcess.Result peers(String target, Path home, Duration timeout, String... args)
      throws InterruptedException {
    try {
      return PeersScript.run(home, timeout, args);
    } catch (IOException e) {
      throw new TargetUnavailableException(target, "cannot run scripts/peers.sh " + String.join(" ", args), e);
    } catch (TimeoutException e) {
      throw new TargetUnavailableException(target, e.getMessage());
    }
  }

  private static String tail(ChildProcess.Result r) {
    return PeersScript.tail(r);
  }

  @Override
  public JdbcEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public String description() {
    return "PostgreSQL in " + dir + ", " + endpoint.safeUrl();
  }

  /** Stops the cluster with {@code scripts/peers.sh stop-postgres}; throws if that fails. */
  @Override
  public void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    String target = SqlTarget.POSTGRES.label;
    ChildProcess.Result r;
    try {
      r = peers(target, home, timeout, "stop-postgres", "--dir", dir.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping PostgreSQL in " + dir, e);
    }
    if (r.exitCode() != 0) {
      throw new IllegalStateException("scripts/peers.sh stop-postgres --dir " + dir + " failed with exit code "
          + r.exitCode() + ": " + tail(r));
    }
  }
}
