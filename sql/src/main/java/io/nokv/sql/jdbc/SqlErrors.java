package io.nokv.sql.jdbc;

import io.nokv.kv.DbLockedException;
import io.nokv.sql.SqlStateException;
import io.nokv.sql.ddl.SqlSyntaxException;
import io.nokv.sql.ddl.UnsupportedSqlException;
import io.nokv.sql.encoding.DataException;
import io.nokv.sql.session.SchemaChangedException;
import io.nokv.txn.CommitUndeterminedException;
import io.nokv.txn.KeyExistsException;
import io.nokv.txn.TxnException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Turns whatever a statement threw into an {@link SQLException} with the SQLState clients act on.
 * The most specific cause decides: NoKV's own typed errors carry their state; transaction conflicts
 * become 40001 (retry); Calcite's parse and validation errors become 42xxx with their position;
 * arithmetic and conversion failures become 22xxx.
 */
public final class SqlErrors {
  private static final Pattern NOT_FOUND = Pattern.compile("(Object|Table) '([^']*)' not found.*");
  private static final Pattern COLUMN_NOT_FOUND =
      Pattern.compile("(?:Column '([^']*)' not found|Unknown target column '([^']*)').*");

  private SqlErrors() {}

  public static SQLException translate(Throwable t) {
    if (t instanceof SQLException s && s.getSQLState() != null) {
      return s;
    }
    String position = null;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CalciteContextException cce && position == null) {
        position = "line " + cce.getPosLine() + ", column " + cce.getPosColumn();
      }
      SQLException mapped = mapOne(c, position);
      if (mapped != null) {
        return mapped;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    Throwable root = rootCause(t);
    return new SQLException(message(root), "XX000", t);
  }

  private static SQLException mapOne(Throwable c, String position) {
    String m = message(c);
    switch (c) {
      case SqlStateException e -> {
        return state(e.sqlState(), m, c);
      }
      case DataException e -> {
        return state(e.sqlState(), m, c);
      }
      case SchemaChangedException e -> {
        return new SQLTransactionRollbackException(m, "40001", c);
      }
      case KeyExistsException e -> {
        return state("23505", "duplicate key: a row or unique index entry with the same key was committed by"
            + " another transaction first; the transaction was rolled back", c);
      }
      case CommitUndeterminedException e -> {
        return new SQLTransactionRollbackException(m, "40003", c);
      }
      case TxnException e -> {
        return new SQLTransactionRollbackException(
            m + (e.isRetryable() ? " (the transaction was rolled back; retry it)" : ""), "40001", c);
      }
      case SqlSyntaxException e -> {
        return new SQLSyntaxErrorException(m, "42601", c);
      }
      case UnsupportedSqlException e -> {
        return new SQLFeatureNotSupportedException(m, "0A000", c);
      }
      case DbLockedException e -> {
        return new SQLException(m, "55006", c);
      }
      case SqlParseException e -> {
        return new SQLSyntaxErrorException(m, "42601", c);
      }
      case ArithmeticException e -> {
        String lower = m.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("zero") || lower.contains("undefined")) {
          return state("22012", "division by zero", c);
        }
        return state("22003", m, c);
      }
      case NumberFormatException e -> {
        return state("22018", "invalid value for a numeric conversion: " + m, c);
      }
      default -> { }
    }
    if (c.getClass().getName().startsWith("org.apache.calcite.sql.validate.SqlValidatorException")) {
      return validation(m, position, c);
    }
    if (m != null && m.contains("has no default value and does not allow NULLs")) {
      return state("23502", m, c);
    }
    if (m != null && (m.startsWith("Value out of range") || m.contains("out of range") || m.contains("overflow"))) {
      return state("22003", m, c);
    }
    if (m != null && (m.startsWith("Invalid character for cast") || m.contains("Cannot cast")
        || m.startsWith("Invalid DATE") || m.startsWith("Invalid TIMESTAMP") || m.contains("Invalid date"))) {
      return state("22018", m, c);
    }
    return null;
  }

  private static SQLException validation(String m, String position, Throwable c) {
    String where = position == null ? "" : " (at " + position + ")";
    Matcher nf = NOT_FOUND.matcher(m);
    if (nf.matches()) {
      return new SQLSyntaxErrorException("table or object \"" + nf.group(2) + "\" does not exist" + where, "42P01", c);
    }
    Matcher cnf = COLUMN_NOT_FOUND.matcher(m);
    if (cnf.matches()) {
      String col = cnf.group(1) != null ? cnf.group(1) : cnf.group(2);
      return new SQLSyntaxErrorException("column \"" + col + "\" does not exist" + where, "42703", c);
    }
    if (m.contains("has no default value and does not allow NULLs")) {
      return state("23502", m, c);
    }
    if (m.startsWith("No match found for function signature")) {
      return new SQLSyntaxErrorException(m + where, "42883", c);
    }
    if (m.startsWith("Cannot apply") || m.contains("cannot be cast") || m.startsWith("Cannot assign")) {
      return new SQLSyntaxErrorException(m + where, "42804", c);
    }
    return new SQLSyntaxErrorException(m + where, "42000", c);
  }

  private static SQLException state(String sqlState, String m, Throwable c) {
    if (sqlState.startsWith("40")) {
      return new SQLTransactionRollbackException(m, sqlState, c);
    }
    if (sqlState.startsWith("42")) {
      return new SQLSyntaxErrorException(m, sqlState, c);
    }
    if (sqlState.startsWith("23")) {
      return new java.sql.SQLIntegrityConstraintViolationException(m, sqlState, c);
    }
    if (sqlState.startsWith("22")) {
      return new java.sql.SQLDataException(m, sqlState, c);
    }
    return new SQLException(m, sqlState, c);
  }

  private static Throwable rootCause(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r;
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }
}
