package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.KeyValue;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ValueScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hash and set commands through Lettuce speaking RESP3: the typed replies Redis 7 gives (a map
 * for HGETALL, sets for SMEMBERS, SINTER, SUNION, SDIFF and SPOP with a count, arrays elsewhere),
 * seen both through Lettuce's API and as the raw RESP3 types its decoder reports.
 */
class RespHashSetLettuceTest {
  @TempDir static Path dir;
  static RespTestServer server;
  static StatefulRedisConnection<String, String> conn;
  static RedisCommands<String, String> redis;

  @BeforeAll
  static void start() {
    server = new RespTestServer(dir);
    HashSetTestSupport.ensureHello(server);
    conn = server.lettuce();
    redis = conn.sync();
  }

  @AfterAll
  static void stop() {
    conn.close();
    server.close();
  }

  /** The RESP types of {@code command}'s reply, as Lettuce's decoder reports them. */
  static List<String> types(CommandType command, String... args) {
    CommandArgs<String, String> a = new CommandArgs<>(StringCodec.UTF8);
    for (String s : args) {
      a.add(s);
    }
    return redis.dispatch(command, new HashSetTestSupport.TypeRecorder(), a);
  }

  @Test
  void resp3TypesOfHashReplies() {
    redis.hset("th", Map.of("a", "1", "b", "2"));
    assertEquals(List.of("map:2", "bulk:a", "bulk:1", "bulk:b", "bulk:2"), types(CommandType.HGETALL, "th"));
    assertEquals(List.of("map:0"), types(CommandType.HGETALL, "nokey"));
    assertEquals(List.of("array:2", "bulk:a", "bulk:b"), types(CommandType.HKEYS, "th"));
    assertEquals(List.of("array:2", "bulk:1", "bulk:2"), types(CommandType.HVALS, "th"));
    assertEquals(List.of("array:2", "bulk:1", "null"), types(CommandType.HMGET, "th", "a", "zz"));
    assertEquals(List.of("null"), types(CommandType.HGET, "th", "zz"));
    assertEquals(List.of("int:1"), types(CommandType.HEXISTS, "th", "a"), "an integer, not a RESP3 boolean, as Redis 7");
    assertEquals(List.of("bulk:2.5"), types(CommandType.HINCRBYFLOAT, "th", "a", "1.5"), "a bulk string, as Redis");
    assertEquals(List.of("array:2", "bulk:0", "array:4", "bulk:a", "bulk:2.5", "bulk:b", "bulk:2"),
        types(CommandType.HSCAN, "th", "0"));
  }

  @Test
  void resp3TypesOfSetReplies() {
    redis.sadd("ts1", "a", "b", "c");
    redis.sadd("ts2", "b", "c", "d");
    assertEquals(List.of("set:3", "bulk:a", "bulk:b", "bulk:c"), types(CommandType.SMEMBERS, "ts1"));
    assertEquals(List.of("set:0"), types(CommandType.SMEMBERS, "nokey"));
    assertEquals(List.of("set:2", "bulk:b", "bulk:c"), types(CommandType.SINTER, "ts1", "ts2"));
    assertEquals(List.of("set:4", "bulk:a", "bulk:b", "bulk:c", "bulk:d"), types(CommandType.SUNION, "ts1", "ts2"));
    assertEquals(List.of("set:1", "bulk:a"), types(CommandType.SDIFF, "ts1", "ts2"));
    assertEquals(List.of("array:3", "int:1", "int:0", "int:1"), types(CommandType.SMISMEMBER, "ts1", "a", "z", "c"));
    assertEquals(List.of("set:0"), types(CommandType.SPOP, "ts1", "0"));
    assertEquals(List.of("set:0"), types(CommandType.SPOP, "nokey", "2"));
    assertEquals(List.of("null"), types(CommandType.SPOP, "nokey"));
    assertEquals(List.of("null"), types(CommandType.SRANDMEMBER, "nokey"));
    assertEquals(List.of("array:0"), types(CommandType.SRANDMEMBER, "nokey", "2"));
    assertEquals("array:3", types(CommandType.SRANDMEMBER, "ts1", "3").get(0), "SRANDMEMBER answers an array");
    assertEquals("set:1", types(CommandType.SPOP, "ts2", "1").get(0), "SPOP with a count answers a set");
  }

