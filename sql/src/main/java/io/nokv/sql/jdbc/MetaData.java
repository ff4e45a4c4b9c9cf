package io.nokv.sql.jdbc;

import io.nokv.sql.catalog.CatalogSnapshot;
import io.nokv.sql.catalog.IndexDef;
import io.nokv.sql.catalog.TableDef;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

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

  private static List<TableDef> matching(NokvConnection conn, String schemaPattern, String tablePattern) {
    CatalogSnapshot snap = conn.database().catalog().current();
    List<TableDef> out = new ArrayList<>();
    for (TableDef t : snap.tables()) {
      if ((schemaPattern == null || like(t.schema(), schemaPattern))
          && (tablePattern == null || like(t.name(), tablePattern))) {
        out.add(t);
      }
    }
    out.sort((a, b) -> (a.schema() + "." + a.name()).compareTo(b.schema() + "." + b.name()));
    return out;
  }

  private static boolean like(String s, String pattern) {
    return s.matches(pattern.replace(".", "\\.").replace("%", ".*").replace("_", "."));
  }

  private static ResultSet primaryKeys(NokvConnection conn, String schema, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    for (TableDef t : matching(conn, schema, table)) {
      int[] pk = t.pkColumnIds();
      for (int i = 0; i < pk.length; i++) {
        rows.add("(CAST(NULL AS VARCHAR), " + lit(t.schema()) + ", " + lit(t.name()) + ", "
            + lit(t.columnById(pk[i]).name()) + ", CAST(" + (i + 1) + " AS SMALLINT), " + lit(t.name() + "_pkey") + ")");
      }
    }
    return values(conn, rows, "(CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), "
        + "CAST(NULL AS VARCHAR), CAST(0 AS SMALLINT), CAST(NULL AS VARCHAR))",
        "\"TABLE_CAT\", \"TABLE_SCHEM\", \"TABLE_NAME\", \"COLUMN_NAME\", \"KEY_SEQ\", \"PK_NAME\"");
  }

  private static ResultSet indexInfo(NokvConnection conn, String schema, String table, boolean unique)
      throws SQLException {
    List<String> rows = new ArrayList<>();
    for (TableDef t : matching(conn, schema, table)) {
      if (!t.hasHiddenRowId()) {
        addIndexRows(rows, t, t.name() + "_pkey", t.pkColumnIds(), true);
      }
      for (IndexDef ix : t.indexes()) {
        if (ix.isPublic() && (!unique || ix.unique())) {
          addIndexRows(rows, t, ix.name(), ix.columnIds(), ix.unique());
        }
      }
    }
    return values(conn, rows, "(CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), FALSE, "
        + "CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(0 AS SMALLINT), CAST(0 AS SMALLINT), "
        + "CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(NULL AS VARCHAR))",
        "\"TABLE_CAT\", \"TABLE_SCHEM\", \"TABLE_NAME\", \"NON_UNIQUE\", \"INDEX_QUALIFIER\", \"INDEX_NAME\", "
            + "\"TYPE\", \"ORDINAL_POSITION\", \"COLUMN_NAME\", \"ASC_OR_DESC\", \"CARDINALITY\", \"PAGES\", "
            + "\"FILTER_CONDITION\"");
  }

  private static void addIndexRows(List<String> rows, TableDef t, String name, int[] cols, boolean unique) {
    for (int i = 0; i < cols.length; i++) {
      rows.add("(CAST(NULL AS VARCHAR), " + lit(t.schema()) + ", " + lit(t.name()) + ", " + !unique
          + ", CAST(NULL AS VARCHAR), " + lit(name) + ", CAST(" + DatabaseMetaData.tableIndexOther
          + " AS SMALLINT), CAST(" + (i + 1) + " AS SMALLINT), " + lit(t.columnById(cols[i]).name())
          + ", 'A', CAST(-1 AS BIGINT), CAST(-1 AS BIGINT), CAST(NULL AS VARCHAR))");
    }
  }

  /** A result set of literal rows, through Calcite, so that it is a complete JDBC result set. */
  private static ResultSet values(NokvConnection conn, List<String> rows, String emptyRow, String columns)
      throws SQLException {
    String body = rows.isEmpty()
        ? "SELECT * FROM (VALUES " + emptyRow + ") AS t(" + columns + ") WHERE 1 = 0"
        : "SELECT * FROM (VALUES " + String.join(", ", rows) + ") AS t(" + columns + ")";
    return conn.inner().createStatement().executeQuery(body);
  }

  private static String lit(String s) {
    return "CAST('" + s.replace("'", "''") + "' AS VARCHAR)";
  }
}
