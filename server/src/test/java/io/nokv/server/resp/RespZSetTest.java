package io.nokv.server.resp;

import static io.nokv.server.resp.RespZlCalls.NOT_FLOAT;
import static io.nokv.server.resp.RespZlCalls.SYNTAX;
import static io.nokv.server.resp.RespZlCalls.WRONGTYPE;
import static io.nokv.server.resp.RespZlCalls.arity;
import static io.nokv.server.resp.RespZlCalls.assertError;
import static io.nokv.server.resp.RespZlCalls.assertReply;
import static io.nokv.server.resp.RespZlCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ZAddParams;

/** Sorted-set point commands through Jedis: ZADD and its options, ZSCORE, ZMSCORE, ZINCRBY, ZREM, ZCARD, ZRANK. */
class RespZSetTest {
  @TempDir static Path dir;
  static RespTestServer server;
  static Jedis j;

  @BeforeAll
  static void start() {
    server = new RespTestServer(dir);
    j = server.jedis();
    j.set("str", "x");
  }

  @AfterAll
  static void stop() {
    j.close();
    server.close();
  }

  @Test
  void zaddCountsAddedAndCh() {
    assertEquals(3, j.zadd("za", Map.of("a", 1.0, "b", 2.0, "c", 3.0)));
    assertEquals(1, j.zadd("za", Map.of("a", 10.0, "d", 4.0))); // a updated, d added
    assertEquals(2, j.zadd("za", Map.of("a", 11.0, "e", 5.0), ZAddParams.zAddParams().ch()));
    assertEquals(0, j.zadd("za", Map.of("a", 11.0), ZAddParams.zAddParams().ch())); // same score: no change
    assertEquals(11.0, j.zscore("za", "a"));
    assertEquals(5, j.zcard("za"));
    assertReply(1L, j, "ZADD", "zdup", "1", "m", "2", "m"); // the second pair updates the first
    assertEquals(2.0, j.zscore("zdup", "m"));
  }

  @Test
  void zaddNxXxGtLt() {
    j.zadd("zo", Map.of("a", 5.0));
    assertEquals(0, j.zadd("zo", 1.0, "a", ZAddParams.zAddParams().nx()));
    assertEquals(1, j.zadd("zo", 1.0, "b", ZAddParams.zAddParams().nx()));
    assertEquals(5.0, j.zscore("zo", "a"));
    assertEquals(0, j.zadd("zo", 1.0, "c", ZAddParams.zAddParams().xx()));
    assertNull(j.zscore("zo", "c"));
    assertReply(1L, j, "ZADD", "zo", "XX", "CH", "7", "a");
    assertReply(0L, j, "ZADD", "zo", "GT", "CH", "6", "a"); // 6 < 7: kept
    assertReply(1L, j, "ZADD", "zo", "GT", "CH", "8", "a");
    assertReply(0L, j, "ZADD", "zo", "LT", "CH", "9", "a");
    assertReply(1L, j, "ZADD", "zo", "LT", "CH", "2", "a");
    assertReply(1L, j, "ZADD", "zo", "GT", "100", "new"); // GT/LT never stop an add
    assertReply(0L, j, "ZADD", "zmissing", "XX", "1", "a"); // XX on a missing key creates nothing
    assertReply(0L, j, "ZCARD", "zmissing");
    assertReply(1L, j, "zadd", "zo", "nx", "ch", "1", "lower-case-options");
  }

  @Test
  void zaddIncr() {
    assertReply("1.5", j, "ZADD", "zi", "INCR", "1.5", "a");
    assertReply("3", j, "ZADD", "zi", "INCR", "1.5", "a");
    assertReply(null, j, "ZADD", "zi", "NX", "INCR", "1", "a"); // blocked: nil
    assertReply(null, j, "ZADD", "zi", "XX", "INCR", "1", "b");
    assertReply(null, j, "ZADD", "zi", "GT", "INCR", "-1", "a");
    assertReply(null, j, "ZADD", "zi", "GT", "INCR", "0", "a"); // equal is not greater
    assertReply("2", j, "ZADD", "zi", "LT", "INCR", "-1", "a");
    assertReply("2", j, "ZADD", "zi", "INCR", "0", "a");
    assertReply(null, j, "ZADD", "zimissing", "XX", "INCR", "1", "a");
    assertReply("inf", j, "ZADD", "zi", "INCR", "+inf", "a");
    assertError("ERR resulting score is not a number (NaN)", j, "ZADD", "zi", "INCR", "-inf", "a");
    assertEquals(Double.POSITIVE_INFINITY, j.zscore("zi", "a"));
  }

