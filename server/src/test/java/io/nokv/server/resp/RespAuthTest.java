package io.nokv.server.resp;

import static io.nokv.server.resp.RespConnectionCommandsTest.jedisError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;

/** requirepass: NOAUTH before AUTH, AUTH and HELLO AUTH, WRONGPASS, RESET, and the stricter limits before AUTH. */
class RespAuthTest {
  private static final String PASSWORD = "open sesame"; // a space: passwords are bulk strings, anything goes

  @TempDir static Path dir;
  static RespTestServer server;

  @BeforeAll
  static void start() {
    server = new RespTestServer(dir, RespServerConfig.defaults("127.0.0.1", 0).withRequirepass(PASSWORD));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void noauthUntilAuth() {
    try (Jedis j = server.jedis()) {
      jedisError("NOAUTH Authentication required.", j::ping);
      jedisError("NOAUTH Authentication required.", () -> j.set("k", "v"));
      jedisError("NOAUTH Authentication required.", () -> j.clientSetname("x"));
      // Existence and arity are checked first, as in Redis.
      jedisError("ERR wrong number of arguments for 'get' command", () -> j.sendCommand(() -> "GET".getBytes()));
      jedisError("WRONGPASS invalid username-password pair or user is disabled.", () -> j.auth("wrong"));
      jedisError("WRONGPASS invalid username-password pair or user is disabled.", () -> j.auth("alice", PASSWORD));
      jedisError("NOAUTH Authentication required.", j::ping);
      assertEquals("OK", j.auth(PASSWORD));
      assertEquals("PONG", j.ping());
      jedisError("WRONGPASS invalid username-password pair or user is disabled.", () -> j.auth("wrong"));
      assertEquals("PONG", j.ping(), "a failed AUTH leaves an authenticated connection so");
    }
    try (Jedis j = server.jedis()) {
      assertEquals("OK", j.auth("default", PASSWORD));
      assertEquals("OK", j.set("auth:k", "v"));
    }
  }

  @Test
  void helloNeedsAuthOrAuthenticates() throws Exception {
    try (RawResp r = new RawResp(server.port())) {
      assertEquals("-" + helloNoauth() + "\r\n", r.call("HELLO", "3"));
      assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
          r.call("HELLO", "3", "AUTH", "default", "nope"));
      String hello = r.call("HELLO", "3", "AUTH", "default", PASSWORD, "SETNAME", "raw");
      assertTrue(hello.startsWith("%8\r\n$6\r\nserver\r\n$5\r\nredis\r\n"), hello);
      assertEquals("$3\r\nraw\r\n", r.call("CLIENT", "GETNAME"));
      // RESET deauthenticates when a password is set.
      assertEquals("+RESET\r\n", r.call("RESET"));
      assertEquals("-NOAUTH Authentication required.\r\n", r.call("PING"));
    }
  }

  private static String helloNoauth() {
    return "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass>"
        + " option can be used to authenticate the client and select the RESP protocol version at the same time";
  }

  @Test
  void clientsConfiguredWithThePassword() {
    try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", server.port()),
        DefaultJedisClientConfig.builder().password(PASSWORD).protocol(RedisProtocol.RESP3).autoNegotiateProtocol(false).build())) {
      assertEquals("PONG", j.ping(), "Jedis RESP3: HELLO 3 AUTH default PASS");
    }
    RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(server.port())
        .withPassword(PASSWORD.toCharArray()).build());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      assertEquals("PONG", c.sync().ping());
      assertTrue(c.sync().clientInfo().contains(" resp=3 "));
    } finally {
      client.shutdown();
    }
    RedisClient wrong = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(server.port())
        .withPassword("nope".toCharArray()).build());
    try {
      RedisConnectionException e = assertThrows(RedisConnectionException.class, wrong::connect);
      assertTrue(String.valueOf(e.getCause()).contains("WRONGPASS"), String.valueOf(e.getCause()));
    } finally {
      wrong.shutdown();
    }
  }

  @Test
  void stricterLimitsBeforeAuth() throws Exception {
    try (RawResp r = new RawResp(server.port())) {
      String[] eleven = new String[11];
      java.util.Arrays.fill(eleven, "x");
      eleven[0] = "PING";
      assertEquals("-ERR Protocol error: unauthenticated multibulk length\r\n", r.send(RawResp.encode(eleven)).reply());
      assertTrue(r.closedByServer());
    }
    try (RawResp r = new RawResp(server.port())) {
      r.send("*2\r\n$4\r\nECHO\r\n$16385\r\n");
      assertEquals("-ERR Protocol error: unauthenticated bulk length\r\n", r.reply());
      assertTrue(r.closedByServer());
    }
    try (RawResp r = new RawResp(server.port())) {
      assertEquals("+OK\r\n", r.call("AUTH", PASSWORD));
      String big = "y".repeat(20_000);
      assertEquals("$20000\r\n" + big + "\r\n", r.call("ECHO", big), "after AUTH the configured limits apply");
    }
  }
}
