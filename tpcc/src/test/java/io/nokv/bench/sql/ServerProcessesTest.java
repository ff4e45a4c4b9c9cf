package io.nokv.bench.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.nokv.bench.NokvHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server processes: the NoKV launcher and peers.sh replaced by small scripts in a fake
 * repository (their real counterparts need a built server or PostgreSQL), H2 for real.
 */
class ServerProcessesTest {
  @TempDir Path tmp;

  private Path home(String nokvScript, String peersScript) throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.createDirectories(home.resolve("scripts"));
    write(home.resolve("nokv"), nokvScript);
    write(home.resolve("scripts").resolve("peers.sh"), peersScript);
    assertTrue(NokvHome.isHome(home));
    return home;
  }

  private static void write(Path file, String script) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Path dataDir() throws IOException {
    return Files.createDirectories(tmp.resolve("data"));
  }

  @Test
  void aNokvServerThatExitsIsOneLineWithItsOutput() throws Exception {
    Path home = home("echo \"nokv: Unmatched argument at index 0: 'server'\" >&2\nexit 2", "exit 0");
    TargetUnavailableException e = assertThrows(TargetUnavailableException.class,
        () -> NokvSqlServer.start(home, dataDir(), null, Duration.ofSeconds(30)));
    assertEquals("nokv", e.target());
    assertTrue(e.getMessage().startsWith("target nokv: the NoKV server did not start: the NoKV server exited with code 2"
        + " before it was ready"), e.getMessage());
    assertTrue(e.getMessage().endsWith("its output ends with: nokv: Unmatched argument at index 0: 'server'"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void aNokvServerWithoutReadyLineTimesOutAndIsStopped() throws Exception {
    Path home = home("echo starting\nexec sleep 60", "exit 0");
    TargetUnavailableException e = assertThrows(TargetUnavailableException.class,
        () -> NokvSqlServer.start(home, dataDir(), null, Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("printed no ready line within 1 s"), e.getMessage());
    assertTrue(e.getMessage().endsWith("its output ends with: starting"), e.getMessage());
  }

  @Test
  void theReadyLineGivesTheUrlAndTheEnvironmentIsSet() throws Exception {
    Path home = home("echo \"NOKV_NO_BUILD=$NOKV_NO_BUILD opts=$NOKV_JAVA_OPTS args=$*\" > \"$3/env.txt\"\n"
        + "echo 'NoKV server ready: sql=127.0.0.1:45678 data=x resp=127.0.0.1:6380'\nexec sleep 60", "exit 0");
    Path data = dataDir();
    NokvSqlServer server = NokvSqlServer.start(home, data, "-Xmx1g", Duration.ofSeconds(30));
    try {
      assertEquals("jdbc:nokv://127.0.0.1:45678", server.endpoint().url());
      assertEquals(NokvSqlServer.DRIVER, server.endpoint().driverClass());
      assertEquals("NOKV_NO_BUILD=1 opts=-Xmx1g args=server --dir " + data + " --sql-port 0 --resp-port -1",
          Files.readString(data.resolve("env.txt")).strip());
    } finally {
      server.close();
    }
    assertTrue(server.description().startsWith("NoKV server pid "));
  }

  @Test
  void postgresNotInstalledSaysHowToInstallIt() throws Exception {
    Path home = home("exit 0", "echo 'peers.sh: error: PostgreSQL (no initdb/pg_ctl) is not installed' >&2\nexit 3");
    TargetUnavailableException e = assertThrows(TargetUnavailableException.class,
        () -> PostgresServer.start(home, dataDir(), Duration.ofSeconds(30)));
    assertTrue(e.getMessage().startsWith("target postgres: PostgreSQL is not installed; run scripts/peers.sh install"),
        e.getMessage());
  }

  @Test
  void aFailingPeersScriptIsReportedWithItsExitCodeAndOutput() throws Exception {
    Path home = home("exit 0", "echo \"peers.sh: error: $1 went wrong\" >&2\nexit 1");
    TargetUnavailableException e = assertThrows(TargetUnavailableException.class,
        () -> PostgresServer.start(home, dataDir(), Duration.ofSeconds(30)));
    assertEquals("target postgres: scripts/peers.sh start-postgres failed with exit code 1:"
        + " peers.sh: error: start-postgres went wrong", e.getMessage());
  }

  @Test
  void postgresStartsWithThePrintedUrlAndStopsThroughTheScript() throws Exception {
    Path home = home("exit 0", "echo \"$*\" >> \"" + tmp.resolve("calls.txt") + "\"\n"
        + "[ \"$1\" = start-postgres ] && echo 'jdbc:postgresql://127.0.0.1:5999/nokv?user=nokv&password=nokv'\nexit 0");
    Path data = dataDir();
    PostgresServer pg = PostgresServer.start(home, data, Duration.ofSeconds(30));
    assertEquals("jdbc:postgresql://127.0.0.1:5999/nokv?user=nokv&password=nokv", pg.endpoint().url());
    assertEquals("jdbc:postgresql://127.0.0.1:5999/nokv?user=nokv&password=***", pg.endpoint().safeUrl());
    pg.close();
    pg.close();
    String calls = Files.readString(tmp.resolve("calls.txt"));
    assertTrue(calls.matches("start-postgres --port \\d+ --dir " + data + "\nstop-postgres --dir " + data + "\n"), calls);
  }

  @Test
  void h2RunsInAChildJvmAndStops() throws Exception {
    H2ServerProcess h2 = H2ServerProcess.start(dataDir(), Duration.ofSeconds(60));
    try (HikariDataSource ds = h2.endpoint().openPool(1);
        Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      assertTrue(h2.endpoint().url().startsWith("jdbc:h2:tcp://127.0.0.1:"), h2.endpoint().url());
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
    } finally {
      h2.close();
    }
    assertTrue(Files.exists(tmp.resolve("data").resolve("bench.mv.db")), "the database is a file in the -baseDir");
  }

  @Test
  void aMissingDriverIsOneClearLine() {
    JdbcEndpoint e = new JdbcEndpoint("nokv", "jdbc:nokv://127.0.0.1:1", "io.nokv.NoSuchDriver", null, null);
    TargetUnavailableException x = assertThrows(TargetUnavailableException.class, () -> e.openPool(1));
    assertEquals("target nokv: the JDBC driver io.nokv.NoSuchDriver is not on the classpath", x.getMessage());
  }
}