  @Test
  void hashCommands() {
    assertEquals(2, redis.hset("lh", Map.of("a", "1", "b", "2")));
    assertTrue(redis.hset("lh", "c", "3"));
    assertFalse(redis.hset("lh", "c", "33"));
    assertEquals("33", redis.hget("lh", "c"));
    assertEquals(List.of(KeyValue.just("a", "1"), KeyValue.empty("zz")), redis.hmget("lh", "a", "zz"));
    assertEquals("OK", redis.hmset("lh", Map.of("d", "4")));
    assertEquals(Map.of("a", "1", "b", "2", "c", "33", "d", "4"), redis.hgetall("lh"));
    assertEquals(List.of("a", "b", "c", "d"), redis.hkeys("lh"));
    assertEquals(List.of("1", "2", "33", "4"), redis.hvals("lh"));
    assertEquals(4, redis.hlen("lh"));
    assertTrue(redis.hexists("lh", "a"));
    assertFalse(redis.hexists("lh", "zz"));
    assertEquals(11, redis.hincrby("lh", "a", 10));
    assertEquals(2.5, redis.hincrbyfloat("lh", "b", 0.5));
    assertFalse(redis.hsetnx("lh", "a", "x"));
    assertTrue(redis.hsetnx("lh", "e", "5"));
    assertEquals(2, redis.hstrlen("lh", "c"));
    assertEquals(2, redis.hdel("lh", "a", "b"));
    assertEquals(3, redis.hlen("lh"));
    assertEquals(3, redis.hdel("lh", "c", "d", "e"));
    assertEquals(0, redis.hlen("lh"));
    assertNull(HashSetTestSupport.storedMeta(server, "lh"));

    redis.set("lstr", "x");
    RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class, () -> redis.hget("lstr", "a"));
    assertEquals(HashSetTestSupport.WRONGTYPE, e.getMessage());
    e = assertThrows(RedisCommandExecutionException.class, () -> redis.hgetall("lstr"));
    assertEquals(HashSetTestSupport.WRONGTYPE, e.getMessage());
    redis.hset("lh2", "s", "abc");
    e = assertThrows(RedisCommandExecutionException.class, () -> redis.hincrby("lh2", "s", 1));
    assertEquals("ERR hash value is not an integer", e.getMessage());
    e = assertThrows(RedisCommandExecutionException.class, () -> redis.hincrbyfloat("lh2", "s", 1));
    assertEquals("ERR hash value is not a float", e.getMessage());
  }

  @Test
  void hashScan() {
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      fields.put("f" + i, "v" + i);
    }
    assertEquals(1000, redis.hset("lbig", fields));
    Set<String> seen = new HashSet<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      MapScanCursor<String, String> r = redis.hscan("lbig", cursor, ScanArgs.Builder.limit(128));
      for (Map.Entry<String, String> e : r.getMap().entrySet()) {
        assertTrue(seen.add(e.getKey()), e.getKey());
        assertEquals("v" + e.getKey().substring(1), e.getValue());
      }
      cursor = r;
    } while (!cursor.isFinished());
    assertEquals(1000, seen.size());
  }

  @Test
  void setCommands() {
    assertEquals(3, redis.sadd("ls", "a", "b", "c"));
    assertEquals(0, redis.sadd("ls", "a"));
    assertEquals(Set.of("a", "b", "c"), redis.smembers("ls"));
    assertTrue(redis.sismember("ls", "a"));
    assertEquals(List.of(true, false), redis.smismember("ls", "a", "z"));
    assertEquals(3, redis.scard("ls"));
    assertEquals(1, redis.srem("ls", "c"));
    assertTrue(redis.smove("ls", "ls2", "b"));
    assertEquals(Set.of("b"), redis.smembers("ls2"));
    redis.sadd("ls2", "a", "x");
    assertEquals(Set.of("a"), redis.sinter("ls", "ls2"));
    assertEquals(Set.of("a", "b", "x"), redis.sunion("ls", "ls2"));
    assertEquals(Set.of("b", "x"), redis.sdiff("ls2", "ls"));
    assertEquals(1, redis.sinterstore("ls3", "ls", "ls2"));
    assertEquals(3, redis.sunionstore("ls4", "ls", "ls2"));
    assertEquals(2, redis.sdiffstore("ls5", "ls2", "ls"));
    assertEquals(Set.of("b", "x"), redis.smembers("ls5"));
    assertTrue(Set.of("a", "b", "x").contains(redis.srandmember("ls4")));
    assertEquals(2, redis.srandmember("ls4", 2).size());
    assertEquals(5, redis.srandmember("ls4", -5).size());
    String popped = redis.spop("ls4");
    assertFalse(redis.sismember("ls4", popped));
    assertEquals(2, redis.spop("ls4", 5).size());
    assertEquals(0, redis.scard("ls4"));
    assertNull(HashSetTestSupport.storedMeta(server, "ls4"));

    redis.set("lstr2", "x");
    RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class, () -> redis.sadd("lstr2", "a"));
    assertEquals(HashSetTestSupport.WRONGTYPE, e.getMessage());
    e = assertThrows(RedisCommandExecutionException.class, () -> redis.sunion("ls", "lstr2"));
    assertEquals(HashSetTestSupport.WRONGTYPE, e.getMessage());
    e = assertThrows(RedisCommandExecutionException.class, () -> redis.spop("ls", -1));
    assertEquals("ERR value is out of range, must be positive", e.getMessage());
  }

  @Test
  void setScan() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      members.add("m" + i);
    }
    redis.sadd("lsbig", members.toArray(String[]::new));
    List<String> seen = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      ValueScanCursor<String> r = redis.sscan("lsbig", cursor, ScanArgs.Builder.limit(100));
      seen.addAll(r.getValues());
      cursor = r;
    } while (!cursor.isFinished());
    assertEquals(1000, seen.size());
    assertEquals(new HashSet<>(members), new HashSet<>(seen));
  }
}
