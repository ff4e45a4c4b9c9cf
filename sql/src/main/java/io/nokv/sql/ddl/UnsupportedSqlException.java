package io.nokv.sql.ddl;

/** A statement or clause NoKV understands but does not support (SQLState 0A000). */
public final class UnsupportedSqlException extends RuntimeException {
  public UnsupportedSqlException(String message) {
    super(message);
  }
}
