package io.nokv.sql;

/**
 * An error with the SQLState a JDBC client sees: constraint violations, unknown objects, and the
 * other failures NoKV detects itself (Calcite's and the data codec's are mapped where they surface).
 */
public class SqlStateException extends RuntimeException {
  public static final String UNIQUE_VIOLATION = "23505";
  public static final String NOT_NULL_VIOLATION = "23502";
  public static final String UNDEFINED_TABLE = "42P01";
  public static final String UNDEFINED_COLUMN = "42703";
  public static final String UNDEFINED_OBJECT = "42704";
  public static final String DUPLICATE_TABLE = "42P07";
  public static final String DUPLICATE_OBJECT = "42710";
  public static final String DUPLICATE_COLUMN = "42701";
  public static final String DUPLICATE_SCHEMA = "42P06";
  public static final String INVALID_SCHEMA = "3F000";
  public static final String DEPENDENT_OBJECTS = "2BP01";
  public static final String INVALID_DEFINITION = "42P16";
  public static final String FEATURE_NOT_SUPPORTED = "0A000";
  public static final String SERIALIZATION_FAILURE = "40001";
  public static final String SYNTAX_ERROR = "42601";

  private final String sqlState;

  public SqlStateException(String sqlState, String message) {
    super(message);
    this.sqlState = sqlState;
  }

  public SqlStateException(String sqlState, String message, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  public String sqlState() {
    return sqlState;
  }
}
