package io.nokv.server.cli;

import io.nokv.sql.NokvDatabase;
import io.nokv.txn.TxnClient;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The database {@code nokv server} serves: open for the server's lifetime, reached by the SQL
 * endpoint through a JDBC URL and by the RESP gateway through its {@link #txnClient()}, closed
 * after both have stopped.
 */
interface ServedDatabase extends AutoCloseable {
  /** What the SQL endpoint's connections open, e.g. {@code jdbc:nokv:file:/abs/dir}. */
  String jdbcUrl();

  /** Closes the database; failures are unchecked ({@code nokv server} reports them and exits 1). */
  @Override
  void close();

  /**
   * The transactional store under the database, which the RESP gateway serves (the same data
   * SQL sees). A database without one (a test's H2) cannot have the gateway: run it with {@code
   * --resp-port -1}.
   */
  default TxnClient txnClient() {
    throw new UnsupportedOperationException("this database has no NoKV store to serve over RESP");
  }

  /** Connection properties for {@link #jdbcUrl()}. */
  default Properties jdbcProperties() {
    return new Properties();
  }

  /** Opens the database in a directory. A seam: tests serve H2 while module {@code sql} is a stub. */
  @FunctionalInterface
  interface Opener {
    /**
     * Opens the database stored in {@code dir} (absolute, existing).
     *
     * @throws io.nokv.kv.DbLockedException (possibly as a cause) when another process holds it
     */
    ServedDatabase open(Path dir) throws Exception;
  }

  /**
   * The real one: {@link NokvDatabase#open} on the directory, served as {@code
   * jdbc:nokv:file:DIR}, which the embedded driver resolves to this open instance.
   */
  Opener NOKV = dir -> {
    NokvDatabase db = NokvDatabase.open(dir);
    String url = "jdbc:nokv:file:" + dir;
    return new ServedDatabase() {
      @Override
      public String jdbcUrl() {
        return url;
      }

      @Override
      public TxnClient txnClient() {
        return db.txnClient();
      }

      @Override
      public void close() {
        db.close();
      }
    };
  };
}
