package io.nokv.sql.it;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns result rows into the text the scripts expect. The rules are listed in {@link
 * SqlScriptRunner}; they depend only on the JDBC type of each column, so the same value prints the
 * same way from any driver.
 */
final class ResultFormat {
  private static final Pattern DATE = Pattern.compile("(-?\\d{4,})-(\\d\\d)-(\\d\\d)");
  private static final Pattern TIME = Pattern.compile("(\\d\\d):(\\d\\d)(?::(\\d\\d))?(?:\\.(\\d+))?");
  private static final Pattern TIMESTAMP =
      Pattern.compile("(-?\\d{4,}-\\d\\d-\\d\\d)[ T](\\d\\d:\\d\\d(?::\\d\\d)?(?:\\.\\d+)?)");

  private ResultFormat() {}

  /** All rows of {@code rs}, one formatted line each. */
  static List<String> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    int[] types = new int[n];
    for (int i = 0; i < n; i++) {
      types[i] = md.getColumnType(i + 1);
    }
    List<String> rows = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    while (rs.next()) {
      line.setLength(0);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          line.append('|');
        }
        line.append(value(rs, i + 1, types[i]));
      }
      rows.add(line.toString());
    }
    return rows;
  }

  /** The column labels of {@code rs}. */
  static List<String> labels(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      labels.add(md.getColumnLabel(i));
    }
    return labels;
  }

  /** One value; {@code NULL} for SQL NULL. */
  static String value(ResultSet rs, int i, int type) throws SQLException {
    switch (type) {
      case Types.BOOLEAN, Types.BIT -> {
        boolean b = rs.getBoolean(i);
        return rs.wasNull() ? "NULL" : b ? "TRUE" : "FALSE";
      }
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
        long v = rs.getLong(i);
        return rs.wasNull() ? "NULL" : Long.toString(v);
      }
      case Types.DECIMAL, Types.NUMERIC -> {
        BigDecimal d = rs.getBigDecimal(i);
        return d == null ? "NULL" : d.toPlainString();
      }
      case Types.REAL -> {
        float f = rs.getFloat(i);
        return rs.wasNull() ? "NULL" : Float.toString(f);
      }
      case Types.FLOAT, Types.DOUBLE -> {
        double d = rs.getDouble(i);
        return rs.wasNull() ? "NULL" : Double.toString(d);
      }
      case Types.DATE -> {
        return date(rs, i);
      }
      case Types.TIME, Types.TIME_WITH_TIMEZONE -> {
        return time(rs, i);
      }
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
        return timestamp(rs, i);
      }
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
        byte[] b = rs.getBytes(i);
        return b == null ? "NULL" : "X'" + HexFormat.of().withUpperCase().formatHex(b) + "'";
      }
      default -> {
        String s = rs.getString(i);
        return s == null ? "NULL" : string(s);
      }
    }
  }

  /**
   * A character value: backslash and {@code |} escaped with a backslash, control characters as
   * {@code \n}, {@code \t}, {@code \r} or {@code \}{@code uXXXX}; quoted in single quotes (inner
   * quotes doubled) when it is empty, starts or ends with a space, or reads {@code NULL}.
   */
  static String string(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2);
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '|' -> b.append("\\|");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < ' ' || c == 0x7f) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    String out = b.toString();
    if (out.isEmpty() || out.equals("NULL") || out.startsWith(" ") || out.endsWith(" ")) {
      return "'" + out.replace("'", "''") + "'";
    }
    return out;
  }

  private static String date(ResultSet rs, int i) throws SQLException {
    String s = rs.getString(i);
    if (s == null) {
      return "NULL";
    }
    Matcher m = DATE.matcher(s.trim());
    if (m.lookingAt()) {
      return m.group();
    }
    LocalDate d = rs.getObject(i, LocalDate.class);
    return d.toString();
  }

  private static String time(ResultSet rs, int i) throws SQLException {
    String s = rs.getString(i);
    if (s == null) {
      return "NULL";
    }
    Matcher m = TIME.matcher(s.trim());
    if (m.lookingAt()) {
      return normalizeTime(m.group());
    }
    LocalTime t = rs.getObject(i, LocalTime.class);
    return normalizeTime(t.toString());
  }

  private static String timestamp(ResultSet rs, int i) throws SQLException {
    String s = rs.getString(i);
    if (s == null) {
      return "NULL";
    }
    Matcher m = TIMESTAMP.matcher(s.trim());
    if (m.lookingAt()) {
      return m.group(1) + " " + normalizeTime(m.group(2));
    }
    LocalDateTime t = rs.getObject(i, LocalDateTime.class);
    return t.toLocalDate() + " " + normalizeTime(t.toLocalTime().toString());
  }

  /** {@code HH:mm:ss}, plus {@code .fraction} without trailing zeros when it is not zero. */
  static String normalizeTime(String t) {
    Matcher m = TIME.matcher(t);
    if (!m.matches()) {
      return t;
    }
    String sec = m.group(3) == null ? "00" : m.group(3);
    String frac = m.group(4) == null ? "" : m.group(4).replaceAll("0+$", "");
    return m.group(1) + ":" + m.group(2) + ":" + sec + (frac.isEmpty() ? "" : "." + frac);
  }
}
