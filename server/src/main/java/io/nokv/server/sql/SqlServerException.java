package io.nokv.server.sql;

/**
 * The SQL server could not start or stop. The message is one line for the operator and names the
 * address or database involved; the cause is the underlying error.
 */
public class SqlServerException extends RuntimeException {
  public SqlServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
