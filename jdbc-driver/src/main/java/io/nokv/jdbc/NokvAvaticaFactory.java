package io.nokv.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * Avatica's JDBC 4.1 object factory, changed to make {@link NokvConnection}s with {@link
 * NokvDatabaseMetaData} and to report statement-creation failures as SQLExceptions. (Avatica's
 * own factory class is not public, so this delegates to it.)
 */
final class NokvAvaticaFactory implements AvaticaFactory {
  private final AvaticaFactory avatica;

  NokvAvaticaFactory(AvaticaFactory avatica) {
    this.avatica = avatica;
  }

  @Override
  public int getJdbcMajorVersion() {
    return avatica.getJdbcMajorVersion();
  }

  @Override
  public int getJdbcMinorVersion() {
    return avatica.getJdbcMinorVersion();
  }

  /** A {@link NokvConnection}. */
  @Override
  public AvaticaConnection newConnection(
      UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
    return new NokvConnection(driver, factory, url, info);
  }

  /**
   * Avatica's statement. Creating one asks the server, and Avatica lets a failure escape unchecked
   * from {@code Connection.createStatement()}: here it becomes an SQLException.
   */
  @Override
  public AvaticaStatement newStatement(
      AvaticaConnection connection, Meta.StatementHandle h, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    try {
      return avatica.newStatement(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
    } catch (RuntimeException e) {
      throw NokvConnection.translate("createStatement", e);
    }
  }

  @Override
  public AvaticaPreparedStatement newPreparedStatement(
      AvaticaConnection connection, Meta.StatementHandle h, Meta.Signature signature, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return avatica.newPreparedStatement(
        connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public AvaticaResultSet newResultSet(
      AvaticaStatement statement, QueryState state, Meta.Signature signature, TimeZone timeZone,
      Meta.Frame firstFrame) throws SQLException {
    return avatica.newResultSet(statement, state, signature, timeZone, firstFrame);
  }

  @Override
  public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    return new NokvDatabaseMetaData(connection);
  }

  @Override
  public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature)
      throws SQLException {
    return avatica.newResultSetMetaData(statement, signature);
  }
}
