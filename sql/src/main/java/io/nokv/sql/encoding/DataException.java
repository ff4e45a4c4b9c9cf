package io.nokv.sql.encoding;

/**
 * A value does not fit its column: the SQL "data exception" class (SQLSTATE class 22). Carries the
 * SQLSTATE so the JDBC layer can raise a {@code SQLDataException} with it unchanged. The states
 * used are the constants below.
 */
public final class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** String data, right truncation: a string or binary value longer than its column. */
  public static final String STRING_TRUNCATION = "22001";

  /** Numeric value out of range: an integer outside its width, a DECIMAL over its precision. */
  public static final String NUMERIC_OUT_OF_RANGE = "22003";

  /** Invalid datetime format: a string that is not a date, time or timestamp. */
  public static final String INVALID_DATETIME_FORMAT = "22007";

  /** Datetime field overflow: a date, time or timestamp outside the representable range. */
  public static final String DATETIME_OVERFLOW = "22008";

  /** Invalid character value for cast: a value that has no conversion to the column's type. */
  public static final String INVALID_CAST = "22018";

  /** Character not in repertoire: a string holding an unpaired UTF-16 surrogate. */
  public static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

  private final String sqlState;

  public DataException(String sqlState, String message) {
    super(message);
    this.sqlState = sqlState;
  }

  /** The five-character SQLSTATE, one of the constants of this class. */
  public String sqlState() {
    return sqlState;
  }
}
