package io.nokv.bench.sql;

import java.sql.SQLException;

/**
 * A statement failed with an error that is not retried (any SQLState but {@code 40001}), or a
 * {@code 40001} failure persisted through every retry, or the table load went wrong. Carries the
 * workload ({@code load} for the load) and the SQLState (null when the failure was not an
 * {@link SQLException}).
 */
public final class WorkloadFailedException extends SqlBenchException {
  private final String workload;
  private final String sqlState;

  WorkloadFailedException(String target, String workload, String message, Throwable cause) {
    super(target, workload + ": " + message + stateSuffix(cause), cause);
    this.workload = workload;
    this.sqlState = cause instanceof SQLException e ? e.getSQLState() : null;
  }

  public String workload() {
    return workload;
  }

  /** The SQLState of the failing statement, or null. */
  public String sqlState() {
    return sqlState;
  }

  private static String stateSuffix(Throwable cause) {
    if (cause instanceof SQLException e) {
      return " (SQLState " + e.getSQLState() + ", error code " + e.getErrorCode() + "): " + firstLine(e.getMessage());
    }
    return cause == null ? "" : ": " + cause;
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip() + " ...";
  }
}
