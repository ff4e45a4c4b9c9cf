package io.nokv.sql.session;

/** A transaction wrote to a table whose definition changed before it committed (SQLState 40001: retry). */
public final class SchemaChangedException extends RuntimeException {
  public SchemaChangedException(String message) {
    super(message);
  }
}
