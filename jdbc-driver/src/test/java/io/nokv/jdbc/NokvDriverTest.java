package io.nokv.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NokvDriverTest {
  private final NokvDriver driver = new NokvDriver();

  @Test
  void acceptsOnlyRemoteNokvUrls() throws SQLException {
    assertTrue(driver.acceptsURL("jdbc:nokv://127.0.0.1:8765"));
    assertTrue(driver.acceptsURL("jdbc:nokv://h:bad-port"), "ours even when malformed: connect explains");
    assertFalse(driver.acceptsURL("jdbc:nokv:file:/tmp/db"), "the embedded driver's");
    assertFalse(driver.acceptsURL("jdbc:nokv:mem:test"), "the embedded driver's");
    assertFalse(driver.acceptsURL("jdbc:h2:mem:x"));
    assertFalse(driver.acceptsURL("jdbc:avatica:remote:url=http://127.0.0.1:8765"));
    SQLException e = assertThrows(SQLException.class, () -> driver.acceptsURL(null));
    assertEquals("08001", e.getSQLState());
  }

  @Test
  void connectReturnsNullForAnotherDriversUrl() throws SQLException {
    assertNull(driver.connect("jdbc:nokv:mem:test", new Properties()));
    assertNull(driver.connect("jdbc:h2:mem:x", null));
  }

  @Test
  void connectRejectsAMalformedUrlWith08001() {
    SQLException e = assertThrows(SQLException.class, () -> driver.connect("jdbc:nokv://:1", new Properties()));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("the host is missing"), e.getMessage());
  }

  @Test
  void driverManagerFindsIt() throws SQLException {
    assertInstanceOf(NokvDriver.class, DriverManager.getDriver("jdbc:nokv://127.0.0.1:8765"));
  }

  @Test
  void unreachableServerNamesHostAndPort() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // free once closed: nothing listens there any more
    }
    String url = "jdbc:nokv://127.0.0.1:" + port;
    ServerUnreachableException e =
        assertThrows(ServerUnreachableException.class, () -> DriverManager.getConnection(url));
    assertEquals("08001", e.getSQLState());
    assertEquals("127.0.0.1", e.host());
    assertEquals(port, e.port());
    assertEquals("cannot connect to NoKV at 127.0.0.1:" + port + ": Connection refused", e.getMessage());
  }

  @Test
  void unknownHostIsUnreachable() {
    ServerUnreachableException e = assertThrows(
        ServerUnreachableException.class,
        () -> driver.connect("jdbc:nokv://no-such-host.invalid:8765", new Properties()));
    assertTrue(e.getMessage().startsWith("cannot connect to NoKV at no-such-host.invalid:8765: "), e.getMessage());
  }

  @Test
  void fixedPropertiesCannotBeOverridden() {
    for (String key : new String[] {"url", "serialization", "factory"}) {
      SQLException e = assertThrows(
          SQLException.class, () -> driver.connect("jdbc:nokv://127.0.0.1:1?" + key + "=x", new Properties()));
      assertEquals("08001", e.getSQLState());
      assertTrue(e.getMessage().contains("'" + key + "' is fixed by the NoKV driver"), e.getMessage());
    }
  }

  @Test
  void propertyInfoReflectsUrlAndDefaults() throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "alice");
    Map<String, DriverPropertyInfo> p =
        Arrays.stream(driver.getPropertyInfo("jdbc:nokv://h:1/sales?fetch_size=7", info))
            .collect(Collectors.toMap(d -> d.name, Function.identity()));
    assertEquals("alice", p.get("user").value);
    assertEquals("sales", p.get("schema").value);
    assertEquals("7", p.get("fetch_size").value);
    assertEquals("10000", p.get("http_connection_timeout").value);
    assertNull(p.get("password").value);
    p.values().forEach(d -> assertFalse(d.required, d.name));
    p.values().forEach(d -> assertFalse(d.description == null || d.description.isBlank(), d.name));
    assertEquals(0, driver.getPropertyInfo("jdbc:h2:mem:x", new Properties()).length);
  }

  @Test
  void versionIsTheProjectVersion() {
    assertFalse(DriverVersionInfo.VERSION.equals("unknown"), "driver.properties must be filtered");
    assertTrue(DriverVersionInfo.VERSION.startsWith(driver.getMajorVersion() + "." + driver.getMinorVersion()),
        DriverVersionInfo.VERSION);
    assertFalse(driver.jdbcCompliant());
    assertEquals("io.nokv.jdbc", driver.getParentLogger().getName());
    assertEquals(3, DriverVersionInfo.component("1.2.3", 2));
    assertEquals(0, DriverVersionInfo.component("unknown", 0));
    assertEquals(0, DriverVersionInfo.component("1", 1));
  }

  @Test
  void settingsSplitClientAndServerProperties() throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "alice");
    info.setProperty("password", "pw");
    info.setProperty("http_response_timeout", "5000");
    info.setProperty("custom", "from-info");
    ConnectionSettings s = ConnectionSettings.of(
        NokvUrl.parse("jdbc:nokv://h:1/sales?custom=from-url&fetch_size=10"), info);
    assertEquals("sales", s.schema());
    assertEquals(
        Map.of("user", "alice", "password", "pw", "custom", "from-url"), asMap(s.serverProperties()),
        "only non-Avatica properties reach the server; the URL wins");
    Properties c = s.clientConfig();
    assertEquals("http://h:1", c.getProperty("url"));
    assertEquals("protobuf", c.getProperty("serialization"));
    assertEquals(ProtobufServiceFactory.class.getName(), c.getProperty("factory"));
    assertEquals("5000", c.getProperty("http_response_timeout"));
    assertEquals("10", c.getProperty("fetch_size"));
    assertEquals("10000", c.getProperty("http_connection_timeout"));
    assertEquals("alice", c.getProperty("user"), "DatabaseMetaData.getUserName reads it");
    assertNull(c.getProperty("schema"));
  }

  @Test
  void schemaFromPropertyOrConflict() throws SQLException {
    Properties info = new Properties();
    info.setProperty("schema", "s1");
    assertEquals("s1", ConnectionSettings.of(NokvUrl.parse("jdbc:nokv://h:1"), info).schema());
    assertEquals("s1", ConnectionSettings.of(NokvUrl.parse("jdbc:nokv://h:1/s1"), info).schema());
    SQLException e = assertThrows(
        SQLException.class, () -> ConnectionSettings.of(NokvUrl.parse("jdbc:nokv://h:1/s2"), info));
    assertTrue(e.getMessage().contains("names schema 's2' but the 'schema' property says 's1'"), e.getMessage());
  }

  private static Map<String, String> asMap(Properties p) {
    return p.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, p::getProperty));
  }
}
