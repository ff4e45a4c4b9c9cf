package io.nokv.server.resp;

import static io.nokv.server.resp.RespTestData.error;
import static io.nokv.server.resp.RespTestData.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.server.Await;
import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.Reclaimer;
import io.nokv.server.resp.store.RedisType;
import io.nokv.txn.TxnClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ExpiryOption;

/** DEL UNLINK EXISTS TYPE, the expiry commands and RENAME through Jedis, errors included. */
class RespKeyCommandsTest {
  @TempDir static Path dir;
  private static RespTestServer server;
  private Jedis j;

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
    j = server.jedis();
  }

  @AfterEach
  void disconnect() {
    j.close();
  }

  private static TxnClient client() {
    return server.gateway().client();
  }

  @Test
  void delUnlinkExistsType() {
    j.mset("de:a", "1", "de:b", "2", "de:c", "3");
    RespTestData.putCollection(client(), "de:h", RedisType.HASH, 3);
    assertEquals(3, j.exists("de:a", "de:a", "de:a", "de:missing"), "EXISTS counts repeats");
    assertEquals("string", j.type("de:a"));
    assertEquals("hash", j.type("de:h"));
    assertEquals("none", j.type("de:missing"));
    assertEquals(2, j.del("de:a", "de:a", "de:b", "de:missing"));
    assertEquals(2, j.unlink("de:c", "de:h"));
    assertEquals(0, j.exists("de:a", "de:b", "de:c", "de:h"));
    assertEquals("ERR wrong number of arguments for 'del' command", error(j, "DEL"));
    assertEquals("ERR wrong number of arguments for 'exists' command", error(j, "EXISTS"));
    assertEquals("ERR wrong number of arguments for 'type' command", error(j, "TYPE", "a", "b"));
  }

  @Test
  void typeOfEveryKind() {
    for (RedisType t : new RedisType[] {RedisType.HASH, RedisType.SET, RedisType.ZSET, RedisType.LIST}) {
      RespTestData.putCollection(client(), "ty:" + t.redisName, t, 2);
      assertEquals(t.redisName, j.type("ty:" + t.redisName));
    }
  }

  @Test
  void expireTtlPersist() {
    j.set("xp:a", "v");
    assertEquals(-1, j.ttl("xp:a"));
    assertEquals(-1, j.pttl("xp:a"));
    assertEquals(-2, j.ttl("xp:missing"));
    assertEquals(-2, j.pttl("xp:missing"));
    assertEquals(1, j.expire("xp:a", 100));
    assertEquals(100, j.ttl("xp:a"));
    assertTrue(j.pttl("xp:a") > 99_000 && j.pttl("xp:a") <= 100_000);
    assertEquals(1, j.pexpire("xp:a", 50_900));
    assertEquals(51, j.ttl("xp:a"), "TTL rounds to the nearest second");
    long at = System.currentTimeMillis() / 1000 + 200;
    assertEquals(1, j.expireAt("xp:a", at));
    assertEquals(at, j.expireTime("xp:a"));
    assertEquals(1, j.pexpireAt("xp:a", at * 1000 + 250));
    assertEquals(at * 1000 + 250, j.pexpireTime("xp:a"));
    assertEquals(at, j.expireTime("xp:a"));
    assertEquals(1, j.persist("xp:a"));
    assertEquals(0, j.persist("xp:a"));
    assertEquals(-1, j.ttl("xp:a"));
    assertEquals(-1, j.expireTime("xp:a"));
    assertEquals(-2, j.expireTime("xp:missing"));
    assertEquals(0, j.persist("xp:missing"));
    assertEquals(0, j.expire("xp:missing", 10));
    assertEquals(0, j.exists("xp:missing") ? 1 : 0);
  }

  @Test
  void expireInThePastDeletes() {
    j.set("xd:a", "v");
    assertEquals(1, j.expire("xd:a", 0));
    assertFalse(j.exists("xd:a"));
    j.set("xd:b", "v");
    assertEquals(1, j.expire("xd:b", -5));
    assertFalse(j.exists("xd:b"));
    j.set("xd:c", "v");
    assertEquals(1, j.pexpireAt("xd:c", 1));
    assertFalse(j.exists("xd:c"));
    j.set("xd:d", "v");
    assertEquals(1, j.pexpire("xd:d", -Long.MAX_VALUE), "a large negative time is in the past, not an overflow");
    assertFalse(j.exists("xd:d"));
    RespTestData.putCollection(client(), "xd:h", RedisType.HASH, 2);
    assertEquals(1, j.expireAt("xd:h", 1));
    assertEquals("none", j.type("xd:h"));
    assertNull(RespTestData.storedMeta(client(), "xd:h"), "deleted at once, not left for the reclaimer");
  }

  @Test
  void expireConditions() {
    j.set("xc:a", "v");
    assertEquals(0, j.expire("xc:a", 100, ExpiryOption.XX), "XX: no expiry yet");
    assertEquals(0, j.expire("xc:a", 100, ExpiryOption.GT), "GT: no expiry counts as infinite");
    assertEquals(1, j.expire("xc:a", 100, ExpiryOption.NX));
    assertEquals(0, j.expire("xc:a", 100, ExpiryOption.NX));
    assertEquals(0, j.expire("xc:a", 50, ExpiryOption.GT));
    assertEquals(1, j.expire("xc:a", 200, ExpiryOption.GT));
    assertEquals(0, j.expire("xc:a", 300, ExpiryOption.LT));
    assertEquals(1, j.expire("xc:a", 150, ExpiryOption.LT));
    assertEquals(150, j.ttl("xc:a"));
    assertEquals(1, j.expire("xc:a", 120, ExpiryOption.XX));
    assertEquals(0, j.expireAt("xc:a", 1, ExpiryOption.GT), "a failed condition leaves even a past time alone");
    assertTrue(j.exists("xc:a"));
    j.persist("xc:a");
    assertEquals(1, j.pexpire("xc:a", 100_000, ExpiryOption.LT), "LT: no expiry counts as infinite");
    assertEquals("1", String.valueOf(raw(j, "EXPIRE", "xc:a", "90", "xx", "lt")), "options ignore case and combine");
    assertEquals(90, j.ttl("xc:a"));
  }

  @Test
  void expireErrors() {
    j.set("xe:a", "v");
    assertEquals("ERR NX and XX, GT or LT options at the same time are not compatible", error(j, "EXPIRE", "xe:a", "10", "NX", "XX"));
    assertEquals("ERR NX and XX, GT or LT options at the same time are not compatible", error(j, "EXPIRE", "xe:a", "10", "NX", "GT"));
    assertEquals("ERR GT and LT options at the same time are not compatible", error(j, "PEXPIRE", "xe:a", "10", "GT", "LT"));
    assertEquals("ERR Unsupported option foo", error(j, "EXPIRE", "xe:a", "10", "foo"));
    assertEquals("ERR Unsupported option foo", error(j, "EXPIRE", "xe:a", "abc", "foo"), "options are checked first");
    assertEquals("ERR value is not an integer or out of range", error(j, "EXPIRE", "xe:a", "abc"));
    assertEquals("ERR invalid expire time in 'expire' command", error(j, "EXPIRE", "xe:a", Long.toString(Long.MAX_VALUE)));
    assertEquals("ERR invalid expire time in 'expire' command", error(j, "EXPIRE", "xe:a", Long.toString(Long.MAX_VALUE / 1000)));
    assertEquals("ERR invalid expire time in 'expire' command", error(j, "EXPIRE", "xe:a", Long.toString(-Long.MAX_VALUE)));
    assertEquals("ERR invalid expire time in 'pexpire' command", error(j, "PEXPIRE", "xe:a", Long.toString(Long.MAX_VALUE)));
    assertEquals("ERR invalid expire time in 'expireat' command", error(j, "EXPIREAT", "xe:a", Long.toString(Long.MAX_VALUE)));
    assertEquals(1, j.pexpireAt("xe:a", Long.MAX_VALUE), "PEXPIREAT takes any time");
    j.persist("xe:a");
    assertEquals("ERR wrong number of arguments for 'expire' command", error(j, "EXPIRE", "xe:a"));
    assertEquals("ERR wrong number of arguments for 'ttl' command", error(j, "TTL"));
    assertEquals("ERR wrong number of arguments for 'persist' command", error(j, "PERSIST", "a", "b"));
    assertEquals(-1, j.ttl("xe:a"), "no error changed the key");
  }

  @Test
  void renameStrings() {
    j.set("rn:a", "1");
    j.expire("rn:a", 100);
    assertEquals("OK", j.rename("rn:a", "rn:b"));
    assertFalse(j.exists("rn:a"));
    assertEquals("1", j.get("rn:b"));
    assertTrue(j.ttl("rn:b") > 98, "the expiry moves with the value");
    j.set("rn:c", "2");
    j.expire("rn:c", 500);
    j.set("rn:d", "3");
    assertEquals("OK", j.rename("rn:d", "rn:c"));
    assertEquals("3", j.get("rn:c"));
    assertEquals(-1, j.ttl("rn:c"), "the target's old expiry goes with its old value");
    assertEquals("OK", j.rename("rn:c", "rn:c"), "RENAME to itself");
    assertEquals("3", j.get("rn:c"));
    assertEquals(0, j.renamenx("rn:c", "rn:c"));
    assertEquals(0, j.renamenx("rn:c", "rn:b"));
    assertEquals("1", j.get("rn:b"));
    assertEquals(1, j.renamenx("rn:c", "rn:e"));
    assertEquals("3", j.get("rn:e"));
    assertEquals("ERR no such key", error(j, "RENAME", "rn:missing", "rn:x"));
    assertEquals("ERR no such key", error(j, "RENAMENX", "rn:missing", "rn:x"));
    assertEquals("ERR no such key", error(j, "RENAME", "rn:missing", "rn:missing"));
    assertEquals("ERR wrong number of arguments for 'rename' command", error(j, "RENAME", "rn:e"));
  }

  @Test
  void renameCollectionsCopiesMembersAndKeepsTtl() {
    for (RedisType t : new RedisType[] {RedisType.HASH, RedisType.SET, RedisType.ZSET, RedisType.LIST}) {
      String from = "rc:" + t.redisName;
      String to = "rc:" + t.redisName + ":moved";
      RespTestData.putCollection(client(), from, t, 50);
      KeyMeta before = RespTestData.storedMeta(client(), from);
      List<List<String>> members = new ArrayList<>();
      for (byte space : io.nokv.server.resp.store.Keyspace.memberSpaces(t)) {
        members.add(RespTestData.members(client(), from, before, space));
      }
      j.expire(from, 100);
      j.set(to, "an old value");
      assertEquals("OK", j.rename(from, to));
      assertEquals("none", j.type(from));
      assertEquals(t.redisName, j.type(to));
      assertTrue(j.ttl(to) > 98, t + " keeps its TTL");
      KeyMeta after = RespTestData.storedMeta(client(), to);
      assertEquals(50, after.size());
      assertNotEquals(before.version(), after.version(), "members live under a new version of the new name");
      int i = 0;
      for (byte space : io.nokv.server.resp.store.Keyspace.memberSpaces(t)) {
        assertEquals(members.get(i++), RespTestData.members(client(), to, after, space), t + " members in space " + (char) space);
      }
      // the old members were queued: reclaim deletes them and leaves the new ones alone
      int copied = RespTestData.memberKeys(client(), to, t, after.version());
      Reclaimer r = new Reclaimer(client(), server.gateway().stats());
      Await.until(Duration.ofSeconds(20), "the old " + t + " reclaimed", () -> {
        r.runOnce();
        return RespTestData.memberKeys(client(), from, t, before.version()) == 0;
      });
      assertEquals(copied, RespTestData.memberKeys(client(), to, t, after.version()));
    }
  }
}
