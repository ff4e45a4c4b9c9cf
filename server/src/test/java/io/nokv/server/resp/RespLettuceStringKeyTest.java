package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ExpireArgs;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.nokv.server.resp.store.RedisType;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every string and key command through Lettuce (the Jedis tests go deeper into each). */
class RespLettuceStringKeyTest {
  private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
  @TempDir static Path dir;
  private static RespTestServer server;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> r;

  @BeforeAll
  static void startServer() {
    server = new RespTestServer(dir);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void connect() {
    connection = server.lettuce();
    r = connection.sync();
    r.flushall();
  }

  @AfterEach
  void disconnect() {
    connection.close();
  }

  private static String error(Executable command) {
    return assertThrows(RedisCommandExecutionException.class, command).getMessage();
  }

  @Test
  void setFamily() {
    assertEquals("OK", r.set("a", "1"));
    assertEquals("1", r.get("a"));
    assertNull(r.get("missing"));
    assertNull(r.set("a", "2", SetArgs.Builder.nx()));
    assertEquals("OK", r.set("a", "2", SetArgs.Builder.xx().ex(100)));
    assertTrue(r.ttl("a") > 98);
    assertEquals("OK", r.set("a", "3", SetArgs.Builder.keepttl()));
    assertTrue(r.ttl("a") > 98);
    assertEquals("3", r.setGet("a", "4"));
    assertEquals(-1L, r.ttl("a"));
    assertEquals("OK", r.set("a", "5", SetArgs.Builder.pxAt(1)));
    assertNull(r.get("a"));
    assertTrue(r.setnx("b", "1"));
    assertFalse(r.setnx("b", "2"));
    assertEquals("OK", r.setex("c", 100, "v"));
    assertTrue(r.ttl("c") > 98);
    assertEquals("OK", r.psetex("d", 100_000, "v"));
    assertTrue(r.pttl("d") > 98_000);
    assertEquals("ERR invalid expire time in 'set' command", error(() -> r.set("e", "v", SetArgs.Builder.px(0))));
    assertEquals("ERR invalid expire time in 'setex' command", error(() -> r.setex("e", 0, "v")));
    assertEquals("ERR syntax error", error(() -> r.set("e", "v", SetArgs.Builder.nx().xx())));
    assertEquals(0L, r.exists("e"));
  }

  @Test
  void getFamily() {
    r.set("a", "1");
    assertEquals("1", r.getset("a", "2"));
    assertEquals("2", r.getex("a", GetExArgs.Builder.ex(100)));
    assertTrue(r.ttl("a") > 98);
    assertEquals("2", r.getex("a", GetExArgs.Builder.persist()));
    assertEquals(-1L, r.ttl("a"));
    assertEquals("ERR invalid expire time in 'getex' command", error(() -> r.getex("a", GetExArgs.Builder.ex(0))));
    assertEquals("2", r.getdel("a"));
    assertNull(r.getdel("a"));
    assertEquals("OK", r.mset(Map.of("m1", "1", "m2", "2")));
    assertEquals(List.of(KeyValue.just("m1", "1"), KeyValue.empty("mx"), KeyValue.just("m2", "2")), r.mget("m1", "mx", "m2"));
    assertFalse(r.msetnx(Map.of("m1", "9", "m3", "3")));
    assertTrue(r.msetnx(Map.of("m3", "3", "m4", "4")));
    assertEquals("3", r.get("m3"));
  }

  @Test
  void countersAndRanges() {
    assertEquals(1L, r.incr("n"));
    assertEquals(0L, r.decr("n"));
    assertEquals(5L, r.incrby("n", 5));
    assertEquals(3L, r.decrby("n", 2));
    assertEquals(3.5, r.incrbyfloat("n", 0.5));
    assertEquals("3.5", r.get("n"));
    assertEquals("ERR value is not an integer or out of range", error(() -> r.incr("n")));
    r.set("f", "inf");
    assertEquals("ERR increment would produce NaN or Infinity", error(() -> r.incrbyfloat("f", 1)));
    assertEquals(5L, r.append("s", "hello"));
    assertEquals(11L, r.append("s", " world"));
    assertEquals(11L, r.strlen("s"));
    assertEquals("world", r.getrange("s", 6, -1));
    assertEquals(11L, r.setrange("s", 0, "HELLO"));
    assertEquals("HELLO world", r.get("s"));
    assertEquals("ERR offset is out of range", error(() -> r.setrange("s", -1, "x")));
  }

  @Test
  void wrongType() {
    RespTestData.putCollection(server.gateway().client(), "h", RedisType.HASH, 2);
    assertEquals(WRONGTYPE, error(() -> r.get("h")));
    assertEquals(WRONGTYPE, error(() -> r.incr("h")));
    assertEquals(WRONGTYPE, error(() -> r.append("h", "x")));
    assertEquals(WRONGTYPE, error(() -> r.getrange("h", 0, 1)));
    assertEquals("hash", r.type("h"));
  }

  @Test
  void keyCommands() {
    r.mset(Map.of("a", "1", "b", "2", "c", "3"));
    assertEquals(3L, r.exists("a", "a", "b"));
    assertEquals("string", r.type("a"));
    assertEquals("none", r.type("zz"));
    assertEquals(1L, r.del("a", "zz"));
    assertEquals(1L, r.unlink("b"));
    assertTrue(r.expire("c", 100));
    assertFalse(r.expire("c", 50, ExpireArgs.Builder.gt()));
    assertTrue(r.expire("c", 200, ExpireArgs.Builder.gt()));
    assertTrue(r.pexpire("c", 300_000));
    long at = System.currentTimeMillis() / 1000 + 400;
    assertTrue(r.expireat("c", at));
    assertEquals(at, r.expiretime("c"));
    assertTrue(r.pexpireat("c", at * 1000));
    assertTrue(r.ttl("c") > 390);
    assertTrue(r.pttl("c") > 390_000);
    assertTrue(r.persist("c"));
    assertEquals(-1L, r.ttl("c"));
    assertEquals("ERR invalid expire time in 'expire' command", error(() -> r.expire("c", Long.MAX_VALUE)));
    assertEquals("OK", r.rename("c", "d"));
    assertEquals("3", r.get("d"));
    assertFalse(r.renamenx("d", "d"));
    assertTrue(r.renamenx("d", "e"));
    assertEquals("ERR no such key", error(() -> r.rename("nope", "x")));
    assertTrue(r.expire("e", 0), "a time in the past deletes");
    assertEquals(0L, r.exists("e"));
  }

  @Test
  void keyspaceCommands() {
    for (int i = 0; i < 25; i++) {
      r.set("k" + i, "v");
    }
    r.set("other", "v");
    assertEquals(26L, r.dbsize());
    assertEquals(Set.of("k1", "k10", "k11", "k12", "k13", "k14", "k15", "k16", "k17", "k18", "k19"),
        new HashSet<>(r.keys("k1*")));
    Set<String> seen = new HashSet<>();
    KeyScanCursor<String> cursor = r.scan(ScanArgs.Builder.limit(7).match("k*"));
    seen.addAll(cursor.getKeys());
    while (!cursor.isFinished()) {
      cursor = r.scan(cursor, ScanArgs.Builder.limit(7).match("k*"));
      seen.addAll(cursor.getKeys());
    }
    assertEquals(25, seen.size());
    KeyScanCursor<String> typed = r.scan(ScanCursor.INITIAL, KeyScanArgs.Builder.type("hash").limit(100));
    assertTrue(typed.getKeys().isEmpty());
    assertTrue(typed.isFinished());
    assertEquals("OK", r.flushdb());
    assertEquals(0L, r.dbsize());
    r.set("x", "1");
    assertEquals("OK", r.flushall());
    assertEquals(List.of(), r.keys("*"));
  }
}
