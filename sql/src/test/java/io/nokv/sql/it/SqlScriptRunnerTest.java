package io.nokv.sql.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness itself, without NoKV: the parser on every committed script, and the runner against
 * an in-memory H2 database (so a broken runner shows up in the default build, not only when NoKV
 * runs the scripts).
 */
class SqlScriptRunnerTest {
  private static final String H2 = "jdbc:h2:mem:;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=LOW";

  @Test
  void everyScriptParsesAndTheSuiteIsLargeEnough() throws Exception {
    int total = 0;
    for (Path p : SqlCorrectnessTest.scriptFiles("")) {
      SqlScript s = SqlScript.parse(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
      System.out.printf("%-18s %4d statements%n", p.getFileName(), s.statementCount());
      total += s.statementCount();
    }
    System.out.println("total statements: " + total);
    assertTrue(total >= 320, "suite has " + total + " statements");
  }

  @Test
  void passingScriptPasses() throws Exception {
    SqlScriptRunner.Report r = run("""
        -- a comment
        -- ok
        CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10), d DECIMAL(5,2), f DOUBLE, b BOOLEAN);
        -- rows 2
        INSERT INTO t VALUES (1, 'a|b', 1.5, 0.1, TRUE),
          (2, '', NULL, 100, FALSE);
        -- error 23505
        INSERT INTO t VALUES (1, 'x', 0, 0, TRUE);
        -- error 42
        SELECT nope FROM t;
        -- query
        SELECT id, v, d, f, b FROM t ORDER BY id;
        -- columns id|v|d|f|b
        -- expect
        1|a\\|b|1.50|0.1|TRUE
        2|''|NULL|100.0|FALSE
        -- query
        SELECT id FROM t WHERE id > 5;
        -- expect
        -- query
        SELECT id FROM t ORDER BY id DESC;
        -- expect sorted
        1
        2
        -- session B
        -- autocommit off
        -- rows 1
        DELETE FROM t WHERE id = 2;
        -- rollback
        -- session A
        -- query
        SELECT COUNT(*) FROM t;
        -- expect
        2
        """);
    assertEquals(List.of(), r.failures());
    assertEquals(9, r.statements());
    assertEquals(11, r.passed());
  }

  @Test
  void mismatchesAreReportedWithTheirLine() throws Exception {
    SqlScriptRunner.Report r = run("""
        -- ok
        CREATE TABLE t (id INT PRIMARY KEY);
        -- rows 3
        INSERT INTO t VALUES (1), (2);
        -- error 23505
        INSERT INTO t VALUES (3);
        -- query
        SELECT id FROM t ORDER BY id;
        -- expect
        2
        1
        -- skipif h2
        -- query
        SELECT broken syntax here;
        -- expect
        1
        """);
    assertEquals(List.of(3, 5, 7), r.failures().stream().map(SqlScriptRunner.Failure::line).toList());
    assertEquals(1, r.skipped());
    assertTrue(r.failures().get(0).toString().startsWith("inline.sql:3: INSERT INTO t VALUES (1), (2)"));
  }

  @Test
  void malformedScriptsAreRejected() {
    assertThrows(SqlScript.ScriptSyntaxException.class, () -> SqlScript.parse("x", "SELECT 1;"));
    assertThrows(SqlScript.ScriptSyntaxException.class, () -> SqlScript.parse("x", "-- ok\nSELECT 1\n-- ok\nSELECT 2;"));
    assertThrows(SqlScript.ScriptSyntaxException.class, () -> SqlScript.parse("x", "-- error 2350\nSELECT 1;"));
    assertThrows(SqlScript.ScriptSyntaxException.class, () -> SqlScript.parse("x", "-- query\nSELECT 1;\n1"));
    assertThrows(SqlScript.ScriptSyntaxException.class, () -> SqlScript.parse("x", "-- conflict 40001\nSELECT 1;"));
  }

  @Test
  void stringsAreEscaped() {
    assertEquals("''", ResultFormat.string(""));
    assertEquals("'NULL'", ResultFormat.string("NULL"));
    assertEquals("'ab  '", ResultFormat.string("ab  "));
    assertEquals("a\\|b\\\\c\\n", ResultFormat.string("a|b\\c\n"));
    assertEquals("10:30:00.5", ResultFormat.normalizeTime("10:30:00.500"));
    assertEquals("10:30:00", ResultFormat.normalizeTime("10:30"));
  }

  private static SqlScriptRunner.Report run(String text) throws Exception {
    String url = TestDatabases.fresh(H2, "inline");
    return new SqlScriptRunner(SqlScript.parse("inline.sql", text), url).run();
  }
}
