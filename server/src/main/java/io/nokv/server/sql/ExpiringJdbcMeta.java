package io.nokv.server.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.jdbc.JdbcMeta;

/**
 * Avatica's {@link JdbcMeta} (one JDBC connection to the database per client connection, one JDBC
 * statement per client statement, each kept in a cache by id) with the cache settings NoKV needs.
 *
 * <ul>
 *   <li><b>Idle expiry.</b> A connection or statement no request has touched for its idle
 *       timeout is removed, and removing it closes it (JdbcMeta's removal listeners). The caches
 *       only expire entries when something touches them, so {@link SqlServer} calls {@link
 *       #evictExpired} periodically: a client that vanished has its connection closed within
 *       about the idle timeout plus one reaper period, even on an idle server.
 *   <li><b>Capacity.</b> JdbcMeta's default of 1000 connections would close the least recently
 *       used live connection when exceeded; the caps here are far above any real load so that
 *       only idleness closes connections.
 *   <li><b>Properties.</b> The cache settings travel in the same {@link Properties} as the
 *       database's connection properties; {@link #createConnection} removes them again, so the
 *       database's driver never sees {@code avatica.*} keys.
 * </ul>
 */
final class ExpiringJdbcMeta extends JdbcMeta {
  static final long MAX_CONNECTIONS = 10_000;
  static final long MAX_STATEMENTS = 100_000;
  private static final String AVATICA_PREFIX = "avatica.";

  ExpiringJdbcMeta(String url, Properties jdbcProperties, Duration connectionIdle, Duration statementIdle)
      throws SQLException {
    super(url, withCacheSettings(jdbcProperties, connectionIdle, statementIdle));
  }

  private static Properties withCacheSettings(Properties jdbc, Duration connectionIdle, Duration statementIdle) {
    Properties p = new Properties();
    p.putAll(jdbc);
    p.setProperty(ConnectionCacheSettings.MAX_CAPACITY.key(), Long.toString(MAX_CONNECTIONS));
    p.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(), Long.toString(connectionIdle.toMillis()));
    p.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
    p.setProperty(StatementCacheSettings.MAX_CAPACITY.key(), Long.toString(MAX_STATEMENTS));
    p.setProperty(StatementCacheSettings.EXPIRY_DURATION.key(), Long.toString(statementIdle.toMillis()));
    p.setProperty(StatementCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
    return p;
  }

  @Override
  protected Connection createConnection(String url, Properties info) throws SQLException {
    Properties forDatabase = new Properties();
    for (String key : info.stringPropertyNames()) {
      if (!key.startsWith(AVATICA_PREFIX)) {
        forDatabase.setProperty(key, info.getProperty(key));
      }
    }
    return super.createConnection(url, forDatabase);
  }

  /** Closes the connections and statements whose idle timeout has passed. */
  void evictExpired() {
    getStatementCache().cleanUp();
    getConnectionCache().cleanUp();
  }

  /** Closes every statement and connection (the server is stopping). */
  void closeAll() {
    getStatementCache().invalidateAll();
    getStatementCache().cleanUp();
    getConnectionCache().invalidateAll();
    getConnectionCache().cleanUp();
  }

  /** Client connections with an open database connection. */
  long openConnections() {
    getConnectionCache().cleanUp();
    return getConnectionCache().size();
  }
}
