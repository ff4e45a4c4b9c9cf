package io.nokv.sql.ddl;

import io.nokv.sql.ddl.NokvStatementAst.AddColumn;
import io.nokv.sql.ddl.NokvStatementAst.ColumnSpec;
import io.nokv.sql.ddl.NokvStatementAst.CreateIndex;
import io.nokv.sql.ddl.NokvStatementAst.CreateSchema;
import io.nokv.sql.ddl.NokvStatementAst.CreateTable;
import io.nokv.sql.ddl.NokvStatementAst.DropColumn;
import io.nokv.sql.ddl.NokvStatementAst.DropIndex;
import io.nokv.sql.ddl.NokvStatementAst.DropSchema;
import io.nokv.sql.ddl.NokvStatementAst.DropTable;
import io.nokv.sql.ddl.NokvStatementAst.Name;
import io.nokv.sql.encoding.ColumnType;
import io.nokv.sql.encoding.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses NoKV's own statements: CREATE/DROP TABLE, CREATE/DROP INDEX, ALTER TABLE ADD/DROP COLUMN,
 * CREATE/DROP SCHEMA, BEGIN/START TRANSACTION, COMMIT, ROLLBACK and SET SCHEMA. Calcite's parser
 * has no CREATE INDEX or ALTER TABLE and rejects a column-level PRIMARY KEY, which users type, so
 * the DDL grammar is ours; queries and DML go to Calcite.
 */
public final class DdlParser {
  private static final Set<String> COLUMN_OPTION_WORDS =
      Set.of("not", "null", "primary", "unique", "constraint", "references", "check", "default");

  private final String sql;
  private final List<Token> tokens;
  private int pos;

  private DdlParser(String sql) {
    this.sql = sql;
    this.tokens = SqlLexer.tokenize(sql);
  }

  /**
   * The statement if it is one of ours, or null when it is for Calcite (queries, DML, EXPLAIN).
   *
   * @throws SqlSyntaxException when it starts like one of ours but does not parse
   */
  public static NokvStatementAst parse(String sql) {
    DdlParser p = new DdlParser(sql);
    NokvStatementAst st = p.statement();
    if (st != null) {
      p.accept(";");
      p.expectEnd();
    }
    return st;
  }

  /**
   * {@code sql} without a trailing {@code FOR UPDATE} when it is a query that ends in one, else null.
   * Calcite's parser does not take FOR UPDATE; the session locks the rows such a query reads.
   */
  public static String stripForUpdate(String sql) {
    List<Token> t;
    try {
      t = SqlLexer.tokenize(sql);
    } catch (SqlSyntaxException e) {
      return null;
    }
    int end = t.size() - 1; // END token
    if (end >= 1 && t.get(end - 1).isSymbol(";")) {
      end--;
    }
    if (end >= 3 && t.get(end - 1).is("update") && t.get(end - 2).is("for")
        && (t.get(0).is("select") || t.get(0).is("with") || t.get(0).isSymbol("("))) {
      return sql.substring(0, t.get(end - 2).offset());
    }
    return null;
  }

  private NokvStatementAst statement() {
    Token t = peek();
    if (t.is("create")) {
      Token second = tokens.get(pos + 1);
      if (second.is("table")) {
        pos += 2;
        return createTable();
      }
      if (second.is("index") || (second.is("unique") && tokens.get(pos + 2).is("index"))) {
        pos++;
        return createIndex();
      }
      if (second.is("schema")) {
        pos += 2;
        boolean ine = ifNotExists();
        return new CreateSchema(identifier("schema name"), ine);
      }
      return null;
    }
    if (t.is("drop")) {
      Token second = tokens.get(pos + 1);
      if (second.is("table")) {
        pos += 2;
        boolean ie = ifExists();
        List<Name> names = new ArrayList<>();
        do {
          names.add(name("table name"));
        } while (accept(","));
        if (!accept("cascade")) {
          accept("restrict");
        }
        return new DropTable(names, ie);
      }
      if (second.is("index")) {
        pos += 2;
        boolean ie = ifExists();
        Name n = name("index name");
        if (accept("on")) {
          Name table = name("table name");
          n = new Name(n.schema() != null ? n.schema() : table.schema(), n.name());
        }
        return new DropIndex(n, ie);
      }
      if (second.is("schema")) {
        pos += 2;
        boolean ie = ifExists();
        String name = identifier("schema name");
        boolean cascade = accept("cascade");
        if (!cascade) {
          accept("restrict");
        }
        return new DropSchema(name, ie, cascade);
      }
      return null;
    }
    if (t.is("alter") && tokens.get(pos + 1).is("table")) {
      pos += 2;
      return alterTable();
    }
    if (t.is("begin") || (t.is("start") && tokens.get(pos + 1).is("transaction"))) {
      pos++;
      if (!accept("transaction")) {
        accept("work");
      }
      return new NokvStatementAst.Begin();
    }
    if (t.is("commit") || t.is("end")) {
      pos++;
      if (!accept("transaction")) {
        accept("work");
      }
      return new NokvStatementAst.Commit();
    }
    if (t.is("rollback")) {
      pos++;
      if (!accept("transaction")) {
        accept("work");
      }
      return new NokvStatementAst.Rollback();
    }
    if (t.is("set") && tokens.get(pos + 1).is("schema")) {
      pos += 2;
      return new NokvStatementAst.SetSchema(identifierOrString("schema name"));
    }
    if (t.is("set") && tokens.get(pos + 1).is("search_path")) {
      pos += 2;
      if (!accept("to")) {
        expect("=");
      }
      return new NokvStatementAst.SetSchema(identifierOrString("schema name"));
    }
    return null;
  }

