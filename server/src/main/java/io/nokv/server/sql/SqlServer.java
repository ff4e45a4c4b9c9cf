package io.nokv.server.sql;

import io.nokv.server.HostPort;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL endpoint of a NoKV server: Avatica's HTTP server speaking its protobuf protocol (what
 * {@code jdbc:nokv://host:port} and {@code jdbc:avatica:remote:...;serialization=protobuf} talk)
 * over a {@link LocalService} and an {@link ExpiringJdbcMeta} for one JDBC URL.
 *
 * <p>Each client connection is one JDBC connection to that URL on the server, closed when the
 * client closes it, when it has been idle for {@link SqlServerConfig#connectionIdleTimeout()}
 * (checked by a reaper thread, see {@link ExpiringJdbcMeta}), or when the server stops.
 *
 * <p>{@link #start} binds {@link SqlServerConfig#host()} (Avatica's builder has no bind address:
 * a Jetty server customizer sets it on the connector) and returns once it listens; {@link #port()}
 * is the bound port. {@link #close} stops accepting requests, then closes every database
 * connection, so that the caller may then close the database.
 */
public final class SqlServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqlServer.class);

  private final SqlServerConfig config;
  private final HttpServer http;
  private final ExpiringJdbcMeta meta;
  private final ScheduledExecutorService reaper;
  private final int port;
  private boolean closed;

  private SqlServer(SqlServerConfig config, HttpServer http, ExpiringJdbcMeta meta, ScheduledExecutorService reaper) {
    this.config = config;
    this.http = http;
    this.meta = meta;
    this.reaper = reaper;
    this.port = http.getPort();
  }

  /**
   * Starts serving {@code config.jdbcUrl()} on {@code config.host():config.port()}.
   *
   * @throws AddressInUseException when something else listens there
   * @throws SqlServerException when the server cannot start for another reason
   */
  public static SqlServer start(SqlServerConfig config) {
    String address = HostPort.format(config.host(), config.port());
    ExpiringJdbcMeta meta;
    try {
      meta = new ExpiringJdbcMeta(
          config.jdbcUrl(), config.jdbcProperties(), config.connectionIdleTimeout(), config.statementIdleTimeout());
    } catch (SQLException e) {
      throw new SqlServerException("cannot serve " + config.jdbcUrl() + ": " + e.getMessage(), e);
    }
    ServerCustomizer<Server> bindAddress = server -> {
      for (Connector c : server.getConnectors()) {
        if (c instanceof ServerConnector sc) {
          sc.setHost(config.host());
        }
      }
    };
    HttpServer http = new HttpServer.Builder<Server>()
        .withHandler(SqlStateService.wrap(new LocalService(meta)), Serialization.PROTOBUF)
        .withPort(config.port())
        .withServerCustomizers(List.of(bindAddress), Server.class)
        .build();
    try {
      http.start();
    } catch (RuntimeException e) {
      SqlServerException failure = startFailure(address, e);
      try {
        http.stop(); // Jetty has started its thread pool; a failed start leaves it running
      } catch (RuntimeException stopping) {
        failure.addSuppressed(stopping);
      }
      throw failure;
    }
    ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "nokv-sql-idle-reaper");
      t.setDaemon(true);
      return t;
    });
    long period = reaperPeriod(config).toMillis();
    reaper.scheduleWithFixedDelay(() -> evictExpired(meta), period, period, TimeUnit.MILLISECONDS);
    SqlServer server = new SqlServer(config, http, meta, reaper);
    LOG.info("SQL server listening on {} for {}", server.hostAndPort(), config.jdbcUrl());
    return server;
  }

  /** How often the reaper runs: a quarter of the shorter idle timeout, from 10 ms to 1 minute. */
  static Duration reaperPeriod(SqlServerConfig config) {
    Duration shorter = config.connectionIdleTimeout().compareTo(config.statementIdleTimeout()) < 0
        ? config.connectionIdleTimeout() : config.statementIdleTimeout();
    Duration quarter = shorter.dividedBy(4);
    Duration min = Duration.ofMillis(10);
    Duration max = Duration.ofMinutes(1);
    return quarter.compareTo(min) < 0 ? min : quarter.compareTo(max) > 0 ? max : quarter;
  }

  private static void evictExpired(ExpiringJdbcMeta meta) {
    try {
      meta.evictExpired();
    } catch (RuntimeException e) {
      // Logged, not rethrown: an exception would cancel the schedule and stop all later evictions.
      LOG.warn("closing idle SQL connections failed; will retry", e);
    }
  }

  private static SqlServerException startFailure(String address, RuntimeException e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof BindException bind) {
        String m = bind.getMessage() == null ? "" : bind.getMessage();
        if (m.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
          return new AddressInUseException(address, e);
        }
        return new SqlServerException("cannot listen on " + address + ": " + m, e);
      }
      if (c instanceof UnresolvedAddressException) {
        return new SqlServerException("cannot listen on " + address + ": unknown host", e);
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new SqlServerException("cannot start the SQL server on " + address + ": " + root, e);
  }

  public String host() {
    return config.host();
  }

  /** The port the server listens on (the chosen one when the configuration said 0). */
  public int port() {
    return port;
  }

  /** {@code host:port} of the endpoint, e.g. {@code 127.0.0.1:8765}. */
  public String hostAndPort() {
    return HostPort.format(config.host(), port);
  }

  /** Client connections that currently hold a database connection. */
  public long openConnections() {
    return meta.openConnections();
  }

  /**
   * Stops accepting requests, stops the reaper and closes every database connection (rolling back
   * open transactions). Idempotent.
   *
   * @throws SqlServerException if stopping HTTP or closing connections failed (all steps are tried)
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    SqlServerException failure = null;
    reaper.shutdownNow();
    try {
      http.stop();
    } catch (RuntimeException e) {
      failure = new SqlServerException("stopping the SQL server on " + hostAndPort() + " failed", e);
    }
    try {
      reaper.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      meta.closeAll();
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = new SqlServerException("closing the SQL connections of " + hostAndPort() + " failed", e);
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    LOG.info("SQL server on {} stopped", hostAndPort());
  }
}
