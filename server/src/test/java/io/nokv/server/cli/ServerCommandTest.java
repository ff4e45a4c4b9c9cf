package io.nokv.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.jdbc.NokvDriver;
import io.nokv.kv.DbLockedException;
import io.nokv.server.Await;
import io.nokv.server.H2Database;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code nokv server} in this JVM, serving an H2 database in place of NoKV's.
 *
 * <p>TODO(integrator): these tests inject an H2 opener because NokvDatabase is a stub; the real
 * opener ({@link ServedDatabase#NOKV}) is exercised by {@link #secondServerOnTheSameDirectoryIsRefused}
 * (disabled until then) and by ServerProcessTest.
 */
class ServerCommandTest {
  private static final Pattern READY =
      Pattern.compile("NoKV server ready: sql=127\\.0\\.0\\.1:(\\d+) data=(.+)\n");
  private static final Pattern READY_WITH_RESP =
      Pattern.compile("NoKV server ready: sql=127\\.0\\.0\\.1:(\\d+) resp=127\\.0\\.0\\.1:(\\d+) data=(.+)\n");

  @TempDir Path tmp;

  private final H2Database h2 = new H2Database();
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger servedPort = new AtomicInteger(-1);
  private final ExecutorService executor = CliHarness.newExecutor();

  /** The H2 database, recording when it is opened and closed (and whether the port still served). */
  private final ServedDatabase.Opener h2Opener = dir -> {
    events.add("opened " + dir);
    return new ServedDatabase() {
      @Override
      public String jdbcUrl() {
        return h2.url();
      }

      @Override
      public void close() {
        events.add(servedPort.get() > 0 && accepts(servedPort.get())
            ? "closed while the endpoint still served" : "closed");
        h2.shutdown();
      }
    };
  };

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "a command under test did not finish");
  }

  @Test
  void printsOneReadyLineServesSqlAndStopsCleanly() throws Exception {
    Path data = tmp.resolve("new/data");
    CliHarness cli = new CliHarness(h2Opener);
    CliHarness.Run run = new CliHarness.Run();
    Future<Integer> server = cli.start(executor, run, "server", "--dir", data.toString(), "--sql-port", "0", "--resp-port", "-1");
    Await.until(Duration.ofSeconds(30), "the ready line", () -> run.out().contains("\n") || server.isDone());

    Matcher ready = READY.matcher(run.out());
    assertTrue(ready.matches(), "exactly one ready line on stdout, got: [" + run.out() + "] stderr: " + run.err());
    int port = Integer.parseInt(ready.group(1));
    servedPort.set(port);
    assertEquals(data.toAbsolutePath().toString(), ready.group(2));
    assertTrue(Files.isDirectory(data), "the data directory is created");
    assertEquals(List.of("opened " + data.toAbsolutePath()), events);

    try (Connection c = new NokvDriver().connect("jdbc:nokv://127.0.0.1:" + port, new Properties());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(10))");
      s.executeUpdate("INSERT INTO t VALUES (1, 'alice')");
    }

    // nokv sql -e against it.
    CliHarness.Run sql = new CliHarness.Run();
    int code = new CliHarness(h2Opener).run(sql, "sql", "--url", "jdbc:nokv://127.0.0.1:" + port,
        "--outputformat=csv", "-e", "SELECT id, name FROM t");
    assertEquals(0, code, sql.err() + sql.sqlErr());
    assertEquals("'ID','NAME'\n'1','alice'\n", sql.sqlOut());

    // A transaction left open when the server stops is rolled back (its connection is closed).
    Connection open = new NokvDriver().connect("jdbc:nokv://127.0.0.1:" + port, new Properties());
    open.setAutoCommit(false);
    try (Statement s = open.createStatement()) {
      s.executeUpdate("INSERT INTO t VALUES (2, 'bob')");
    }

    cli.stop.request();
    assertEquals(0, server.get(30, TimeUnit.SECONDS), run.err());
    assertTrue(cli.stop.isClosed());
    assertEquals(List.of("opened " + data.toAbsolutePath(), "closed"), events,
        "the database is closed after the endpoint stopped");
    assertEquals("", run.err(), "nothing on stderr at the default log level");
    assertFalse(accepts(port));
  }

  @Test
  void portInUseIsOneLineNamingTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      CliHarness cli = new CliHarness(h2Opener);
      CliHarness.Run run = new CliHarness.Run();
      int code = cli.run(run, "server", "--dir", tmp.toString(), "--sql-port", Integer.toString(port), "--resp-port", "-1");
      assertEquals(1, code);
      assertEquals("nokv: error: cannot listen on 127.0.0.1:" + port + ": the address is already in use"
          + " (is another \"nokv server\" running? choose another --sql-port, or 0 for a free one)\n", run.err());
      assertEquals("", run.out());
      assertEquals(List.of("opened " + tmp.toAbsolutePath(), "closed"), events, "the database opened is closed again");
      assertTrue(cli.stop.isClosed());
    }
  }

  @Test
  void directoryHeldByAnotherProcessIsOneLineNamingIt() {
    ServedDatabase.Opener locked = dir -> {
      throw new IllegalStateException("cannot open the store", new DbLockedException(dir.resolve("kv").toString()));
    };
    CliHarness.Run run = new CliHarness.Run();
    int code = new CliHarness(locked).run(run, "server", "--dir", tmp.toString(), "--sql-port", "0", "--resp-port", "-1");
    assertEquals(1, code);
    assertEquals("nokv: error: the data directory " + tmp.toAbsolutePath() + " is in use by another NoKV process"
        + " (is another \"nokv server\" running on it? stop it, or choose another --dir)\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void otherOpenFailuresNameTheDirectory() {
    ServedDatabase.Opener broken = dir -> {
      throw new UnsupportedOperationException("not yet");
    };
    CliHarness.Run run = new CliHarness.Run();
    assertEquals(1, new CliHarness(broken).run(run, "server", "--dir", tmp.toString(), "--sql-port", "0", "--resp-port", "-1"));
    assertEquals("nokv: error: cannot open the database in " + tmp.toAbsolutePath()
        + ": UnsupportedOperationException: not yet\n", run.err());
  }

  @Test
  void dataDirectoryThatIsAFileIsRefused() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    CliHarness.Run run = new CliHarness.Run();
    assertEquals(1, new CliHarness(h2Opener).run(run, "server", "--dir", file.toString(), "--resp-port", "-1"));
    assertEquals("nokv: error: cannot use the data directory " + file + ": it is not a directory\n", run.err());
    assertEquals(List.of(), events);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    CommandLine cl = NokvMain.newCommandLine(List.of(), new java.io.PrintWriter(new java.io.StringWriter()));
    ServerCommand server = (ServerCommand) cl.parseArgs("server").subcommand().commandSpec().userObject();
    assertEquals(Path.of("nokv-data"), server.dir);
    assertEquals("127.0.0.1", server.host);
    assertEquals(8765, server.sqlPort);
    assertEquals(6380, server.respPort);
    assertEquals(null, server.requirepass);
    assertEquals(0, server.respTimeoutSeconds);
    assertEquals(10_000, server.respMaxClients);
  }

  @Test
  void badPortIsAUsageError() {
    CliHarness.Run run = new CliHarness.Run();
    assertEquals(2, new CliHarness(h2Opener).run(run, "server", "--dir", tmp.toString(), "--sql-port", "70000", "--resp-port", "-1"));
    assertTrue(run.err().startsWith("nokv server: --sql-port 70000 is not from 0 to 65535\n"), run.err());
    assertEquals(List.of(), events, "nothing is opened");
  }

  @Test
  void helpTellsTheTruth() {
    CliHarness.Run run = new CliHarness.Run();
    assertEquals(0, new CliHarness(h2Opener).run(run, "server", "--help"));
    String help = run.out();
    for (String expected : List.of(
        "Usage: nokv server", "--dir=DIR", "Default: ./nokv-data", "--host=HOST", "Default: 127.0.0.1",
        "--sql-port=PORT", "0 picks a free port", "Default: 8765",
        "--resp-port=PORT", "-1 turns it off", "Default: 6380", "--requirepass=PASS", "NOKV_REQUIREPASS",
        "--resp-timeout=SECONDS", "--resp-maxclients=N",
        "NoKV server ready: sql=HOST:PORT resp=HOST:PORT data=ABSOLUTE_DIR", "exits 0")) {
      assertTrue(help.contains(expected), "help lacks '" + expected + "':\n" + help);
    }
    CliHarness.Run top = new CliHarness.Run();
    assertEquals(0, new CliHarness(h2Opener).run(top, "--help"));
    assertTrue(top.out().contains("server") && top.out().contains("sql"), top.out());
  }

  /**
   * Two servers on one data directory, the second in a child JVM as a real second process would be: the second must exit
   * 1 with one line naming the directory.
   */
  @Test
  void secondServerOnTheSameDirectoryIsRefused() throws Exception {
    CliHarness cli = new CliHarness(ServedDatabase.NOKV);
    CliHarness.Run first = new CliHarness.Run();
    Future<Integer> server =
        cli.start(executor, first, "server", "--dir", tmp.toString(), "--sql-port", "0", "--resp-port", "0");
    Await.until(Duration.ofSeconds(30), "the first server's ready line",
        () -> first.out().contains("\n") || server.isDone());
    assertTrue(READY_WITH_RESP.matcher(first.out()).matches(), first.out() + first.err());
    ServerProcessTest.ChildServer second =
        ServerProcessTest.ChildServer.startReal(tmp, "--sql-port", "0", "--resp-port", "0");
    assertEquals(1, second.waitForExit(Duration.ofSeconds(60)));
    assertEquals("nokv: error: the data directory " + tmp.toAbsolutePath() + " is in use by another NoKV process"
        + " (is another \"nokv server\" running on it? stop it, or choose another --dir)", second.stderr().strip());
    cli.stop.request();
    assertEquals(0, server.get(30, TimeUnit.SECONDS));
  }

  static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
