package io.nokv.sql.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.sql.ddl.NokvStatementAst.AddColumn;
import io.nokv.sql.ddl.NokvStatementAst.CreateIndex;
import io.nokv.sql.ddl.NokvStatementAst.CreateTable;
import io.nokv.sql.ddl.NokvStatementAst.DropIndex;
import io.nokv.sql.ddl.NokvStatementAst.DropTable;
import io.nokv.sql.encoding.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlParserTest {
  @Test
  void columnLevelPrimaryKeyAndOptions() {
    CreateTable t = (CreateTable) DdlParser.parse(
        "create table if not exists S.\"Mixed\" (ID int primary key, name varchar(20) not null default 'x', "
            + "price decimal(10,2), u text unique, b boolean null)");
    assertTrue(t.ifNotExists());
    assertEquals("s", t.name().schema());
    assertEquals("Mixed", t.name().name());
    assertEquals(List.of("id"), t.primaryKey());
    assertEquals(List.of(List.of("u")), t.uniques());
    assertEquals("'x'", t.columns().get(1).defaultSql());
    assertTrue(t.columns().get(1).notNull());
    assertEquals(ColumnType.DECIMAL, t.columns().get(2).type().type());
    assertEquals(10, t.columns().get(2).type().precision());
    assertEquals(2, t.columns().get(2).type().scale());
    assertFalse(t.columns().get(4).notNull());
  }

  @Test
  void tableLevelCompositeKeyAndConstraints() {
    CreateTable t = (CreateTable) DdlParser.parse(
        "CREATE TABLE t (a INT, b BIGINT, c DOUBLE PRECISION, CONSTRAINT pk PRIMARY KEY (a, b), UNIQUE (c));");
    assertEquals(List.of("a", "b"), t.primaryKey());
    assertEquals(List.of(List.of("c")), t.uniques());
    assertEquals(ColumnType.DOUBLE, t.columns().get(2).type().type());
  }

  @Test
  void defaultExpressionsStopAtTheNextOption() {
    CreateTable t = (CreateTable) DdlParser.parse(
        "CREATE TABLE t (a INT DEFAULT -1 NOT NULL, b TIMESTAMP DEFAULT CURRENT_TIMESTAMP, c INT DEFAULT NULL)");
    assertEquals("-1", t.columns().get(0).defaultSql());
    assertTrue(t.columns().get(0).notNull());
    assertEquals("CURRENT_TIMESTAMP", t.columns().get(1).defaultSql());
    assertEquals("NULL", t.columns().get(2).defaultSql());
  }

  @Test
  void indexesAlterAndDrop() {
    CreateIndex ix = (CreateIndex) DdlParser.parse("CREATE UNIQUE INDEX IF NOT EXISTS i1 ON t (a DESC, b)");
    assertTrue(ix.unique());
    assertTrue(ix.ifNotExists());
    assertEquals(List.of("a", "b"), ix.columns());
    DropIndex di = (DropIndex) DdlParser.parse("DROP INDEX IF EXISTS s.i1");
    assertEquals("s", di.name().schema());
    AddColumn ac = (AddColumn) DdlParser.parse("ALTER TABLE t ADD COLUMN x VARCHAR(3) DEFAULT 'a'");
    assertEquals("x", ac.column().name());
    assertInstanceOf(NokvStatementAst.DropColumn.class, DdlParser.parse("alter table t drop x"));
    DropTable dt = (DropTable) DdlParser.parse("DROP TABLE IF EXISTS a, b CASCADE");
    assertEquals(2, dt.names().size());
  }

  @Test
  void transactionControl() {
    assertInstanceOf(NokvStatementAst.Begin.class, DdlParser.parse("BEGIN"));
    assertInstanceOf(NokvStatementAst.Begin.class, DdlParser.parse("start transaction;"));
    assertInstanceOf(NokvStatementAst.Commit.class, DdlParser.parse("COMMIT WORK"));
    assertInstanceOf(NokvStatementAst.Rollback.class, DdlParser.parse("rollback"));
    assertEquals("s", ((NokvStatementAst.SetSchema) DdlParser.parse("SET search_path TO s")).name());
  }

  @Test
  void queriesAndDmlAreNotOurs() {
    assertNull(DdlParser.parse("SELECT 1"));
    assertNull(DdlParser.parse("insert into t values (1)"));
    assertNull(DdlParser.parse("CREATE VIEW v AS SELECT 1"));
    assertNull(DdlParser.parse("  -- comment\n UPDATE t SET a = 1"));
  }

  @Test
  void errorsCarryThePosition() {
    SqlSyntaxException e = assertThrows(SqlSyntaxException.class,
        () -> DdlParser.parse("CREATE TABLE t (a INT,\n  b FOO)"));
    assertEquals(2, e.line());
    assertEquals(5, e.column());
    assertThrows(SqlSyntaxException.class, () -> DdlParser.parse("CREATE TABLE t (a INT"));
    assertThrows(SqlSyntaxException.class, () -> DdlParser.parse("CREATE TABLE t (a INT PRIMARY KEY, b INT PRIMARY KEY)"));
    assertThrows(UnsupportedSqlException.class, () -> DdlParser.parse("CREATE TABLE t (a INT CHECK (a > 0))"));
    assertThrows(SqlSyntaxException.class, () -> DdlParser.parse("CREATE TABLE t (a DECIMAL(40,2))"));
  }

  @Test
  void forUpdateIsStripped() {
    assertEquals("SELECT * FROM t WHERE a = 1 ", DdlParser.stripForUpdate("SELECT * FROM t WHERE a = 1 FOR UPDATE"));
    assertEquals("select 1 ", DdlParser.stripForUpdate("select 1 for update;"));
    assertNull(DdlParser.stripForUpdate("SELECT 'for update'"));
    assertNull(DdlParser.stripForUpdate("UPDATE t SET a = 1"));
  }
}
