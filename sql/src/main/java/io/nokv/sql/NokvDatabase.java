package io.nokv.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One NoKV SQL database: a transactional store, its catalog and the SQL engine over them. The
 * embedded JDBC URLs ({@code jdbc:nokv:file:DIR}, {@code jdbc:nokv:mem:NAME}) share one instance
 * per directory or name inside a JVM; the server holds one open for its lifetime.
 */
public final class NokvDatabase implements AutoCloseable {
  private NokvDatabase() {}

  /** Opens (or creates) the database stored in {@code dir}; fails if another process holds it. */
  public static NokvDatabase open(Path dir) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Opens a database kept in memory only. */
  public static NokvDatabase openInMemory(String name) {
    throw new UnsupportedOperationException("not yet");
  }

  /** A new JDBC connection (one session) to this database. */
  public Connection connect(Properties info) throws SQLException {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void close() {}
}
