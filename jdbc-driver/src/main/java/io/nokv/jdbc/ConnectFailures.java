package io.nokv.jdbc;

import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;

/**
 * Turns what Avatica throws while connecting (unchecked exceptions wrapping socket errors, or the
 * server's error reply) into one {@link SQLException} whose message names the server's host and
 * port.
 */
final class ConnectFailures {
  /** SQL-server rejected establishment of SQL-connection. */
  static final String SERVER_REJECTED_STATE = "08004";

  private ConnectFailures() {}

  static SQLException translate(NokvUrl url, RuntimeException e) {
    if (e instanceof AvaticaClientRuntimeException server) {
      // The server answered with an error: the database behind it refused the connection.
      String state = server.getSqlState() == null || server.getSqlState().isEmpty()
          || server.getSqlState().equals("00000") ? SERVER_REJECTED_STATE : server.getSqlState();
      return new SQLException(
          "the NoKV server at " + url.hostAndPort() + " refused the connection: " + firstLine(server.getMessage()),
          state, server.getErrorCode(), e);
    }
    Throwable network = NetworkErrors.networkCause(e);
    if (network instanceof UnknownHostException) {
      return unreachable(url, "unknown host " + url.host(), e);
    }
    if (network instanceof InterruptedIOException) { // connect timeout (or a socket timeout)
      return unreachable(url, NetworkErrors.reason(network, "timed out"), e);
    }
    if (network != null) {
      return unreachable(url, NetworkErrors.reason(network, "connection refused"), e);
    }
    return new SQLNonTransientConnectionException(
        "cannot connect to NoKV at " + url.hostAndPort() + ": " + describe(root(e)), NokvUrl.BAD_URL_STATE, e);
  }

  private static SQLException unreachable(NokvUrl url, String reason, RuntimeException e) {
    return new ServerUnreachableException(url.host(), url.port(), url.hostAndPort(), reason, e);
  }

  private static Throwable root(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : firstLine(m);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
