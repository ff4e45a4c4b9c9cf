package io.nokv.server.sql;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * What {@link SqlServer} serves and where.
 *
 * @param jdbcUrl the database behind the endpoint: every client connection opens one connection
 *     to this URL with {@code jdbcProperties} plus the client's own properties
 * @param host the address to bind ({@code 127.0.0.1} keeps it to this machine)
 * @param port the port to bind; 0 picks a free one ({@link SqlServer#port()} tells which)
 * @param connectionIdleTimeout how long a client connection may go without a request before the
 *     server closes its database connection (rolling back an open transaction). Avatica runs over
 *     HTTP, so a client that dies without closing its connection is only noticed this way.
 * @param statementIdleTimeout the same for a statement and its open result set
 */
public record SqlServerConfig(
    String jdbcUrl,
    Properties jdbcProperties,
    String host,
    int port,
    Duration connectionIdleTimeout,
    Duration statementIdleTimeout) {
  /**
   * One hour: longer than a connection pool keeps an idle connection by default (HikariCP retires
   * connections after 30 minutes), so pools never hand out a connection the server has dropped,
   * yet a crashed client's session does not live for days.
   */
  public static final Duration DEFAULT_CONNECTION_IDLE_TIMEOUT = Duration.ofHours(1);
  /** Ten minutes: a statement or result set left open and untouched that long is closed. */
  public static final Duration DEFAULT_STATEMENT_IDLE_TIMEOUT = Duration.ofMinutes(10);

  public SqlServerConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    jdbcProperties = copy(Objects.requireNonNull(jdbcProperties, "jdbcProperties"));
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("the host to listen on is empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("the port " + port + " is not from 0 to 65535");
    }
    requirePositive(connectionIdleTimeout, "connectionIdleTimeout");
    requirePositive(statementIdleTimeout, "statementIdleTimeout");
  }

  /** Serves {@code jdbcUrl} on {@code host:port} with the default idle timeouts. */
  public static SqlServerConfig of(String jdbcUrl, String host, int port) {
    return new SqlServerConfig(
        jdbcUrl, new Properties(), host, port, DEFAULT_CONNECTION_IDLE_TIMEOUT, DEFAULT_STATEMENT_IDLE_TIMEOUT);
  }

  public SqlServerConfig withIdleTimeouts(Duration connections, Duration statements) {
    return new SqlServerConfig(jdbcUrl, jdbcProperties, host, port, connections, statements);
  }

  /** A copy: the caller's {@link Properties} may change later. */
  @Override
  public Properties jdbcProperties() {
    return copy(jdbcProperties);
  }

  private static Properties copy(Properties p) {
    Properties copy = new Properties();
    copy.putAll(p);
    return copy;
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero() || d.toMillis() == 0) {
      throw new IllegalArgumentException(name + " must be at least 1 ms, not " + d);
    }
  }
}