  private CreateTable createTable() {
    boolean ine = ifNotExists();
    Name name = name("table name");
    expect("(");
    List<ColumnSpec> cols = new ArrayList<>();
    List<String> pk = new ArrayList<>();
    List<List<String>> uniques = new ArrayList<>();
    do {
      if (accept("constraint")) {
        identifier("constraint name");
      }
      if (peek().is("primary")) {
        pos++;
        expect("key");
        if (!pk.isEmpty()) {
          throw error("a table has at most one PRIMARY KEY");
        }
        pk.addAll(columnList());
      } else if (peek().is("unique")) {
        pos++;
        accept("key");
        uniques.add(columnList());
      } else if (peek().is("foreign") || peek().is("check")) {
        throw new UnsupportedSqlException(peek().raw().toUpperCase() + " constraints are not supported");
      } else {
        ColumnSpec c = column();
        if (c.primaryKey()) {
          if (!pk.isEmpty()) {
            throw error("a table has at most one PRIMARY KEY");
          }
          pk.add(c.name());
        }
        if (c.unique()) {
          uniques.add(List.of(c.name()));
        }
        cols.add(c);
      }
    } while (accept(","));
    expect(")");
    return new CreateTable(name, ine, cols, pk, uniques);
  }

  private CreateIndex createIndex() {
    boolean unique = accept("unique");
    expect("index");
    boolean ine = ifNotExists();
    String name = identifier("index name");
    expect("on");
    Name table = name("table name");
    return new CreateIndex(name, table, columnList(), unique, ine);
  }

  private NokvStatementAst alterTable() {
    Name table = name("table name");
    if (accept("add")) {
      accept("column");
      boolean ine = ifNotExists();
      ColumnSpec c = column();
      if (c.primaryKey()) {
        throw new UnsupportedSqlException("ALTER TABLE cannot add a PRIMARY KEY column");
      }
      return new AddColumn(table, c, ine);
    }
    if (accept("drop")) {
      accept("column");
      boolean ie = ifExists();
      return new DropColumn(table, identifier("column name"), ie);
    }
    throw error("expected ADD or DROP");
  }

  private ColumnSpec column() {
    String name = identifier("column name");
    SqlType type = type();
    boolean notNull = false;
    boolean primaryKey = false;
    boolean unique = false;
    String defaultSql = null;
    while (true) {
      if (accept("not")) {
        expect("null");
        notNull = true;
      } else if (accept("null")) {
        notNull = false;
      } else if (accept("primary")) {
        expect("key");
        primaryKey = true;
      } else if (accept("unique")) {
        accept("key");
        unique = true;
      } else if (accept("default")) {
        defaultSql = defaultExpression();
      } else if (accept("constraint")) {
        identifier("constraint name");
      } else if (peek().is("references") || peek().is("check")) {
        throw new UnsupportedSqlException(peek().raw().toUpperCase() + " constraints are not supported");
      } else {
        break;
      }
    }
    return new ColumnSpec(name, type, notNull || primaryKey, defaultSql, primaryKey, unique);
  }

