package io.nokv.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.jdbc.NokvDriver;
import io.nokv.server.H2Database;
import io.nokv.server.sql.SqlServer;
import io.nokv.server.sql.SqlServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nokv sql} against a SQL server over H2 (TODO(integrator): and over NoKV, once it exists). */
class SqlCommandTest {
  @TempDir Path tmp;

  private final H2Database h2 = new H2Database();
  private SqlServer server;
  private String url;

  @BeforeEach
  void startServer() {
    server = SqlServer.start(SqlServerConfig.of(h2.url(), "127.0.0.1", 0));
    url = "jdbc:nokv://" + server.hostAndPort();
  }

  @AfterEach
  void stopServer() {
    server.close();
    h2.shutdown();
  }

  private static CliHarness.Run sql(String... args) {
    return sqlWithInput("", args);
  }

  private static CliHarness.Run sqlWithInput(String stdin, String... args) {
    CliHarness.Run run = new CliHarness.Run();
    run.stdin = stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String[] all = new String[args.length + 1];
    all[0] = "sql";
    System.arraycopy(args, 0, all, 1, args.length);
    new CliHarness(dir -> {
      throw new AssertionError("sql opens no server database");
    }).run(run, all);
    return run;
  }

  @Test
  void executesStatementsAndPrintsAWholeTableWithoutATerminal() {
    CliHarness.Run run = sql("--url", url, "-e",
        "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(10)); INSERT INTO t VALUES (1, 'alice'), (2, 'bob');"
            + " SELECT id, name FROM t ORDER BY id");
    assertEquals(0, run.code, run.err() + run.sqlErr());
    assertEquals("""
        +----+-------+
        | ID | NAME  |
        +----+-------+
        | 1  | alice |
        | 2  | bob   |
        +----+-------+
        """, run.sqlOut());
    assertEquals("", run.sqlErr());
    assertEquals("", run.err());
  }

  @Test
  void outputFormatIsPassedThrough() {
    CliHarness.Run run = sql("--url", url, "--outputformat=csv", "-e", "SELECT 1 AS a, 'x' AS b");
    assertEquals(0, run.code, run.err() + run.sqlErr());
    assertEquals("'A','B'\n'1','x'\n", run.sqlOut());
  }

  @Test
  void repeatedDashEAllRun() {
    CliHarness.Run run = sql("--url", url, "--outputformat=csv",
        "-e", "CREATE TABLE t (id INT)", "-e", "INSERT INTO t VALUES (7)", "-e", "SELECT id FROM t");
    assertEquals(0, run.code, run.err() + run.sqlErr());
    assertEquals("'ID'\n'7'\n", run.sqlOut());
  }

  @Test
  void aFailingStatementExitsOneWithOneErrorLine() {
    // sqlline's own status would only reflect the last statement, which succeeds here.
    CliHarness.Run run = sql("--url", url, "--outputformat=csv", "-e", "SELECT 1 AS a; SELECT * FROM nope; SELECT 2 AS b");
    assertEquals(1, run.code);
    List<String> errors = run.sqlErr().lines().filter(l -> l.startsWith("Error: ")).toList();
    assertEquals(1, errors.size(), run.sqlErr());
    assertTrue(errors.get(0).matches("Error: .*NOPE.* \\(state=42S0\\d,code=421\\d\\d\\)"), errors.get(0));
    assertFalse(run.sqlErr().contains("\tat "), "no stack trace without --verbose: " + run.sqlErr());
  }

  @Test
  void runsAScriptFileAndStopsAtTheFirstError() throws IOException {
    Path ok = Files.writeString(tmp.resolve("ok.sql"), """
        CREATE TABLE s (id INT PRIMARY KEY);
        INSERT INTO s VALUES (1);
        SELECT COUNT(*) AS n FROM s;
        """);
    CliHarness.Run run = sql("--url", url, "--outputformat=csv", "-f", ok.toString());
    assertEquals(0, run.code, run.err() + run.sqlErr());
    assertEquals("'N'\n'1'\n", run.sqlOut());

    Path bad = Files.writeString(tmp.resolve("bad.sql"), """
        INSERT INTO s VALUES (1);
        INSERT INTO s VALUES (2);
        """);
    CliHarness.Run failed = sql("--url", url, "-f", bad.toString());
    assertEquals(1, failed.code);
    assertTrue(failed.sqlErr().contains("(state=23505,"), failed.sqlErr());
  }

