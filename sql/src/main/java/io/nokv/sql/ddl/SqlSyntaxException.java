package io.nokv.sql.ddl;

/** A statement NoKV's own parser cannot read; carries the 1-based line and column of the problem. */
public final class SqlSyntaxException extends RuntimeException {
  private final int line;
  private final int column;

  public SqlSyntaxException(String message, String sql, int offset) {
    this(message, lineOf(sql, offset), columnOf(sql, offset));
  }

  private SqlSyntaxException(String message, int line, int column) {
    super(message + " at line " + line + ", column " + column);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  private static int lineOf(String sql, int offset) {
    int line = 1;
    for (int i = 0; i < Math.min(offset, sql.length()); i++) {
      if (sql.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int columnOf(String sql, int offset) {
    int start = sql.lastIndexOf('\n', Math.max(0, Math.min(offset, sql.length()) - 1)) + 1;
    return offset - start + 1;
  }
}