  /** The text of a DEFAULT expression: up to the next column option, comma or closing parenthesis. */
  private String defaultExpression() {
    int start = peek().offset();
    int depth = 0;
    int end = start;
    while (true) {
      Token t = peek();
      if (t.kind() == Token.Kind.END) {
        break;
      }
      if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")") || t.isSymbol(";")
          || (t.kind() == Token.Kind.WORD && COLUMN_OPTION_WORDS.contains(t.text()) && end > start
              && !(t.is("null") && sql.substring(start, end).isBlank())))) {
        break;
      }
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      }
      end = t.offset() + t.raw().length();
      pos++;
    }
    if (end == start) {
      throw error("expected a DEFAULT value");
    }
    return sql.substring(start, end);
  }

  private SqlType type() {
    Token t = peek();
    if (t.kind() != Token.Kind.WORD) {
      throw error("expected a type");
    }
    pos++;
    String w = t.text();
    switch (w) {
      case "boolean", "bool" -> { return SqlType.of(ColumnType.BOOLEAN); }
      case "tinyint" -> { return SqlType.of(ColumnType.TINYINT); }
      case "smallint", "int2" -> { return SqlType.of(ColumnType.SMALLINT); }
      case "integer", "int", "int4" -> { return SqlType.of(ColumnType.INTEGER); }
      case "bigint", "int8" -> { return SqlType.of(ColumnType.BIGINT); }
      case "real", "float4" -> { return SqlType.of(ColumnType.REAL); }
      case "float", "float8" -> {
        optionalLength();
        return SqlType.of(ColumnType.DOUBLE);
      }
      case "double" -> {
        accept("precision");
        return SqlType.of(ColumnType.DOUBLE);
      }
      case "decimal", "numeric", "dec" -> {
        int p = 38;
        int s = 0;
        if (accept("(")) {
          p = integer("precision");
          if (accept(",")) {
            s = integer("scale");
          }
          expect(")");
        }
        if (p < 1 || p > 38 || s < 0 || s > p) {
          throw error("DECIMAL precision must be 1..38 and scale 0..precision, got (" + p + "," + s + ")");
        }
        return new SqlType(ColumnType.DECIMAL, p, s);
      }
      case "char", "character" -> {
        if (accept("varying")) {
          return new SqlType(ColumnType.VARCHAR, optionalLength(), -1);
        }
        int n = optionalLength();
        return new SqlType(ColumnType.CHAR, n < 0 ? 1 : n, -1);
      }
      case "varchar", "nvarchar", "varchar2" -> { return new SqlType(ColumnType.VARCHAR, optionalLength(), -1); }
      case "text", "string", "clob" -> { return new SqlType(ColumnType.VARCHAR, -1, -1); }
      case "varbinary", "bytea", "blob", "binary" -> {
        accept("varying");
        return new SqlType(ColumnType.VARBINARY, optionalLength(), -1);
      }
      case "date" -> { return SqlType.of(ColumnType.DATE); }
      case "time" -> {
        optionalLength();
        withoutTimeZone();
        return SqlType.of(ColumnType.TIME);
      }
      case "timestamp", "datetime" -> {
        optionalLength();
        withoutTimeZone();
        return SqlType.of(ColumnType.TIMESTAMP);
      }
      default -> throw new SqlSyntaxException("unknown type " + t.raw(), sql, t.offset());
    }
  }

  private void withoutTimeZone() {
    if (peek().is("without")) {
      pos++;
      expect("time");
      expect("zone");
    } else if (peek().is("with") && tokens.get(pos + 1).is("time")) {
      throw new UnsupportedSqlException("TIME and TIMESTAMP WITH TIME ZONE are not supported");
    }
  }

  private int optionalLength() {
    if (!accept("(")) {
      return -1;
    }
    int n = integer("length");
    expect(")");
    if (n < 1) {
      throw error("a length must be at least 1");
    }
    return n;
  }

  private int integer(String what) {
    Token t = peek();
    if (t.kind() != Token.Kind.NUMBER || !t.text().chars().allMatch(Character::isDigit)) {
      throw error("expected " + what);
    }
    pos++;
    try {
      return Integer.parseInt(t.text());
    } catch (NumberFormatException e) {
      throw new SqlSyntaxException(what + " is too large: " + t.text(), sql, t.offset());
    }
  }

  private List<String> columnList() {
    expect("(");
    List<String> cols = new ArrayList<>();
    do {
      cols.add(identifier("column name"));
      if (!accept("asc")) {
        accept("desc");
      }
    } while (accept(","));
    expect(")");
    return cols;
  }

  private boolean ifNotExists() {
    if (peek().is("if")) {
      pos++;
      expect("not");
      expect("exists");
      return true;
    }
    return false;
  }

  private boolean ifExists() {
    if (peek().is("if")) {
      pos++;
      expect("exists");
      return true;
    }
    return false;
  }

  private Name name(String what) {
    String first = identifier(what);
    if (accept(".")) {
      return new Name(first, identifier(what));
    }
    return new Name(null, first);
  }

  private String identifier(String what) {
    Token t = peek();
    if (t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED) {
      pos++;
      return t.text();
    }
    throw error("expected " + what);
  }

  private String identifierOrString(String what) {
    if (peek().kind() == Token.Kind.STRING) {
      return tokens.get(pos++).text();
    }
    return identifier(what);
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private boolean accept(String wordOrSymbol) {
    Token t = peek();
    if (t.is(wordOrSymbol) || t.isSymbol(wordOrSymbol)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(String wordOrSymbol) {
    if (!accept(wordOrSymbol)) {
      throw error("expected " + wordOrSymbol.toUpperCase());
    }
  }

  private void expectEnd() {
    if (peek().kind() != Token.Kind.END) {
      throw error("unexpected " + peek().raw());
    }
  }

  private SqlSyntaxException error(String message) {
    Token t = peek();
    String found = t.kind() == Token.Kind.END ? "end of statement" : "\"" + t.raw() + "\"";
    return new SqlSyntaxException(message + ", found " + found, sql, t.offset());
  }
}
