package io.nokv.jdbc;

import java.sql.SQLTransientConnectionException;

/**
 * No NoKV server answered at the URL's host and port: nothing listens there, the host is
 * unknown, or connecting timed out. SQLState {@value #SQL_STATE} (the client could not establish
 * the connection). Transient: starting the server (or fixing the network) and retrying can
 * succeed, so pools such as HikariCP keep trying.
 */
public final class ServerUnreachableException extends SQLTransientConnectionException {
  public static final String SQL_STATE = "08001";

  private final String host;
  private final int port;

  ServerUnreachableException(String host, int port, String hostAndPort, String reason, Throwable cause) {
    super("cannot connect to NoKV at " + hostAndPort + ": " + reason, SQL_STATE, cause);
    this.host = host;
    this.port = port;
  }

  /** The host of the URL, without IPv6 brackets. */
  public String host() {
    return host;
  }

  public int port() {
    return port;
  }
}
