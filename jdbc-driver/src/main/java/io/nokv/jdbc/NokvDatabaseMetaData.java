package io.nokv.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;

/**
 * Avatica's remote metadata, corrected where its generic answers are wrong for a NoKV server.
 *
 * <ul>
 *   <li>{@link #supportsTransactions}: Avatica says false; a NoKV server is transactional and
 *       commit and rollback travel over the protocol.
 *   <li>{@link #supportsTransactionIsolationLevel}: Avatica says only {@code TRANSACTION_NONE}.
 *       The protocol does not carry the server's list, so we report the one level we know the
 *       server supports: its default. (Tools such as sqlline refuse to set a level the metadata
 *       calls unsupported.)
 *   <li>{@link #getPrimaryKeys} and {@link #getIndexInfo}: Avatica's protocol has no requests for
 *       them; the server answers them as queries of its {@code nokv_catalog} schema.
 * </ul>
 *
 * <p>Foreign keys, procedures and privileges return empty result sets, as in Avatica.
 */
final class NokvDatabaseMetaData extends AvaticaDatabaseMetaData {
  NokvDatabaseMetaData(AvaticaConnection connection) {
    super(connection);
  }

  @Override
  public boolean supportsTransactions() {
    return true;
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
    return level == getDefaultTransactionIsolation();
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    return catalogQuery("SELECT * FROM nokv_catalog.primary_keys", schema, table, false,
        "\"TABLE_SCHEM\", \"TABLE_NAME\", \"KEY_SEQ\"");
  }

  @Override
  public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
      throws SQLException {
    return catalogQuery("SELECT * FROM nokv_catalog.index_info", schema, table, unique,
        "\"NON_UNIQUE\", \"INDEX_NAME\", \"ORDINAL_POSITION\"");
  }

  /** The same queries the embedded driver's metadata runs; names are exact, a null schema matches all. */
  private ResultSet catalogQuery(String select, String schema, String table, boolean unique, String order)
      throws SQLException {
    String sql = select + " WHERE (CAST(? AS VARCHAR) IS NULL OR \"TABLE_SCHEM\" = ?) AND \"TABLE_NAME\" = ?"
        + (unique ? " AND NOT \"NON_UNIQUE\"" : "") + " ORDER BY " + order;
    PreparedStatement ps = getConnection().prepareStatement(sql);
    ps.setString(1, schema);
    ps.setString(2, schema);
    ps.setString(3, table);
    ps.closeOnCompletion();
    return ps.executeQuery();
  }
}
