package io.nokv.bench.resp;

import io.nokv.bench.ChildProcess;
import io.nokv.bench.LoopbackPorts;
import io.nokv.bench.NokvServerProcess.Address;
import io.nokv.bench.PeersScript;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A Redis server run by the repository's {@code scripts/peers.sh start-redis --port PORT [--aof-always]
 * --dir DIR} on a free loopback port (daemonized; pid file, log and append-only file in DIR), and
 * stopped by {@code scripts/peers.sh stop-redis --port PORT} (SHUTDOWN NOSAVE). The script prints
 * {@code redis://127.0.0.1:PORT} once the server answers PING.
 */
final class RedisServer implements RespServer {
  private static final int PORT_ATTEMPTS = 3;

  private final RespTarget target;
  private final Path home;
  private final Path dir;
  private final int port;
  private final Duration timeout;
  private boolean stopped;

  private RedisServer(RespTarget target, Path home, Path dir, int port, Duration timeout) {
    this.target = target;
    this.home = home;
    this.dir = dir;
    this.port = port;
    this.timeout = timeout;
  }

  /** Starts {@code target} (redis or redis-aof); a port another process took meanwhile is retried. */
  static RedisServer start(RespTarget target, Path home, Path dir, Duration timeout) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      int port = LoopbackPorts.free();
      RedisServer server = new RedisServer(target, home, dir, port, timeout);
      List<String> args = new ArrayList<>(List.of("start-redis", "--port", String.valueOf(port)));
      if (target == RespTarget.REDIS_AOF) {
        args.add("--aof-always");
      }
      args.addAll(List.of("--dir", dir.toString()));
      ChildProcess.Result r;
      try {
        r = server.peers(args.toArray(String[]::new));
      } catch (RespBenchException e) {
        server.stopQuietly(e); // a start that timed out may have left a server behind
        throw e;
      }
      if (r.exitCode() == 0) {
        String url = r.stdout().isEmpty() ? "" : r.stdout().get(r.stdout().size() - 1).strip();
        if (!url.equals("redis://127.0.0.1:" + port)) {
          RespBenchException e = unavailable(target, "scripts/peers.sh start-redis printed '" + url + "', not redis://127.0.0.1:"
              + port + ": " + PeersScript.tail(r), null);
          server.stopQuietly(e);
          throw e;
        }
        return server;
      }
      if (r.exitCode() == PeersScript.EXIT_NOT_INSTALLED) {
        throw unavailable(target, "Redis is not installed; run scripts/peers.sh install (" + PeersScript.tail(r) + ")", null);
      }
      boolean portTaken = r.stderr().stream().anyMatch(l -> l.contains("already in use") || l.contains("already answers"));
      if (!portTaken || attempt == PORT_ATTEMPTS) {
        throw unavailable(target, "scripts/peers.sh start-redis failed with exit code " + r.exitCode() + ": "
            + PeersScript.tail(r), null);
      }
    }
  }

  private ChildProcess.Result peers(String... args) throws InterruptedException {
    try {
      return PeersScript.run(home, timeout, args);
    } catch (IOException e) {
      throw unavailable(target, "cannot run scripts/peers.sh " + String.join(" ", args), e);
    } catch (TimeoutException e) {
      throw unavailable(target, e.getMessage(), null);
    }
  }

  private static RespBenchException unavailable(RespTarget target, String message, Throwable cause) {
    return new RespBenchException.TargetUnavailable(target, message, cause);
  }

  private void stopQuietly(RuntimeException failure) {
    try {
      close();
    } catch (RuntimeException stopFailure) {
      failure.addSuppressed(stopFailure);
    }
  }

  @Override
  public Address address() {
    return new Address("127.0.0.1", port);
  }

  @Override
  public String description() {
    return target.product + " on 127.0.0.1:" + port + ", files in " + dir;
  }

  /** Stops the server with {@code scripts/peers.sh stop-redis}; throws if that fails. Idempotent. */
  @Override
  public void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    ChildProcess.Result r;
    try {
      r = peers("stop-redis", "--port", String.valueOf(port));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping Redis on 127.0.0.1:" + port, e);
    }
    if (r.exitCode() != 0) {
      throw new IllegalStateException("scripts/peers.sh stop-redis --port " + port + " failed with exit code "
          + r.exitCode() + ": " + PeersScript.tail(r));
    }
  }
}
