package io.nokv.server.cli;

import io.nokv.sql.NokvDatabase;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The database {@code nokv server} serves: open for the server's lifetime, reached by the SQL
 * endpoint through a JDBC URL, closed after the endpoint has stopped.
 */
interface ServedDatabase extends AutoCloseable {
  /** What the SQL endpoint's connections open, e.g. {@code jdbc:nokv:file:/abs/dir}. */
  String jdbcUrl();

  /** Closes the database; failures are unchecked ({@code nokv server} reports them and exits 1). */
  @Override
  void close();

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
      public void close() {
        db.close();
      }
    };
  };
}