  @Test
  void pipedInputRunsAsAScript() {
    CliHarness.Run run = sqlWithInput("CREATE TABLE p (id INT);\nINSERT INTO p VALUES (5);\nSELECT id FROM p;\n",
        "--url", url, "--outputformat=csv");
    assertEquals(0, run.code, run.err() + run.sqlErr());
    assertEquals("'ID'\n'5'\n", run.sqlOut(), "no prompt, no echo");
    CliHarness.Run failing = sqlWithInput("SELECT * FROM nope;\n", "--url", url);
    assertEquals(1, failing.code);
  }

  @Test
  void serverNotRunningIsOneClearLine() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    CliHarness.Run run = sql("--url", "jdbc:nokv://127.0.0.1:" + port, "-e", "SELECT 1");
    assertEquals(1, run.code);
    assertEquals("nokv: error: cannot connect to NoKV at 127.0.0.1:" + port + ": is \"./nokv server\" running?\n",
        run.err());
    assertEquals("", run.sqlOut());
    assertEquals("", run.sqlErr());
  }

  @Test
  void otherConnectFailuresNameTheUrl() {
    CliHarness.Run run = sql("--url", url + "/NO_SUCH_SCHEMA", "-e", "SELECT 1");
    assertEquals(1, run.code);
    assertTrue(run.err().startsWith("nokv: error: cannot connect to " + url + "/NO_SUCH_SCHEMA: cannot use schema"),
        run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void usageErrorsExitTwo() throws IOException {
    Path script = Files.writeString(tmp.resolve("s.sql"), "SELECT 1;");
    CliHarness.Run both = sql("--url", url, "-e", "SELECT 1", "-f", script.toString());
    assertEquals(2, both.code);
    assertTrue(both.err().startsWith("nokv sql: give -e or -f, not both"), both.err());
    CliHarness.Run format = sql("--url", url, "--outputformat=bogus", "-e", "SELECT 1");
    assertEquals(2, format.code);
    assertTrue(format.err().contains("--outputformat bogus is not one of"), format.err());
    CliHarness.Run notNokv = sql("--url", "jdbc:h2:mem:x", "-e", "SELECT 1");
    assertEquals(2, notNokv.code);
    assertTrue(notNokv.err().contains("is not a NoKV URL"), notNokv.err());
    CliHarness.Run badUrl = sql("--url", "jdbc:nokv://127.0.0.1:0", "-e", "SELECT 1");
    assertEquals(2, badUrl.code);
    assertTrue(badUrl.err().startsWith("nokv sql: --url: invalid NoKV URL 'jdbc:nokv://127.0.0.1:0': the port 0"),
        badUrl.err());
    CliHarness.Run missing = sql("--url", url, "-f", tmp.resolve("nope.sql").toString());
    assertEquals(2, missing.code);
    assertTrue(missing.err().contains("no such readable file"), missing.err());
  }

  @Test
  void defaultUrlIsTheLocalServer() {
    assertEquals("jdbc:nokv://127.0.0.1:8765", SqlCommand.DEFAULT_URL);
    CliHarness.Run help = sql("--help");
    assertEquals(0, help.code);
    assertTrue(help.out().contains("Default: jdbc:nokv://127.0.0.1:8765"), help.out());
  }

  @Test
  void sqllineArguments() {
    List<String> remote = SqlCommand.sqllineArgs(
        "jdbc:nokv://h:1", "table", Connection.TRANSACTION_REPEATABLE_READ, false, false, List.of("SELECT 1"), null, null);
    assertEquals(List.of("-u", "jdbc:nokv://h:1", "-d", NokvDriver.class.getName(),
        "--connectInteractionMode=notAskCredentials", "--isolation=TRANSACTION_REPEATABLE_READ",
        "--outputformat=table", "--prompt=nokv> ", "--verbose=false", "--maxWidth=4096", "--silent=true",
        "-e", "SELECT 1"), remote);
    List<String> embedded = SqlCommand.sqllineArgs("jdbc:nokv:file:/d", "csv", Connection.TRANSACTION_SERIALIZABLE,
        true, true, List.of(), null, Path.of("/home/u/.nokv/sql_history"));
    assertEquals(List.of("-u", "jdbc:nokv:file:/d", "--connectInteractionMode=notAskCredentials",
        "--isolation=TRANSACTION_SERIALIZABLE", "--outputformat=csv", "--prompt=nokv> ", "--verbose=true",
        "--historyfile=/home/u/.nokv/sql_history"), embedded);
  }
}
