package io.nokv.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nokv.jdbc.NokvDriver;
import io.nokv.server.Await;
import io.nokv.server.H2Database;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SQL endpoint over an H2 database, reached through the jdbc:nokv:// driver. */
class SqlServerTest {
  private final H2Database h2 = new H2Database();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    Collections.reverse(toClose);
    for (AutoCloseable c : toClose) {
      c.close();
    }
    h2.shutdown();
  }

  private SqlServer start(SqlServerConfig config) {
    SqlServer server = SqlServer.start(config);
    toClose.add(server);
    return server;
  }

  private SqlServer start() {
    return start(SqlServerConfig.of(h2.url(), "127.0.0.1", 0));
  }

  private Connection connect(SqlServer server) throws SQLException {
    Connection c = new NokvDriver().connect("jdbc:nokv://" + server.hostAndPort(), new Properties());
    toClose.add(c);
    return c;
  }

  @Test
  void servesOnAFreePortThroughTheNokvDriver() throws SQLException {
    SqlServer server = start();
    assertTrue(server.port() > 0);
    assertEquals("127.0.0.1:" + server.port(), server.hostAndPort());
    try (Statement s = connect(server).createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(10))");
      assertEquals(2, s.executeUpdate("INSERT INTO t VALUES (1, 'a'), (2, 'b')"));
      assertEquals(List.of("1 a", "2 b"), rows(s.executeQuery("SELECT id, name FROM t ORDER BY id")));
    }
  }

  @Test
  void rollbackDiscardsAndCommitKeeps() throws SQLException {
    SqlServer server = start();
    Connection c = connect(server);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO t VALUES (1)");
      c.rollback();
      assertEquals(List.of(), rows(s.executeQuery("SELECT id FROM t")));
      s.executeUpdate("INSERT INTO t VALUES (2)");
      c.commit();
    }
    try (Connection direct = h2.connect(); Statement s = direct.createStatement()) {
      assertEquals(List.of("2"), rows(s.executeQuery("SELECT id FROM t")));
    }
  }

  @Test
  void databaseErrorsKeepTheirSqlState() throws SQLException {
    SqlServer server = start();
    try (Statement s = connect(server).createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      s.executeUpdate("INSERT INTO t VALUES (1)");
      SQLException duplicate = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO t VALUES (1)"));
      assertEquals("23505", duplicate.getSQLState(), duplicate.getMessage());
      SQLException missing = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nope"));
      assertEquals("42S02", missing.getSQLState(), missing.getMessage());
    }
  }

  @Test
  void aRefusedConnectionKeepsTheDatabasesSqlState() throws SQLException {
    try (Connection direct = h2.connect(); Statement s = direct.createStatement()) {
      s.execute("CREATE USER bob PASSWORD 'secret' ADMIN");
    }
    SqlServer server = start();
    Properties wrong = new Properties();
    wrong.setProperty("user", "BOB");
    wrong.setProperty("password", "wrong");
    SQLException e = assertThrows(SQLException.class,
        () -> new NokvDriver().connect("jdbc:nokv://" + server.hostAndPort(), wrong));
    assertEquals("28000", e.getSQLState(), e.getMessage());
  }

  @Test
  void statementsOnAConnectionTheServerDroppedFailWith08003() throws SQLException {
    SqlServer first = start();
    String url = "jdbc:nokv://" + first.hostAndPort();
    Connection c = new NokvDriver().connect(url, new Properties());
    first.close(); // drops every connection; a new server on the same port knows none of them
    SqlServer second = start(SqlServerConfig.of(h2.url(), "127.0.0.1", first.port()));
    assertEquals(first.port(), second.port());
    SQLException create = assertThrows(SQLException.class, c::createStatement);
    assertEquals("08003", create.getSQLState(), create.getMessage());
    SQLException prepare = assertThrows(SQLException.class, () -> c.prepareStatement("SELECT 1"));
    assertEquals("08003", prepare.getSQLState(), prepare.getMessage());
  }

  @Test
  void listensOnTheGivenHostOnly() throws IOException {
    SqlServer server = start();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      assertTrue(s.isConnected());
    }
    InetAddress other = nonLoopbackAddress();
    assumeTrue(other != null, "this machine has no non-loopback IPv4 address to try");
    try (Socket s = new Socket()) {
      assertThrows(IOException.class, () -> s.connect(new InetSocketAddress(other, server.port()), 2000),
          "bound to 127.0.0.1, so " + other.getHostAddress() + " must refuse");
    }
  }

  @Test
  void portInUseIsATypedErrorNamingTheAddress() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      AddressInUseException e = assertThrows(
          AddressInUseException.class, () -> start(SqlServerConfig.of(h2.url(), "127.0.0.1", port)));
      assertEquals("cannot listen on 127.0.0.1:" + port + ": the address is already in use", e.getMessage());
      assertEquals("127.0.0.1:" + port, e.hostAndPort());
    }
  }

  @Test
  void unknownHostIsATypedErrorNamingIt() {
    SqlServerException e = assertThrows(
        SqlServerException.class, () -> start(SqlServerConfig.of(h2.url(), "no-such-host.invalid", 0)));
    assertEquals("cannot listen on no-such-host.invalid:0: unknown host", e.getMessage());
  }

  @Test
  void idleConnectionsAreClosedByTheServer() throws SQLException {
    SqlServer server = start(SqlServerConfig.of(h2.url(), "127.0.0.1", 0)
        .withIdleTimeouts(Duration.ofMillis(300), Duration.ofMillis(300)));
    Connection c = connect(server);
    try (Statement s = c.createStatement()) {
      assertEquals(List.of("1"), rows(s.executeQuery("SELECT 1")));
    }
    assertEquals(1, server.openConnections());
    assertEquals(1, h2.otherSessions());
    // Nobody touches the server now: only the reaper can notice the idle connection.
    Await.until(Duration.ofSeconds(10), "the idle connection to be closed", () -> server.openConnections() == 0);
    Await.until(Duration.ofSeconds(10), "the H2 session to be closed", () -> h2.otherSessions() == 0);
    assertFalse(c.isValid(1));
    SQLException e = assertThrows(SQLException.class, () -> c.createStatement().executeQuery("SELECT 1"));
    assertEquals("08003", e.getSQLState(), e.getMessage());
  }

  @Test
  void closeStopsServingAndRollsBackOpenTransactions() throws SQLException, IOException {
    try (Connection direct = h2.connect(); Statement s = direct.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
    }
    SqlServer server = start();
    // Not closed by the test: its server is gone, so closing it could only fail.
    Connection c = new NokvDriver().connect("jdbc:nokv://" + server.hostAndPort(), new Properties());
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO t VALUES (1)");
    }
    assertEquals(1, h2.otherSessions());
    server.close();
    server.close(); // idempotent
    assertEquals(0, h2.otherSessions());
    try (Connection direct = h2.connect(); Statement s = direct.createStatement()) {
      assertEquals(List.of(), rows(s.executeQuery("SELECT id FROM t")));
    }
    try (Socket s = new Socket()) {
      assertThrows(IOException.class, () -> s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000));
    }
  }

  @Test
  void reaperRunsOftenEnoughButNotConstantly() {
    SqlServerConfig defaults = SqlServerConfig.of("jdbc:x:", "127.0.0.1", 0);
    assertEquals(Duration.ofMinutes(1), SqlServer.reaperPeriod(defaults));
    assertEquals(Duration.ofMillis(75), SqlServer.reaperPeriod(
        defaults.withIdleTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5))));
    assertEquals(Duration.ofMillis(10), SqlServer.reaperPeriod(
        defaults.withIdleTimeouts(Duration.ofMillis(1), Duration.ofMillis(1))));
  }

  @Test
  void configRejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> SqlServerConfig.of("jdbc:x:", "127.0.0.1", 65536));
    assertThrows(IllegalArgumentException.class, () -> SqlServerConfig.of("jdbc:x:", " ", 1));
    assertThrows(IllegalArgumentException.class,
        () -> SqlServerConfig.of("jdbc:x:", "h", 1).withIdleTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
  }

  private static InetAddress nonLoopbackAddress() throws SocketException {
    for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nif.isUp() && !nif.isLoopback()) {
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
            return a;
          }
        }
      }
    }
    return null;
  }

  private static List<String> rows(ResultSet rs) throws SQLException {
    try (rs) {
      List<String> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? " " : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
      return out;
    }
  }
}