  @Test
  void zaddErrorsWriteNothing() {
    assertError("ERR XX and NX options at the same time are not compatible", j, "ZADD", "ze", "NX", "XX", "1", "a");
    assertError("ERR GT, LT, and/or NX options at the same time are not compatible", j, "ZADD", "ze", "GT", "LT", "1", "a");
    assertError("ERR GT, LT, and/or NX options at the same time are not compatible", j, "ZADD", "ze", "NX", "GT", "1", "a");
    assertError("ERR GT, LT, and/or NX options at the same time are not compatible", j, "ZADD", "ze", "LT", "NX", "1", "a");
    assertError("ERR INCR option supports a single increment-element pair", j, "ZADD", "ze", "INCR", "1", "a", "2", "b");
    assertError(SYNTAX, j, "ZADD", "ze", "1", "a", "2");
    assertError(SYNTAX, j, "ZADD", "ze", "foo", "1", "a");
    assertError(SYNTAX, j, "ZADD", "ze", "NX", "CH");
    assertError(NOT_FLOAT, j, "ZADD", "ze", "1", "a", "x", "b"); // the good pair is not written either
    assertError(NOT_FLOAT, j, "ZADD", "ze", "nan", "a");
    assertError(arity("zadd"), j, "ZADD", "ze", "1");
    assertError(WRONGTYPE, j, "ZADD", "str", "1", "a");
    assertEquals(0, j.zcard("ze"));
  }

  @Test
  void scoresPrintAsRedis() {
    j.zadd("zs", Map.of("int", 3.0, "neg", -2.5, "exp", 1e20, "tiny", 1.5e-7, "ninf", Double.NEGATIVE_INFINITY));
    assertReply("3", j, "ZSCORE", "zs", "int");
    assertReply("-2.5", j, "ZSCORE", "zs", "neg");
    assertReply("1e+20", j, "ZSCORE", "zs", "exp");
    assertReply("-inf", j, "ZSCORE", "zs", "ninf");
    assertReply(1L, j, "ZADD", "zs", "-0", "negzero");
    assertReply("0", j, "ZSCORE", "zs", "negzero"); // Redis prints a stored -0 as 0
    assertReply(null, j, "ZSCORE", "zs", "nope");
    assertReply(null, j, "ZSCORE", "zsmissing", "a");
    assertReply(Arrays.asList("3", null, "-inf"), j, "ZMSCORE", "zs", "int", "nope", "ninf");
    assertReply(Arrays.asList(null, null), j, "ZMSCORE", "zsmissing", "a", "b");
    assertEquals(Arrays.asList(3.0, null), j.zmscore("zs", "int", "nope"));
    assertError(WRONGTYPE, j, "ZSCORE", "str", "a");
    assertError(WRONGTYPE, j, "ZMSCORE", "str", "a");
    assertError(arity("zscore"), j, "ZSCORE", "zs");
    assertError(arity("zmscore"), j, "ZMSCORE", "zs");
  }

  @Test
  void zincrby() {
    assertEquals(2.5, j.zincrby("zinc", 2.5, "a"));
    assertEquals(1.0, j.zincrby("zinc", -1.5, "a"));
    assertReply("1", j, "ZINCRBY", "zinc", "0", "a");
    assertReply("inf", j, "ZINCRBY", "zinc", "inf", "a");
    assertError("ERR resulting score is not a number (NaN)", j, "ZINCRBY", "zinc", "-inf", "a");
    assertError(NOT_FLOAT, j, "ZINCRBY", "zinc", "x", "a");
    assertError(NOT_FLOAT, j, "ZINCRBY", "zinc", "nan", "a");
    assertError(WRONGTYPE, j, "ZINCRBY", "str", "1", "a");
    assertError(arity("zincrby"), j, "ZINCRBY", "zinc", "1");
    assertEquals(1, j.zcard("zinc"));
  }

