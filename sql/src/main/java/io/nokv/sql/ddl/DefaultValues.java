package io.nokv.sql.ddl;

import io.nokv.sql.SqlStateException;
import io.nokv.sql.encoding.RowCodec;
import io.nokv.sql.encoding.SqlType;
import io.nokv.sql.exec.NokvSqlConfig;
import java.math.BigDecimal;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * DEFAULT values: a literal (with an optional sign), NULL, or CURRENT_DATE, CURRENT_TIME,
 * CURRENT_TIMESTAMP. INSERT evaluates the expression each time (through Calcite); ALTER TABLE ADD
 * COLUMN evaluates it once, for the rows that existed before the column.
 */
final class DefaultValues {
  private DefaultValues() {}

  /** {@code sql} if it is a valid default for {@code type}; null stays null. */
  static String checked(String sql, SqlType type) {
    if (sql != null) {
      evaluate(sql, type);
    }
    return sql;
  }

  /** The value of a default expression as a {@code type} column value (Calcite's representation). */
  static Object evaluate(String sql, SqlType type) {
    if (sql == null) {
      return null;
    }
    SqlNode e;
    try {
      e = SqlParser.create(sql, NokvSqlConfig.PARSER).parseExpression();
    } catch (SqlParseException ex) {
      throw new SqlStateException(SqlStateException.SYNTAX_ERROR, "bad DEFAULT " + sql + ": " + ex.getMessage());
    }
    return RowCodec.coerce(type, value(e, sql));
  }

  private static Object value(SqlNode e, String sql) {
    if (e instanceof SqlLiteral l) {
      if (l.getTypeName() == SqlTypeName.NULL) {
        return null;
      }
      Object v = l.getValue();
      return switch (v) {
        case NlsString s -> s.getValue();
        case BigDecimal d -> d;
        case Boolean b -> b;
        case DateString d -> d.getDaysSinceEpoch();
        case TimeString t -> t.getMillisOfDay();
        case TimestampString t -> t.getMillisSinceEpoch();
        default -> l.toValue();
      };
    }
    if (e instanceof SqlBasicCall c && c.getKind() == SqlKind.MINUS_PREFIX && c.operand(0) instanceof SqlLiteral) {
      Object v = value(c.operand(0), sql);
      if (v instanceof BigDecimal d) {
        return d.negate();
      }
    }
    if (e instanceof SqlBasicCall c && c.getKind() == SqlKind.PLUS_PREFIX) {
      return value(c.operand(0), sql);
    }
    String name = e.toString().toUpperCase(java.util.Locale.ROOT);
    long now = System.currentTimeMillis();
    long local = now + java.util.TimeZone.getDefault().getOffset(now);
    switch (name) {
      case "CURRENT_DATE" -> { return (int) Math.floorDiv(local, 86_400_000L); }
      case "CURRENT_TIME" -> { return (int) Math.floorMod(local, 86_400_000L); }
      case "CURRENT_TIMESTAMP", "LOCALTIMESTAMP" -> { return local; }
      default -> throw new SqlStateException(SqlStateException.FEATURE_NOT_SUPPORTED,
          "DEFAULT must be a literal, NULL, CURRENT_DATE, CURRENT_TIME or CURRENT_TIMESTAMP; got " + sql);
    }
  }
}
