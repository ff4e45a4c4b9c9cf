package io.nokv.sql.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed correctness script: the steps of one {@code sqltest/*.sql} file, in order. The format
 * is described in {@link SqlScriptRunner}; this class only parses it, strictly: a malformed
 * directive, a statement without a directive or without its closing {@code ;} is an error naming
 * the line, never something silently skipped.
 */
final class SqlScript {
  /** What a statement must do. */
  sealed interface Expect permits Ok, Rows, Error {}

  /** The statement succeeds. */
  record Ok() implements Expect {}

  /** The statement succeeds with this update count. */
  record Rows(long count) implements Expect {}

  /** The statement fails with this SQLState (5 characters) or SQLState class (2 characters). */
  record Error(String state) implements Expect {}

  /** One step of a script. {@code line} is 1-based; {@code skipIf} holds lower-case engine names. */
  sealed interface Step permits Exec, Query, Session, Jdbc, Conflict {
    int line();

    Set<String> skipIf();
  }

  /** A statement with its expectation. */
  record Exec(int line, Set<String> skipIf, String sql, Expect expect) implements Step {}

  /**
   * A query and its expected rows, each row formatted as {@link SqlScriptRunner} describes;
   * {@code columns} is null when the labels are not checked.
   */
  record Query(
      int line, Set<String> skipIf, String sql, List<String> columns, boolean sorted,
      List<String> rows)
      implements Step {}

  /** Switches to (opening if needed) the named session. */
  record Session(int line, Set<String> skipIf, String name) implements Step {}

  /** A JDBC-level call on the current session; {@code errorState} null means it must succeed. */
  record Jdbc(int line, Set<String> skipIf, JdbcAction action, String errorState)
      implements Step {}

  /** JDBC calls a script can make. */
  enum JdbcAction {
    AUTOCOMMIT_ON,
    AUTOCOMMIT_OFF,
    COMMIT,
    ROLLBACK
  }

  /**
   * Statements of which one must fail with {@code state}: they run in order until the first
   * fails; that failure must carry {@code state}, the rest are skipped and the session is rolled
   * back. If all succeed, the step fails.
   */
  record Conflict(int line, Set<String> skipIf, String state, List<Exec> statements)
      implements Step {}

  private static final Set<String> KEYWORDS =
      Set.of("ok", "error", "rows", "query", "expect", "columns", "session", "autocommit",
          "commit", "rollback", "conflict", "end", "skipif");
  private static final Pattern STATE = Pattern.compile("[0-9A-Z]{2}|[0-9A-Z]{5}");

  final String name;
  final List<Step> steps;

  private SqlScript(String name, List<Step> steps) {
    this.name = name;
    this.steps = steps;
  }

  /** Number of SQL statements (statements, queries and statements inside conflict blocks). */
  int statementCount() {
    int n = 0;
    for (Step s : steps) {
      if (s instanceof Exec || s instanceof Query) {
        n++;
      } else if (s instanceof Conflict c) {
        n += c.statements().size();
      }
    }
    return n;
  }

  /** Parses {@code text}; {@code name} is used in error messages. */
  static SqlScript parse(String name, String text) {
    return new Parser(name, text.split("\r?\n", -1)).parse();
  }

  /** Thrown for a malformed script. */
  static final class ScriptSyntaxException extends RuntimeException {
    ScriptSyntaxException(String file, int line, String message) {
      super(file + ":" + line + ": " + message);
    }
  }

  private static final class Parser {
    private final String file;
    private final String[] lines;
    private int pos; // index of the next unread line
    private final List<Step> steps = new ArrayList<>();

    Parser(String file, String[] lines) {
      this.file = file;
      this.lines = lines;
    }

    SqlScript parse() {
      Set<String> skipIf = Set.of();
      int skipLine = 0;
      while (pos < lines.length) {
        String raw = stripEnd(lines[pos]);
        int lineNo = pos + 1;
        pos++;
        if (raw.isBlank()) {
          continue;
        }
        if (!raw.startsWith("--")) {
          throw error(lineNo, "SQL without a directive before it (-- ok, -- query, ...): " + raw);
        }
        String[] words = raw.substring(2).trim().split("\\s+");
        String keyword = words[0];
        if (!KEYWORDS.contains(keyword)) {
          continue; // a comment
        }
        Step step =
            switch (keyword) {
              case "skipif" -> {
                if (words.length != 2) {
                  throw error(lineNo, "expected: -- skipif engine[,engine...]");
                }
                skipIf = Set.of(words[1].toLowerCase(Locale.ROOT).split(","));
                skipLine = lineNo;
                yield null;
              }
              case "ok" -> {
                arity(words, 1, lineNo, "-- ok");
                yield new Exec(lineNo, skipIf, readStatement(lineNo), new Ok());
              }
              case "rows" -> {
                arity(words, 2, lineNo, "-- rows N");
                long n;
                try {
                  n = Long.parseLong(words[1]);
                } catch (NumberFormatException e) {
                  throw error(lineNo, "expected: -- rows N");
                }
                yield new Exec(lineNo, skipIf, readStatement(lineNo), new Rows(n));
              }
              case "error" -> {
                arity(words, 2, lineNo, "-- error STATE");
                yield new Exec(lineNo, skipIf, readStatement(lineNo), new Error(state(words[1], lineNo)));
              }
              case "query" -> {
                arity(words, 1, lineNo, "-- query");
                yield readQuery(lineNo, skipIf);
              }
              case "session" -> {
                arity(words, 2, lineNo, "-- session NAME");
                yield new Session(lineNo, skipIf, words[1].toUpperCase(Locale.ROOT));
              }
              case "autocommit" -> {
                arity(words, 2, lineNo, "-- autocommit on|off");
                JdbcAction a =
                    switch (words[1].toLowerCase(Locale.ROOT)) {
                      case "on" -> JdbcAction.AUTOCOMMIT_ON;
                      case "off" -> JdbcAction.AUTOCOMMIT_OFF;
                      default -> throw error(lineNo, "expected: -- autocommit on|off");
                    };
                yield new Jdbc(lineNo, skipIf, a, null);
              }
              case "commit", "rollback" -> {
                JdbcAction a = keyword.equals("commit") ? JdbcAction.COMMIT : JdbcAction.ROLLBACK;
                if (words.length == 1) {
                  yield new Jdbc(lineNo, skipIf, a, null);
                }
                if (words.length == 3 && words[1].equalsIgnoreCase("error")) {
                  yield new Jdbc(lineNo, skipIf, a, state(words[2], lineNo));
                }
                throw error(lineNo, "expected: -- " + keyword + " [error STATE]");
              }
              case "conflict" -> {
                arity(words, 2, lineNo, "-- conflict STATE");
                yield readConflict(lineNo, skipIf, state(words[1], lineNo));
              }
              default -> throw error(lineNo, "-- " + keyword + " out of place");
            };
        if (step != null) {
          steps.add(step);
          skipIf = Set.of();
        }
      }
      if (!skipIf.isEmpty()) {
        throw error(skipLine, "-- skipif at the end of the file");
      }
      return new SqlScript(file, List.copyOf(steps));
    }

    /** Reads one statement: lines up to the first one ending with ';' (which is dropped). */
    private String readStatement(int directiveLine) {
      StringBuilder sql = new StringBuilder();
      while (pos < lines.length) {
        String line = stripEnd(lines[pos]);
        int lineNo = pos + 1;
        pos++;
        if (sql.isEmpty() && line.isBlank()) {
          continue;
        }
        if (line.startsWith("--")) {
          throw error(lineNo, "directive inside a statement (missing ';' at the end of the statement"
              + " that starts after line " + directiveLine + "?)");
        }
        if (!sql.isEmpty()) {
          sql.append('\n');
        }
        if (line.endsWith(";")) {
          sql.append(line, 0, line.length() - 1);
          return sql.toString().strip();
        }
        sql.append(line);
      }
      throw error(directiveLine, "statement not terminated by ';' before the end of the file");
    }

    private Query readQuery(int lineNo, Set<String> skipIf) {
      String sql = readStatement(lineNo);
      List<String> columns = null;
      String next = nextNonBlank(lineNo, "-- expect");
      if (next.startsWith("--") && firstWord(next).equals("columns")) {
        String spec = next.substring(2).trim().substring("columns".length()).trim();
        columns = List.of(spec.split("\\|", -1));
        next = nextNonBlank(lineNo, "-- expect");
      }
      String[] words = next.startsWith("--") ? next.substring(2).trim().split("\\s+") : new String[0];
      if (words.length == 0 || !words[0].equals("expect")) {
        throw error(pos, "expected '-- expect' or '-- expect sorted' after the query of line " + lineNo);
      }
      boolean sorted;
      if (words.length == 1) {
        sorted = false;
      } else if (words.length == 2 && words[1].equals("sorted")) {
        sorted = true;
      } else {
        throw error(pos, "expected '-- expect' or '-- expect sorted'");
      }
      List<String> rows = new ArrayList<>();
      while (pos < lines.length) {
        String line = stripEnd(lines[pos]);
        if (line.isEmpty() || line.startsWith("--")) {
          break;
        }
        rows.add(line);
        pos++;
      }
      return new Query(lineNo, skipIf, sql, columns, sorted, List.copyOf(rows));
    }

    private Conflict readConflict(int lineNo, Set<String> skipIf, String state) {
      List<Exec> statements = new ArrayList<>();
      while (true) {
        if (pos >= lines.length) {
          throw error(lineNo, "-- conflict without -- end");
        }
        String line = stripEnd(lines[pos]);
        if (line.isBlank()) {
          pos++;
          continue;
        }
        if (line.startsWith("--")) {
          String w = firstWord(line);
          if (w.equals("end")) {
            pos++;
            break;
          }
          if (KEYWORDS.contains(w)) {
            throw error(pos + 1, "only plain statements may appear between -- conflict and -- end");
          }
          pos++;
          continue;
        }
        int stmtLine = pos + 1;
        statements.add(new Exec(stmtLine, Set.of(), readStatement(stmtLine), new Ok()));
      }
      if (statements.isEmpty()) {
        throw error(lineNo, "empty -- conflict block");
      }
      return new Conflict(lineNo, skipIf, state, List.copyOf(statements));
    }

    private String nextNonBlank(int queryLine, String what) {
      while (pos < lines.length) {
        String line = stripEnd(lines[pos]);
        pos++;
        if (!line.isBlank()) {
          return line;
        }
      }
      throw error(queryLine, "query without " + what);
    }

    private String state(String s, int lineNo) {
      if (!STATE.matcher(s).matches()) {
        throw error(lineNo, "SQLState must be 5 characters, or 2 for a class: " + s);
      }
      return s;
    }

    private void arity(String[] words, int n, int lineNo, String usage) {
      if (words.length != n) {
        throw error(lineNo, "expected: " + usage);
      }
    }

    private ScriptSyntaxException error(int line, String message) {
      return new ScriptSyntaxException(file, line, message);
    }

    private static String firstWord(String directiveLine) {
      String[] w = directiveLine.substring(2).trim().split("\\s+");
      return w[0];
    }

    private static String stripEnd(String s) {
      return s.stripTrailing();
    }
  }
}