  @Test
  void zremAndEmptyKeyIsDeleted() {
    j.zadd("zr", Map.of("a", 1.0, "b", 2.0, "c", 3.0));
    assertEquals(2, j.zrem("zr", "a", "b", "nope", "a"));
    assertEquals(1, j.zcard("zr"));
    assertEquals(List.of("c"), j.zrange("zr", 0, -1));
    assertEquals(1, j.zrem("zr", "c"));
    assertReply(List.of(), j, "ZRANGE", "zr", "0", "-1");
    assertEquals(0, j.zcard("zr"));
    assertEquals(0, j.zrem("zr", "c"));
    assertEquals(1, j.zadd("zr", 5.0, "again")); // a fresh set under the same key
    assertEquals(List.of("again"), j.zrange("zr", 0, -1));
    assertError(WRONGTYPE, j, "ZREM", "str", "a");
    assertError(WRONGTYPE, j, "ZCARD", "str");
    assertError(arity("zrem"), j, "ZREM", "zr");
    assertError(arity("zcard"), j, "ZCARD", "zr", "x");
  }

  @Test
  void orderIsScoreThenMember() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("pinf", Double.POSITIVE_INFINITY);
    m.put("b", 0.0);
    m.put("a", 0.0);
    m.put("minus", -1.5);
    m.put("ninf", Double.NEGATIVE_INFINITY);
    m.put("big", 1e300);
    m.put("c", 0.0);
    m.put("negsmall", -1e-300);
    j.zadd("zord", m);
    assertEquals(List.of("ninf", "minus", "negsmall", "a", "b", "c", "big", "pinf"), j.zrange("zord", 0, -1));
    assertEquals(List.of("pinf", "big", "c", "b", "a", "negsmall", "minus", "ninf"), j.zrevrange("zord", 0, -1));
    assertEquals(0L, j.zrank("zord", "ninf"));
    assertEquals(3L, j.zrank("zord", "a"));
    assertEquals(5L, j.zrank("zord", "c"));
    assertEquals(7L, j.zrank("zord", "pinf"));
    assertEquals(0L, j.zrevrank("zord", "pinf"));
    assertEquals(2L, j.zrevrank("zord", "c"));
    assertEquals(7L, j.zrevrank("zord", "ninf"));
    assertNull(j.zrank("zord", "nope"));
    assertNull(j.zrevrank("zordmissing", "a"));
    j.zadd("zord", 2.0, "a"); // moving a member moves it in the index too
    assertEquals(List.of("ninf", "minus", "negsmall", "b", "c", "a", "big", "pinf"), j.zrange("zord", 0, -1));
    assertEquals(5L, j.zrank("zord", "a"));
    assertError(WRONGTYPE, j, "ZRANK", "str", "a");
    assertError(WRONGTYPE, j, "ZREVRANK", "str", "a");
    assertError(arity("zrank"), j, "ZRANK", "zord", "a", "WITHSCORE"); // Redis 7.2's option: not in 7.0
    assertError(arity("zrevrank"), j, "ZREVRANK", "zord");
  }

  @Test
  void binaryMembers() {
    byte[] key = "zbin".getBytes();
    byte[] m1 = {0, (byte) 0xff, 1};
    byte[] m2 = {(byte) 0x80};
    j.zadd(key, 1.0, m1);
    j.zadd(key, 1.0, m2);
    List<byte[]> r = j.zrange(key, 0, -1);
    assertEquals(2, r.size());
    assertEquals(Arrays.toString(m1), Arrays.toString(r.get(0)));
    assertEquals(Arrays.toString(m2), Arrays.toString(r.get(1)));
    assertEquals(1.0, j.zscore(key, m1));
    assertEquals(2L, (Long) call(j, "ZCARD", "zbin"));
  }
}
