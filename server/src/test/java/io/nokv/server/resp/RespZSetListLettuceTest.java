package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScoredValueScanCursor;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sorted-set and list commands through Lettuce, over RESP3 (the reply shapes of Redis 7: scores
 * as doubles, ZRANGE WITHSCORES as [member, score] pairs) and over RESP2 (flat arrays, scores as
 * bulk strings), checked on the raw reply with {@link RespZlTreeOutput}.
 */
class RespZSetListLettuceTest {
  @TempDir static Path dir;
  static RespTestServer server;
  static StatefulRedisConnection<String, String> conn3;
  static RedisCommands<String, String> r3;
  static RedisClient client2;
  static StatefulRedisConnection<String, String> conn2;
  static RedisCommands<String, String> r2;

  @BeforeAll
  static void start() {
    server = new RespTestServer(dir);
    RespZlCalls.ensureHello(server);
    conn3 = server.lettuce();
    r3 = conn3.sync();
    client2 = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
    client2.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build());
    conn2 = client2.connect();
    r2 = conn2.sync();
    r3.set("str", "x");
    r3.zadd("z", ScoredValue.just(1, "a"), ScoredValue.just(2.5, "b"), ScoredValue.just(Double.POSITIVE_INFINITY, "c"));
  }

  @AfterAll
  static void stop() {
    conn2.close();
    client2.shutdown();
    conn3.close();
    server.close();
  }

  /** The raw reply of one command: bulk strings as String, doubles as Double, arrays as List. */
  private static Object raw(RedisCommands<String, String> r, CommandType type, String key, String... rest) {
    CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).addKey(key);
    for (String s : rest) {
      args.add(s);
    }
    return r.dispatch(type, new RespZlTreeOutput(), args);
  }

  private static void assertError(String expected, Executable e) {
    assertEquals(expected, assertThrows(RedisCommandExecutionException.class, e).getMessage());
  }

  @Test
  void resp3ShapesAreRedis7s() {
    assertEquals(1.0, raw(r3, CommandType.ZSCORE, "z", "a"));
    assertNull(raw(r3, CommandType.ZSCORE, "z", "nope"));
    assertEquals(Arrays.asList(2.5, null), raw(r3, CommandType.ZMSCORE, "z", "b", "nope"));
    assertEquals(List.of(List.of("a", 1.0), List.of("b", 2.5), List.of("c", Double.POSITIVE_INFINITY)),
        raw(r3, CommandType.ZRANGE, "z", "0", "-1", "WITHSCORES"));
    assertEquals(List.of(List.of("b", 2.5)), raw(r3, CommandType.ZRANGEBYSCORE, "z", "(1", "3", "WITHSCORES"));
    assertEquals(List.of(List.of("c", Double.POSITIVE_INFINITY)), raw(r3, CommandType.ZREVRANGE, "z", "0", "0", "WITHSCORES"));
    assertEquals(List.of("a", "b"), raw(r3, CommandType.ZRANGE, "z", "0", "1"));
    assertEquals(3.5, raw(r3, CommandType.ZINCRBY, "z", "1", "b"));
    assertEquals(2.5, raw(r3, CommandType.ZADD, "z", "INCR", "-1", "b"));
    assertNull(raw(r3, CommandType.ZADD, "z", "NX", "INCR", "1", "b"));
    assertNull(raw(r3, CommandType.ZRANK, "z", "nope"));
    r3.zadd("zpop3", 1.0, "a", 2.0, "b", 3.0, "c");
    assertEquals(List.of("a", 1.0), raw(r3, CommandType.ZPOPMIN, "zpop3"));
    assertEquals(List.of(List.of("c", 3.0)), raw(r3, CommandType.ZPOPMAX, "zpop3", "1"));
    assertEquals(List.of(), raw(r3, CommandType.ZPOPMAX, "zpop3missing", "1"));
    // ZSCAN answers scores as bulk strings in RESP3 too
    assertEquals(List.of("0", List.of("b", "2")), raw(r3, CommandType.ZSCAN, "zpop3", "0"));
    assertNull(raw(r3, CommandType.LPOP, "lmissing", "2"));
    assertNull(raw(r3, CommandType.LPOP, "lmissing"));
  }

  @Test
  void resp2ShapesAreFlat() {
    assertEquals("1", raw(r2, CommandType.ZSCORE, "z", "a"));
    assertEquals(List.of("a", "1", "b", "2.5"), raw(r2, CommandType.ZRANGE, "z", "0", "1", "WITHSCORES"));
    r2.zadd("zpop2", 1.0, "a", 2.0, "b", 3.0, "c");
    assertEquals(List.of("a", "1"), raw(r2, CommandType.ZPOPMIN, "zpop2"));
    assertEquals(List.of("c", "3", "b", "2"), raw(r2, CommandType.ZPOPMAX, "zpop2", "5"));
    // the typed API reads both shapes the same way
    assertEquals(r3.zrangeWithScores("z", 0, -1), r2.zrangeWithScores("z", 0, -1));
    assertEquals(r3.zscore("z", "b"), r2.zscore("z", "b"));
  }

  @Test
  void sortedSetCommandsThroughLettuce() {
    for (RedisCommands<String, String> r : List.of(r3, r2)) {
      String k = "lz" + (r == r3 ? 3 : 2);
      assertEquals(2, r.zadd(k, 1.0, "a", 2.0, "b"));
      assertEquals(1, r.zadd(k, ZAddArgs.Builder.ch(), 5, "a"));
      assertEquals(0, r.zadd(k, ZAddArgs.Builder.nx(), 9, "a"));
      assertEquals(0, r.zadd(k, ZAddArgs.Builder.xx(), 9, "new"));
      assertEquals(0, r.zadd(k, ZAddArgs.Builder.gt().ch(), 4, "a"));
      assertEquals(1, r.zadd(k, ZAddArgs.Builder.lt().ch(), 0.5, "a"));
      assertEquals(1.5, r.zaddincr(k, 1, "a"));
      assertEquals(3.0, r.zincrby(k, 1, "b"));
      assertEquals(Arrays.asList(1.5, null), r.zmscore(k, "a", "nope"));
      assertEquals(2, r.zcard(k));
      assertEquals(0L, r.zrank(k, "a"));
      assertEquals(0L, r.zrevrank(k, "b"));
      assertEquals(List.of(ScoredValue.just(1.5, "a"), ScoredValue.just(3, "b")), r.zrangeWithScores(k, 0, -1));
      assertEquals(List.of("b"), r.zrangebyscore(k, Range.create(2, 3)));
      assertEquals(List.of(ScoredValue.just(3, "b")), r.zrangebyscoreWithScores(k, Range.create(2, 3), Limit.create(0, 5)));
      assertEquals(List.of("b", "a"), r.zrevrange(k, 0, -1));
      assertEquals(List.of("b", "a"), r.zrevrangebyscore(k, Range.create(0, 10)));
      assertEquals(2, r.zcount(k, Range.create(0, 10)));
      r.zadd(k + "lex", 0.0, "a", 0.0, "b", 0.0, "c");
      assertEquals(List.of("b", "c"), r.zrangebylex(k + "lex", Range.create("b", "c")));
      assertEquals(List.of("c", "b"), r.zrevrangebylex(k + "lex", Range.create("b", "c")));
      assertEquals(2, r.zlexcount(k + "lex", Range.create("b", "c")));
      assertEquals(1, r.zremrangebylex(k + "lex", Range.create("a", "a")));
      assertEquals(ScoredValue.just(1.5, "a"), r.zpopmin(k));
      assertEquals(List.of(ScoredValue.just(3, "b")), r.zpopmax(k, 3));
      assertEquals(0, r.zcard(k));
      r.zadd(k, 1.0, "a", 2.0, "b", 3.0, "c");
      assertEquals(1, r.zremrangebyscore(k, Range.create(1, 1)));
      assertEquals(1, r.zremrangebyrank(k, 0, 0));
      assertEquals(1, r.zrem(k, "c", "nope"));
      assertError("ERR XX and NX options at the same time are not compatible",
          () -> raw(r, CommandType.ZADD, k, "NX", "XX", "1", "a")); // ZAddArgs keeps only one of them
      assertError("ERR GT, LT, and/or NX options at the same time are not compatible",
          () -> raw(r, CommandType.ZADD, k, "GT", "LT", "1", "a"));
      assertError("ERR min or max is not a float", () -> r.zrangebyscore(k, "x", "1"));
      assertError(RespZlCalls.WRONGTYPE, () -> r.zscore("str", "a"));
      assertError(RespZlCalls.WRONGTYPE, () -> r.zadd("str", 1, "a"));
    }
  }

  @Test
  void zscanThroughLettuce() {
    List<ScoredValue<String>> members = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      members.add(ScoredValue.just(i, "m" + i));
    }
    @SuppressWarnings("unchecked")
    ScoredValue<String>[] arr = members.toArray(new ScoredValue[0]);
    r3.zadd("lzscan", arr);
    List<ScoredValue<String>> seen = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      ScoredValueScanCursor<String> c = r3.zscan("lzscan", cursor, ScanArgs.Builder.limit(50));
      seen.addAll(c.getValues());
      cursor = c;
    } while (!cursor.isFinished());
    seen.sort((x, y) -> Double.compare(x.getScore(), y.getScore()));
    assertEquals(members, seen);
  }

  @Test
  void listCommandsThroughLettuce() {
    for (RedisCommands<String, String> r : List.of(r3, r2)) {
      String k = "ll" + (r == r3 ? 3 : 2);
      assertEquals(3, r.lpush(k, "a", "b", "c"));
      assertEquals(5, r.rpush(k, "d", "e"));
      assertEquals(6, r.lpushx(k, "z"));
      assertEquals(7, r.rpushx(k, "y"));
      assertEquals(0, r.lpushx(k + "missing", "a"));
      assertEquals(List.of("z", "c", "b", "a", "d", "e", "y"), r.lrange(k, 0, -1));
      assertEquals(7, r.llen(k));
      assertEquals("y", r.lindex(k, -1));
      assertEquals("OK", r.lset(k, 0, "Z"));
      assertEquals("Z", r.lpop(k));
      assertEquals("y", r.rpop(k));
      assertEquals(List.of("c", "b"), r.lpop(k, 2));
      assertEquals(List.of("e"), r.rpop(k, 1));
      assertEquals(List.of(), r.lpop(k, 0));
      r.rpush(k, "a", "x", "a");
      assertEquals(2, r.lrem(k, -2, "a"));
      assertEquals(List.of("a", "d", "x"), r.lrange(k, 0, -1));
      assertEquals("OK", r.ltrim(k, 1, -1));
      assertEquals(List.of("d", "x"), r.lrange(k, 0, -1));
      assertNull(r.lpop(k + "missing"));
      assertError("ERR no such key", () -> r.lset(k + "missing", 0, "a"));
      assertError("ERR index out of range", () -> r.lset(k, 9, "a"));
      assertError("ERR value is out of range, must be positive", () -> r.lpop(k, -1));
      assertError(RespZlCalls.WRONGTYPE, () -> r.lpush("str", "a"));
      assertError(RespZlCalls.WRONGTYPE, () -> r.lrange("str", 0, 1));
    }
    List<String> popped = r2.lpop("llmissing", 2); // the null array: Lettuce gives null or an empty list
    assertTrue(popped == null || popped.isEmpty(), "a missing key pops nothing: " + popped);
  }
}
