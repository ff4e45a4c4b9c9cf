package io.nokv.bench.sql;

/**
 * A running target: where to connect to it and what it is. Closing it stops it (its data
 * directory belongs to the caller, who deletes it after).
 */
interface DatabaseServer extends AutoCloseable {
  JdbcEndpoint endpoint();

  /** One line about the running server for the progress output, e.g. its pid and address. */
  String description();

  @Override
  void close();
}
