package io.nokv.sql.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a statement into {@link Token}s; skips whitespace and comments. */
final class SqlLexer {
  private SqlLexer() {}

  static List<Token> tokenize(String sql) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          throw new SqlSyntaxException("unterminated comment", sql, i);
        }
        i = end + 2;
      } else if (Character.isLetter(c) || c == '_') {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
          i++;
        }
        String raw = sql.substring(s, i);
        out.add(new Token(Token.Kind.WORD, raw.toLowerCase(Locale.ROOT), raw, s));
      } else if (c == '"' || c == '`') {
        int s = i;
        StringBuilder b = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new SqlSyntaxException("unterminated quoted identifier", sql, s);
          }
          char d = sql.charAt(i);
          if (d == c) {
            if (i + 1 < n && sql.charAt(i + 1) == c) {
              b.append(c);
              i += 2;
              continue;
            }
            i++;
            break;
          }
          b.append(d);
          i++;
        }
        out.add(new Token(Token.Kind.QUOTED, b.toString(), sql.substring(s, i), s));
      } else if (c == '\'') {
        int s = i;
        StringBuilder b = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new SqlSyntaxException("unterminated string literal", sql, s);
          }
          char d = sql.charAt(i);
          if (d == '\'') {
            if (i + 1 < n && sql.charAt(i + 1) == '\'') {
              b.append('\'');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          b.append(d);
          i++;
        }
        out.add(new Token(Token.Kind.STRING, b.toString(), sql.substring(s, i), s));
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        int s = i;
        while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
          i++;
          if (i < n && (sql.charAt(i) == '+' || sql.charAt(i) == '-')) {
            i++;
          }
          while (i < n && Character.isDigit(sql.charAt(i))) {
            i++;
          }
        }
        String raw = sql.substring(s, i);
        out.add(new Token(Token.Kind.NUMBER, raw, raw, s));
      } else {
        out.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), String.valueOf(c), i));
        i++;
      }
    }
    out.add(new Token(Token.Kind.END, "", "", n));
    return out;
  }
}
