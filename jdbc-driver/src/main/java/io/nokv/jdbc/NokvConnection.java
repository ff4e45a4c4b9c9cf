package io.nokv.jdbc;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's remote connection, fixed where connection pools depend on it.
 *
 * <ul>
 *   <li>{@link #isValid} asks the server (one small request that also counts as activity on the
 *       server's idle timer). Avatica's only checks whether the client closed the connection, so a
 *       pool would keep handing out connections the server has dropped (idle expiry, restart).
 *   <li>{@link #commit}, {@link #rollback} and the getters that ask the server for the connection's
 *       state throw {@link SQLException} when the server or network fails, where Avatica lets an
 *       unchecked exception escape. A connection the server no longer has is SQLState {@value
 *       #CONNECTION_DOES_NOT_EXIST}; a server that cannot be reached is {@value #CONNECTION_FAILURE}:
 *       both "08" states, which pools such as HikariCP take as "evict this connection".
 * </ul>
 */
final class NokvConnection extends AvaticaConnection {
  static final String CONNECTION_DOES_NOT_EXIST = "08003";
  static final String CONNECTION_FAILURE = "08006";
  /** Avatica's error code for "connection not found: invalid id, closed, or expired". */
  static final int MISSING_CONNECTION = Service.ErrorResponse.MISSING_CONNECTION_ERROR_CODE;

  NokvConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
    super(driver, factory, url, info);
  }

  /**
   * Whether the server still has this connection, asked with a database-properties request. The
   * wait is bounded by the {@code http_response_timeout} property, not by {@code timeoutSeconds}.
   */
  @Override
  public boolean isValid(int timeoutSeconds) throws SQLException {
    if (timeoutSeconds < 0) {
      throw new SQLException("isValid: the timeout " + timeoutSeconds + " is negative", "22023");
    }
    if (isClosed()) {
      return false;
    }
    try {
      getService().apply(new Service.DatabasePropertyRequest(id));
      return true;
    } catch (RuntimeException e) {
      return false; // the answer to "is it valid?": no. The next real call reports the cause.
    }
  }

  @Override
  public void commit() throws SQLException {
    try {
      super.commit();
    } catch (RuntimeException e) {
      throw translate("commit", e);
    }
  }

  @Override
  public void rollback() throws SQLException {
    try {
      super.rollback();
    } catch (RuntimeException e) {
      throw translate("rollback", e);
    }
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    try {
      return super.getAutoCommit();
    } catch (RuntimeException e) {
      throw translate("getAutoCommit", e);
    }
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    try {
      return super.isReadOnly();
    } catch (RuntimeException e) {
      throw translate("isReadOnly", e);
    }
  }

  @Override
  public String getCatalog() throws SQLException {
    try {
      return super.getCatalog();
    } catch (RuntimeException e) {
      throw translate("getCatalog", e);
    }
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    try {
      return super.getTransactionIsolation();
    } catch (RuntimeException e) {
      throw translate("getTransactionIsolation", e);
    }
  }

  @Override
  public String getSchema() throws SQLException {
    try {
      return super.getSchema();
    } catch (RuntimeException e) {
      throw translate("getSchema", e);
    }
  }

  /** {@code e}, thrown by Avatica during {@code operation}, as the SQLException JDBC promises. */
  static SQLException translate(String operation, RuntimeException e) {
    if (e instanceof AvaticaClientRuntimeException server) {
      String state = server.getSqlState();
      if ((state == null || state.isEmpty() || state.equals("00000")) && server.getErrorCode() == MISSING_CONNECTION) {
        state = CONNECTION_DOES_NOT_EXIST;
      }
      return new SQLException(operation + ": " + server.getMessage(), state, server.getErrorCode(), e);
    }
    Throwable network = NetworkErrors.networkCause(e);
    if (network != null) {
      return new SQLTransientConnectionException(
          operation + ": lost the NoKV server: " + NetworkErrors.reason(network, network.getClass().getSimpleName()),
          CONNECTION_FAILURE, e);
    }
    return new SQLException(operation + ": " + e, e);
  }
}
