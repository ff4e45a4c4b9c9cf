package io.nokv.server.cli;

import java.lang.reflect.InvocationTargetException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import sqlline.SqlLine;

/**
 * sqlline as {@code nokv sql} runs it, changed in two ways for scripts ({@code -e}, {@code -f}):
 *
 * <ul>
 *   <li>It remembers whether any command failed. sqlline's own status only reflects the last
 *       command of {@code -e}, and the exit code must be non-zero if any statement failed.
 *   <li>A failed SQL statement prints one line ({@code Error: MESSAGE (state=...,code=...)}, as
 *       sqlline does interactively) instead of the stack trace sqlline prints for commands run
 *       before its interactive loop starts. {@code --verbose} keeps the stack traces.
 * </ul>
 */
final class NokvSqlLine extends SqlLine {
  /** How sqlline starts a warning it reports through {@link #error(String)}; not a failure. */
  private static final String WARNING_PREFIX = "Warning: ";

  private final boolean verbose;
  private boolean failed;

  NokvSqlLine(boolean verbose) {
    this.verbose = verbose;
  }

  /** True once any command has reported an error. */
  boolean failed() {
    return failed;
  }

  @Override
  public boolean error(String msg) {
    if (msg == null || !msg.startsWith(WARNING_PREFIX)) {
      failed = true;
    }
    return super.error(msg);
  }

  @Override
  public void handleException(Throwable e) {
    Throwable t = e;
    while (t instanceof InvocationTargetException ite && ite.getTargetException() != null) {
      t = ite.getTargetException();
    }
    if (!verbose && t instanceof SQLException sql && !(sql instanceof SQLWarning)) {
      error(oneLine(sql));
      return;
    }
    super.handleException(e);
  }

  static String oneLine(SQLException e) {
    // Database messages may span lines (H2 appends the statement): one line keeps scripts' stderr
    // greppable and the state next to its message.
    String message = e.getMessage() == null
        ? e.getClass().getSimpleName()
        : e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
    return "Error: " + message + " (state=" + (e.getSQLState() == null ? "" : e.getSQLState())
        + ",code=" + e.getErrorCode() + ")";
  }
}
