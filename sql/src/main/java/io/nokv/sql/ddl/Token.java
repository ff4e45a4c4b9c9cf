package io.nokv.sql.ddl;

import java.util.Locale;

/**
 * A lexical token of NoKV's own statements (DDL and transaction control).
 *
 * @param kind what it is
 * @param text the identifier as it names things (unquoted identifiers folded to lower case, quoted
 *     ones exact), the literal's value, or the symbol
 * @param raw the token exactly as written
 * @param offset where it starts in the statement
 */
record Token(Kind kind, String text, String raw, int offset) {
  enum Kind { WORD, QUOTED, NUMBER, STRING, SYMBOL, END }

  /** True for an unquoted word equal to {@code keyword}, ignoring case. */
  boolean is(String keyword) {
    return kind == Kind.WORD && text.equals(keyword.toLowerCase(Locale.ROOT));
  }

  boolean isSymbol(String s) {
    return kind == Kind.SYMBOL && text.equals(s);
  }
}
