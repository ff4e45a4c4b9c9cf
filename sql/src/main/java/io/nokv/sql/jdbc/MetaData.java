package io.nokv.sql.jdbc;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The connection's {@link DatabaseMetaData}: Calcite's answers for tables, columns, schemas and
 * types, NoKV's own for primary keys, indexes, transactions and identifier casing.
 */
final class MetaData {
  private MetaData() {}

  static DatabaseMetaData wrap(NokvConnection conn, DatabaseMetaData calcite) {
    return (DatabaseMetaData) Proxy.newProxyInstance(MetaData.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, (proxy, m, args) -> {
          if (m.getDeclaringClass() == Object.class) {
            return Invocations.objectMethod(proxy, m, args, "NoKV metadata");
          }
          return switch (m.getName()) {
            case "getConnection" -> conn;
            case "getPrimaryKeys" -> primaryKeys(conn, (String) args[1], (String) args[2]);
            case "getIndexInfo" -> indexInfo(conn, (String) args[1], (String) args[2], (Boolean) args[3]);
            case "getDatabaseProductName" -> "NoKV";
            case "getDatabaseProductVersion" -> Version.get();
            case "getDriverName" -> "NoKV embedded JDBC driver";
            case "getDriverVersion" -> Version.get();
            case "getURL" -> "jdbc:nokv:" + conn.database().name();
            case "supportsTransactions", "supportsMultipleTransactions" -> true;
            case "getDefaultTransactionIsolation" -> Connection.TRANSACTION_REPEATABLE_READ;
            case "supportsTransactionIsolationLevel" -> {
              int level = (Integer) args[0];
              yield level != Connection.TRANSACTION_NONE && level != Connection.TRANSACTION_SERIALIZABLE;
            }
            case "supportsDataDefinitionAndDataManipulationTransactions" -> false;
            case "dataDefinitionCausesTransactionCommit" -> true;
            case "storesLowerCaseIdentifiers", "storesMixedCaseQuotedIdentifiers",
                "supportsMixedCaseQuotedIdentifiers" -> true;
            case "storesUpperCaseIdentifiers", "storesMixedCaseIdentifiers", "supportsMixedCaseIdentifiers",
                "storesUpperCaseQuotedIdentifiers", "storesLowerCaseQuotedIdentifiers" -> false;
            case "getIdentifierQuoteString" -> "\"";
            case "supportsSavepoints", "supportsStoredProcedures" -> false;
            case "unwrap" -> ((Class<?>) args[0]).isInstance(proxy) ? proxy : calcite.unwrap((Class<?>) args[0]);
            case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy);
            default -> Invocations.call(calcite, m, args);
          };
        });
  }

  /**
   * {@code getPrimaryKeys}/{@code getIndexInfo} as queries of the {@code nokv_catalog} schema (the
   * remote driver sends the same queries). Names are exact, as JDBC specifies for these calls; a
   * null schema matches every schema.
   */
  private static ResultSet primaryKeys(NokvConnection conn, String schema, String table) throws SQLException {
    return query(conn, "SELECT * FROM nokv_catalog.primary_keys", schema, table, false,
        "\"TABLE_SCHEM\", \"TABLE_NAME\", \"KEY_SEQ\"");
  }

  private static ResultSet indexInfo(NokvConnection conn, String schema, String table, boolean unique)
      throws SQLException {
    return query(conn, "SELECT * FROM nokv_catalog.index_info", schema, table, unique,
        "\"NON_UNIQUE\", \"INDEX_NAME\", \"ORDINAL_POSITION\"");
  }

  private static ResultSet query(NokvConnection conn, String select, String schema, String table, boolean unique,
      String order) throws SQLException {
    String sql = select + " WHERE (CAST(? AS VARCHAR) IS NULL OR \"TABLE_SCHEM\" = ?) AND \"TABLE_NAME\" = ?"
        + (unique ? " AND NOT \"NON_UNIQUE\"" : "") + " ORDER BY " + order;
    PreparedStatement ps = conn.inner().prepareStatement(sql);
    ps.setString(1, schema);
    ps.setString(2, schema);
    ps.setString(3, table);
    ps.closeOnCompletion();
    return ps.executeQuery();
  }

}
