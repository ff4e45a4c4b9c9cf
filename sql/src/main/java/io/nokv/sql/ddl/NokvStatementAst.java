package io.nokv.sql.ddl;

import io.nokv.sql.encoding.SqlType;
import java.util.List;

/** The statements NoKV parses itself (DDL and transaction control); everything else goes to Calcite. */
public sealed interface NokvStatementAst {

  /** A possibly schema-qualified name; {@code schema} is null when not given. */
  record Name(String schema, String name) {
    @Override
    public String toString() {
      return schema == null ? name : schema + "." + name;
    }
  }

  /** A column as declared in CREATE TABLE or ALTER TABLE ADD COLUMN. */
  record ColumnSpec(String name, SqlType type, boolean notNull, String defaultSql, boolean primaryKey, boolean unique) {}

  record CreateTable(Name name, boolean ifNotExists, List<ColumnSpec> columns, List<String> primaryKey,
      List<List<String>> uniques) implements NokvStatementAst {}

  record DropTable(List<Name> names, boolean ifExists) implements NokvStatementAst {}

  record CreateIndex(String name, Name table, List<String> columns, boolean unique, boolean ifNotExists)
      implements NokvStatementAst {}

  record DropIndex(Name name, boolean ifExists) implements NokvStatementAst {}

  record AddColumn(Name table, ColumnSpec column, boolean ifNotExists) implements NokvStatementAst {}

  record DropColumn(Name table, String column, boolean ifExists) implements NokvStatementAst {}

  record CreateSchema(String name, boolean ifNotExists) implements NokvStatementAst {}

  record DropSchema(String name, boolean ifExists, boolean cascade) implements NokvStatementAst {}

  record Begin() implements NokvStatementAst {}

  record Commit() implements NokvStatementAst {}

  record Rollback() implements NokvStatementAst {}

  /** {@code SET SCHEMA name} (also {@code SET search_path TO name}): the session's default schema. */
  record SetSchema(String name) implements NokvStatementAst {}
}
