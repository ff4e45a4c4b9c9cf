package io.nokv.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NokvUrlTest {
  @Test
  void hostAndPort() throws SQLException {
    NokvUrl u = NokvUrl.parse("jdbc:nokv://127.0.0.1:9000");
    assertEquals("127.0.0.1", u.host());
    assertEquals(9000, u.port());
    assertNull(u.schema());
    assertEquals(Map.of(), u.params());
    assertEquals("http://127.0.0.1:9000", u.httpUrl());
    assertEquals("127.0.0.1:9000", u.hostAndPort());
  }

  @Test
  void portDefaultsToTheServerDefault() throws SQLException {
    NokvUrl u = NokvUrl.parse("jdbc:nokv://db.example.com");
    assertEquals("db.example.com", u.host());
    assertEquals(NokvDriver.DEFAULT_PORT, u.port());
    assertEquals(8765, u.port());
  }

  @Test
  void schemaAndParameters() throws SQLException {
    NokvUrl u = NokvUrl.parse("jdbc:nokv://localhost:8765/sales?user=alice&fetch_size=500&note=a+b%26c");
    assertEquals("sales", u.schema());
    assertEquals(Map.of("user", "alice", "fetch_size", "500", "note", "a b&c"), u.params());
    assertEquals(java.util.List.of("user", "fetch_size", "note"), java.util.List.copyOf(u.params().keySet()));
  }

  @Test
  void schemaIsPercentDecodedButPlusStaysPlus() throws SQLException {
    assertEquals("my schema", NokvUrl.parse("jdbc:nokv://h:1/my%20schema").schema());
    assertEquals("a+b", NokvUrl.parse("jdbc:nokv://h:1/a+b").schema());
  }

  @Test
  void emptyPathAndEmptyQueryAreIgnored() throws SQLException {
    NokvUrl u = NokvUrl.parse("jdbc:nokv://h:1/?");
    assertNull(u.schema());
    assertTrue(u.params().isEmpty());
    assertEquals(Map.of("a", "1", "b", ""), NokvUrl.parse("jdbc:nokv://h:1?a=1&&b=&").params());
  }

  @Test
  void ipv6InBrackets() throws SQLException {
    NokvUrl u = NokvUrl.parse("jdbc:nokv://[::1]:8766/s");
    assertEquals("::1", u.host());
    assertEquals(8766, u.port());
    assertEquals("[::1]:8766", u.hostAndPort());
    assertEquals("http://[::1]:8766", u.httpUrl());
    assertEquals(8765, NokvUrl.parse("jdbc:nokv://[fe80::1]").port());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:nokv://                      | the host is missing",
        "jdbc:nokv://:8765                 | the host is missing",
        "jdbc:nokv:///schema               | the host is missing",
        "jdbc:nokv://h:                    | the port '' is not a number",
        "jdbc:nokv://h:x                   | the port 'x' is not a number",
        "jdbc:nokv://h:-1                  | the port '-1' is not a number",
        "jdbc:nokv://h:0                   | the port 0 is not from 1 to 65535",
        "jdbc:nokv://h:65536               | the port 65536 is not from 1 to 65535",
        "jdbc:nokv://h:123456              | the port '123456' is not a number",
        "jdbc:nokv://::1:8765              | an IPv6 address must be written in brackets",
        "jdbc:nokv://[::1:8765             | needs a closing ']'",
        "jdbc:nokv://[::1]8765             | expected ':port' after ']'",
        "jdbc:nokv://bob:secret@h:1        | user information in the URL is not supported",
        "jdbc:nokv://h:1/a/b               | the path may only name a schema",
        "jdbc:nokv://h:1?flag              | the parameter 'flag' is not of the form key=value",
        "jdbc:nokv://h:1?=v                | the parameter '=v' is not of the form key=value",
        "jdbc:nokv://h:1?a=1&a=2           | the parameter 'a' is given twice",
        "jdbc:nokv://h:1?a=%zz             | bad percent-encoding",
        "jdbc:nokv:file:/tmp/db            | it does not start with jdbc:nokv://",
      })
  void malformedUrlsAreRejectedWith08001(String url, String reason) {
    SQLException e = assertThrows(SQLException.class, () -> NokvUrl.parse(url));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().startsWith("invalid NoKV URL '" + url + "': "), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertTrue(e.getMessage().endsWith("(expected jdbc:nokv://host[:port][/schema][?key=value&...])"), e.getMessage());
  }

  @Test
  void acceptsOnlyTheRemotePrefix() {
    assertTrue(NokvUrl.accepts("jdbc:nokv://h:1"));
    assertTrue(NokvUrl.accepts("jdbc:nokv://"));
    assertFalse(NokvUrl.accepts("jdbc:nokv:file:/tmp/db"));
    assertFalse(NokvUrl.accepts("jdbc:nokv:mem:test"));
    assertFalse(NokvUrl.accepts("jdbc:nokv:"));
    assertFalse(NokvUrl.accepts("JDBC:NOKV://h:1"));
    assertFalse(NokvUrl.accepts("jdbc:avatica:remote:url=http://h:1"));
    assertFalse(NokvUrl.accepts(null));
  }
}
