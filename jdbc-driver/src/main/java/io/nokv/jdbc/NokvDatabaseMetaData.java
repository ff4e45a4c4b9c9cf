package io.nokv.jdbc;

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
 * </ul>
 *
 * <p>Avatica's protocol has no requests for primary keys, index information, foreign keys,
 * procedures or privileges: those calls return empty result sets, as in Avatica.
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
}
