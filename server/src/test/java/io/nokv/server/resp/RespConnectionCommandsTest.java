package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.args.ClientAttributeOption;
import redis.clients.jedis.exceptions.JedisDataException;

/** PING, ECHO, HELLO, AUTH (without a password), SELECT, QUIT, RESET and CLIENT through Jedis, Lettuce and raw RESP. */
class RespConnectionCommandsTest {
  @TempDir static Path dir;
  static RespTestServer server;

  @BeforeAll
  static void start() {
    server = new RespTestServer(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void jedisError(String expected, Executable call) {
    JedisDataException e = assertThrows(JedisDataException.class, call);
    assertEquals(expected, e.getMessage());
  }

  static void lettuceError(String expected, Executable call) {
    RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class, call);
    assertEquals(expected, e.getMessage());
  }

  private static Object send(Jedis j, String... args) {
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    return j.sendCommand(() -> args[0].getBytes(), rest);
  }

  @Test
  void pingAndEcho() {
    try (Jedis j = server.jedis(); StatefulRedisConnection<String, String> l = server.lettuce()) {
      assertEquals("PONG", j.ping());
      assertEquals("hi there", j.ping("hi there"));
      assertEquals("x y", j.echo("x y"));
      jedisError("ERR wrong number of arguments for 'ping' command", () -> send(j, "PING", "a", "b"));
      jedisError("ERR wrong number of arguments for 'echo' command", () -> send(j, "ECHO"));
      jedisError("ERR wrong number of arguments for 'echo' command", () -> send(j, "ECHO", "a", "b"));
      RedisCommands<String, String> c = l.sync();
      assertEquals("PONG", c.ping());
      assertEquals("msg", c.echo("msg"));
    }
  }

  @Test
  void lettuceSpeaksResp3AndJedisResp2ByDefault() {
    try (StatefulRedisConnection<String, String> l = server.lettuce(); Jedis j = server.jedis()) {
      String info = l.sync().clientInfo();
      assertTrue(info.contains(" resp=3 "), info);
      assertTrue(info.contains("lib-name=Lettuce"), "Lettuce's CLIENT SETINFO: " + info);
      String jinfo = j.clientInfo();
      assertTrue(jinfo.contains(" resp=2 "), jinfo);
      assertTrue(jinfo.contains("lib-name=jedis"), "Jedis's CLIENT SETINFO: " + jinfo);
    }
  }

  @Test
  void jedisInResp3() {
    try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", server.port()),
        DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).autoNegotiateProtocol(false).build())) {
      assertEquals("PONG", j.ping());
      assertEquals("OK", j.set("resp3:k", "v"));
      assertEquals("v", j.get("resp3:k"));
      assertTrue(j.clientInfo().contains(" resp=3 "));
    }
  }

  @Test
  void helloAnswersAMapAndChecksItsArguments() {
    try (Jedis j = server.jedis()) {
      @SuppressWarnings("unchecked")
      List<Object> hello = (List<Object>) send(j, "HELLO", "2", "SETNAME", "named-by-hello");
      assertEquals(16, hello.size(), "7 Redis fields and nokv_version as a flat RESP2 map");
      assertEquals("server", new String((byte[]) hello.get(0)));
      assertEquals("redis", new String((byte[]) hello.get(1)));
      assertEquals("version", new String((byte[]) hello.get(2)));
      assertEquals("7.0.15", new String((byte[]) hello.get(3)));
      assertEquals("proto", new String((byte[]) hello.get(4)));
      assertEquals(2L, hello.get(5));
      assertEquals("id", new String((byte[]) hello.get(6)));
      assertEquals(j.clientId(), hello.get(7));
      assertEquals("nokv_version", new String((byte[]) hello.get(14)));
      assertEquals("named-by-hello", j.clientGetname());
      jedisError("NOPROTO unsupported protocol version", () -> send(j, "HELLO", "4"));
      jedisError("NOPROTO unsupported protocol version", () -> send(j, "HELLO", "1"));
      jedisError("ERR Protocol version is not an integer or out of range", () -> send(j, "HELLO", "three"));
      jedisError("ERR Syntax error in HELLO option 'foo'", () -> send(j, "HELLO", "2", "foo"));
      jedisError("ERR Syntax error in HELLO option 'AUTH'", () -> send(j, "HELLO", "2", "AUTH", "default"));
      jedisError("ERR Syntax error in HELLO option 'SETNAME'", () -> send(j, "HELLO", "2", "SETNAME"));
      jedisError("ERR Client names cannot contain spaces, newlines or special characters.",
          () -> send(j, "HELLO", "2", "SETNAME", "a b"));
      jedisError("WRONGPASS invalid username-password pair or user is disabled.",
          () -> send(j, "HELLO", "2", "AUTH", "alice", "pw"));
      // Without a password the default user takes any password, as Redis's nopass user does.
      assertEquals(16, ((List<?>) send(j, "HELLO", "2", "AUTH", "default", "anything")).size());
    }
  }

  @Test
  void authWithoutAPasswordConfigured() {
    try (Jedis j = server.jedis()) {
      jedisError("ERR AUTH <password> called without any password configured for the default user."
          + " Are you sure your configuration is correct?", () -> j.auth("secret"));
      assertEquals("OK", j.auth("default", "whatever"));
      jedisError("WRONGPASS invalid username-password pair or user is disabled.", () -> j.auth("bob", "x"));
      jedisError("ERR syntax error", () -> send(j, "AUTH", "a", "b", "c"));
      jedisError("ERR wrong number of arguments for 'auth' command", () -> send(j, "AUTH"));
    }
  }

  @Test
  void selectOnlyDatabaseZero() {
    try (Jedis j = server.jedis(); StatefulRedisConnection<String, String> l = server.lettuce()) {
      assertEquals("OK", j.select(0));
      jedisError("ERR DB index is out of range", () -> j.select(1));
      jedisError("ERR DB index is out of range", () -> j.select(-1));
      jedisError("ERR value is not an integer or out of range", () -> send(j, "SELECT", "x"));
      jedisError("ERR wrong number of arguments for 'select' command", () -> send(j, "SELECT"));
      assertEquals("OK", l.sync().select(0));
      lettuceError("ERR DB index is out of range", () -> l.sync().select(15));
    }
  }

  @Test
  void clientSubcommands() {
    try (Jedis j = server.jedis(); Jedis other = server.jedis(); StatefulRedisConnection<String, String> l = server.lettuce()) {
      assertNull(j.clientGetname());
      assertEquals("OK", j.clientSetname("worker-1"));
      assertEquals("worker-1", j.clientGetname());
      jedisError("ERR Client names cannot contain spaces, newlines or special characters.",
          () -> j.clientSetname("two words"));
      long id = j.clientId();
      assertTrue(id > 0 && other.clientId() != id);
      assertEquals("OK", j.clientSetInfo(ClientAttributeOption.LIB_NAME, "mylib"));
      assertEquals("OK", j.clientSetInfo(ClientAttributeOption.LIB_VER, "1.2.3"));
      jedisError("ERR Unrecognized option 'color'", () -> send(j, "CLIENT", "SETINFO", "color", "red"));
      jedisError("ERR lib-name cannot contain spaces, newlines or special characters.",
          () -> send(j, "CLIENT", "SETINFO", "lib-name", "a b"));
      String info = j.clientInfo();
      assertTrue(info.matches("id=" + id + " addr=127\\.0\\.0\\.1:\\d+ laddr=127\\.0\\.0\\.1:" + server.port()
          + " fd=-1 name=worker-1 age=\\d+ idle=\\d+ flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 .* cmd=client\\|info"
          + " user=default redir=-1 resp=2 lib-name=mylib lib-ver=1\\.2\\.3\n"), info);
      String list = j.clientList();
      assertTrue(list.contains("id=" + id + " ") && list.contains("id=" + other.clientId() + " "), list);
      assertEquals(list.lines().count(), list.chars().filter(c -> c == '\n').count(), "one line per client");
      String mine = j.clientList(id);
      assertEquals(1, mine.lines().count(), mine);
      assertTrue(mine.startsWith("id=" + id + " "));
      assertEquals("", new String((byte[]) send(j, "CLIENT", "LIST", "TYPE", "pubsub")), "all clients are normal");
      jedisError("ERR unknown subcommand 'foo'. Try CLIENT HELP.", () -> send(j, "CLIENT", "foo"));
      jedisError("ERR wrong number of arguments for 'client|getname' command", () -> send(j, "CLIENT", "GETNAME", "x"));
      jedisError("ERR wrong number of arguments for 'client' command", () -> send(j, "CLIENT"));
      jedisError("ERR syntax error", () -> send(j, "CLIENT", "LIST", "bogus"));
      RedisCommands<String, String> c = l.sync();
      assertEquals("OK", c.clientSetname("lettuce-conn"));
      assertEquals("lettuce-conn", c.clientGetname());
      assertTrue(c.clientList().contains("name=lettuce-conn"));
    }
  }

  @Test
  void quitAnswersOkThenCloses() throws Exception {
    try (RawResp r = new RawResp(server.port())) {
      // What is pipelined after QUIT is not run.
      r.send(RawResp.encode("PING") + RawResp.encode("QUIT") + RawResp.encode("SET", "after-quit", "1"));
      assertEquals("+PONG\r\n", r.reply());
      assertEquals("+OK\r\n", r.reply());
      assertTrue(r.closedByServer());
    }
    try (Jedis j = server.jedis()) {
      assertNull(j.get("after-quit"));
    }
  }

  @Test
  void resetLeavesMultiForgetsTheNameAndGoesBackToResp2() throws Exception {
    try (RawResp r = new RawResp(server.port())) {
      assertTrue(r.call("HELLO", "3").startsWith("%8\r\n"));
      assertEquals("+OK\r\n", r.call("CLIENT", "SETNAME", "before-reset"));
      assertEquals("+OK\r\n", r.call("MULTI"));
      assertEquals("+QUEUED\r\n", r.call("SET", "reset:k", "v"));
      assertEquals("+RESET\r\n", r.call("RESET"));
      assertEquals("$-1\r\n", r.call("CLIENT", "GETNAME"), "RESP2 null: the name is gone and so is RESP3");
      assertEquals("-ERR EXEC without MULTI\r\n", r.call("EXEC"));
      assertEquals("$-1\r\n", r.call("GET", "reset:k"), "the queued SET never ran");
    }
  }

  @Test
  void timeIsNow() {
    try (Jedis j = server.jedis(); StatefulRedisConnection<String, String> l = server.lettuce()) {
      List<String> t = j.time();
      long seconds = Long.parseLong(t.get(0));
      long micros = Long.parseLong(t.get(1));
      assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000) <= 2, t.toString());
      assertTrue(micros >= 0 && micros < 1_000_000, t.toString());
      assertEquals(2, l.sync().time().size());
      jedisError("ERR wrong number of arguments for 'time' command", () -> send(j, "TIME", "x"));
    }
  }
}
