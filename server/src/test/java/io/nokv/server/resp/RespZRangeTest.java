package io.nokv.server.resp;

import static io.nokv.server.resp.RespZlCalls.NOT_INTEGER;
import static io.nokv.server.resp.RespZlCalls.SYNTAX;
import static io.nokv.server.resp.RespZlCalls.WRONGTYPE;
import static io.nokv.server.resp.RespZlCalls.arity;
import static io.nokv.server.resp.RespZlCalls.assertError;
import static io.nokv.server.resp.RespZlCalls.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.ZRangeParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/**
 * The ZRANGE family, counts, range removals, pops and ZSCAN through Jedis. Set {@code z} is
 * a=1 b=2 c=3 d=4 e=5; set {@code lex} has members a..g, all with score 0.
 */
class RespZRangeTest {
  static final String MIN_MAX_FLOAT = "ERR min or max is not a float";
  static final String MIN_MAX_LEX = "ERR min or max not valid string range item";
  @TempDir static Path dir;
  static RespTestServer server;
  static Jedis j;

  @BeforeAll
  static void start() {
    server = new RespTestServer(dir);
    j = server.jedis();
    j.set("str", "x");
    j.zadd("z", Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0, "e", 5.0));
    Map<String, Double> lex = new HashMap<>();
    for (String m : List.of("a", "b", "c", "d", "e", "f", "g")) {
      lex.put(m, 0.0);
    }
    j.zadd("lex", lex);
  }

  @AfterAll
  static void stop() {
    j.close();
    server.close();
  }

  @Test
  void byRank() {
    assertReply(List.of("a", "b", "c", "d", "e"), j, "ZRANGE", "z", "0", "-1");
    assertReply(List.of("d", "e"), j, "ZRANGE", "z", "-2", "100");
    assertReply(List.of("a"), j, "ZRANGE", "z", "-100", "0");
    assertReply(List.of(), j, "ZRANGE", "z", "3", "1");
    assertReply(List.of(), j, "ZRANGE", "z", "5", "10");
    assertReply(List.of("e", "d"), j, "ZRANGE", "z", "0", "1", "REV");
    assertReply(List.of("a", "1", "b", "2"), j, "ZRANGE", "z", "0", "1", "WITHSCORES");
    assertReply(List.of("e", "5", "d", "4"), j, "ZREVRANGE", "z", "0", "1", "WITHSCORES");
    assertReply(List.of(), j, "ZRANGE", "zmissing", "0", "-1");
    assertEquals(List.of(new Tuple("a", 1.0), new Tuple("b", 2.0)), j.zrangeWithScores("z", 0, 1));
    assertError(NOT_INTEGER, j, "ZRANGE", "z", "x", "1");
    assertError(NOT_INTEGER, j, "ZREVRANGE", "z", "0", "1.5");
    assertError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX", j,
        "ZRANGE", "z", "0", "-1", "LIMIT", "0", "1");
    assertError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX", j,
        "ZREVRANGE", "z", "0", "-1", "LIMIT", "0", "1");
    assertError(SYNTAX, j, "ZRANGE", "z", "0", "-1", "REV", "REV");
    assertError(SYNTAX, j, "ZREVRANGE", "z", "0", "-1", "REV");
    assertError(SYNTAX, j, "ZRANGE", "z", "0", "-1", "BYSCORE", "BYLEX");
    assertError(SYNTAX, j, "ZRANGE", "z", "0", "-1", "FOO");
    assertError(SYNTAX, j, "ZRANGE", "z", "0", "-1", "LIMIT", "0");
    assertError(arity("zrange"), j, "ZRANGE", "z", "0");
    assertError(arity("zrevrange"), j, "ZREVRANGE", "z", "0");
    assertError(WRONGTYPE, j, "ZRANGE", "str", "0", "-1");
    assertError(WRONGTYPE, j, "ZREVRANGE", "str", "0", "-1");
  }

  @Test
  void byScore() {
    assertReply(List.of("b", "c", "d"), j, "ZRANGE", "z", "2", "4", "BYSCORE");
    assertReply(List.of("c", "d"), j, "ZRANGE", "z", "(2", "4", "BYSCORE");
    assertReply(List.of("c"), j, "ZRANGE", "z", "(2", "(4", "BYSCORE");
    assertReply(List.of(), j, "ZRANGE", "z", "(2", "(2", "BYSCORE");
    assertReply(List.of(), j, "ZRANGE", "z", "4", "2", "BYSCORE");
    assertReply(List.of("a", "b"), j, "ZRANGEBYSCORE", "z", "(", "2"); // Redis's strtod reads "" as 0
    assertReply(List.of("a"), j, "ZRANGEBYSCORE", "z", "", "1");
    assertReply(List.of("a", "b", "c", "d", "e"), j, "ZRANGE", "z", "-inf", "+inf", "BYSCORE");
    assertReply(List.of("d", "c"), j, "ZRANGE", "z", "4", "(2", "BYSCORE", "REV");
    assertReply(List.of("d", "4", "c", "3"), j, "ZRANGE", "z", "5", "1", "BYSCORE", "REV", "LIMIT", "1", "2", "WITHSCORES");
    assertReply(List.of("e", "d", "c", "b"), j, "ZRANGE", "z", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "0", "4");
    assertReply(List.of(), j, "ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "-1", "2");
    assertReply(List.of(), j, "ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "1", "0");
    assertReply(List.of("b", "c", "d", "e"), j, "ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "1", "-1");
    assertReply(List.of("b", "2", "c", "3"), j, "ZRANGEBYSCORE", "z", "(1", "3", "WITHSCORES");
    assertReply(List.of("c", "b"), j, "ZREVRANGEBYSCORE", "z", "3", "(1");
    assertReply(List.of("c"), j, "ZRANGEBYSCORE", "z", "-inf", "inf", "LIMIT", "2", "1");
    assertEquals(List.of("b", "c"), j.zrange("z", ZRangeParams.zrangeByScoreParams(2, 3)));
    assertReply(List.of(), j, "ZRANGEBYSCORE", "zmissing", "0", "1");
    assertError(MIN_MAX_FLOAT, j, "ZRANGE", "z", "a", "3", "BYSCORE");
    assertError(MIN_MAX_FLOAT, j, "ZRANGEBYSCORE", "z", "1", "((3");
    assertError(MIN_MAX_FLOAT, j, "ZRANGEBYSCORE", "z", "nan", "3");
    assertError(NOT_INTEGER, j, "ZRANGEBYSCORE", "z", "1", "3", "LIMIT", "x", "1");
    assertError(NOT_INTEGER, j, "ZRANGE", "z", "0", "1", "LIMIT", "0", "x", "BYSCORE");
    assertError(SYNTAX, j, "ZRANGEBYSCORE", "z", "1", "3", "BYSCORE");
    assertError(SYNTAX, j, "ZREVRANGEBYSCORE", "z", "1", "3", "REV");
    assertError(arity("zrangebyscore"), j, "ZRANGEBYSCORE", "z", "1");
    assertError(WRONGTYPE, j, "ZRANGEBYSCORE", "str", "0", "1");
    assertError(MIN_MAX_FLOAT, j, "ZRANGEBYSCORE", "str", "x", "1"); // arguments before the key, as Redis
  }

  @Test
  void byScoreLimitPagesThroughEqualScores() {
    Map<String, Double> m = new HashMap<>();
    for (int i = 0; i < 25; i++) {
      m.put(String.format("m%02d", i), i < 10 ? 1.0 : i * 1.0);
    }
    j.zadd("zpage", m);
    List<String> seen = new ArrayList<>();
    for (int offset = 0; ; offset += 7) {
      List<String> page = j.zrange("zpage", ZRangeParams.zrangeByScoreParams(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY).limit(offset, 7));
      seen.addAll(page);
      if (page.size() < 7) {
        break;
      }
    }
    List<String> all = j.zrange("zpage", 0, -1);
    assertEquals(25, seen.size());
    assertEquals(all, seen);
    assertEquals("m00", seen.get(0));
    assertEquals("m24", seen.get(24));
  }

  @Test
  void byLex() {
    assertReply(List.of("a", "b", "c"), j, "ZRANGE", "lex", "-", "[c", "BYLEX");
    assertReply(List.of("a", "b"), j, "ZRANGE", "lex", "-", "(c", "BYLEX");
    assertReply(List.of("c", "d", "e", "f", "g"), j, "ZRANGEBYLEX", "lex", "[c", "+");
    assertReply(List.of("d", "e", "f", "g"), j, "ZRANGEBYLEX", "lex", "(c", "+");
    assertReply(List.of("b", "c"), j, "ZRANGEBYLEX", "lex", "[aa", "(d");
    assertReply(List.of(), j, "ZRANGEBYLEX", "lex", "+", "-");
    assertReply(List.of(), j, "ZRANGEBYLEX", "lex", "(c", "(c");
    assertReply(List.of(), j, "ZRANGEBYLEX", "lex", "[d", "[c");
    assertReply(List.of("c"), j, "ZRANGEBYLEX", "lex", "[c", "[c");
    assertReply(List.of("c", "d"), j, "ZRANGEBYLEX", "lex", "-", "+", "LIMIT", "2", "2");
    assertReply(List.of("g", "f", "e"), j, "ZREVRANGEBYLEX", "lex", "+", "[e");
    assertReply(List.of("f", "e"), j, "ZRANGE", "lex", "+", "-", "BYLEX", "REV", "LIMIT", "1", "2");
    assertEquals(List.of("b", "c"), j.zrange("lex", ZRangeParams.zrangeByLexParams("[b", "[c")));
    assertError(MIN_MAX_LEX, j, "ZRANGE", "z", "a", "3", "BYLEX");
    assertError(MIN_MAX_LEX, j, "ZRANGEBYLEX", "lex", "-", "c");
    assertError(MIN_MAX_LEX, j, "ZRANGEBYLEX", "lex", "", "+");
    assertError(MIN_MAX_LEX, j, "ZRANGEBYLEX", "lex", "++", "-");
    assertError(MIN_MAX_LEX, j, "ZRANGE", "z", "0", "-1", "LIMIT", "0", "1", "BYLEX");
    assertError("ERR syntax error, WITHSCORES not supported in combination with BYLEX", j,
        "ZRANGE", "lex", "-", "+", "BYLEX", "WITHSCORES");
    assertError("ERR syntax error, WITHSCORES not supported in combination with BYLEX", j,
        "ZRANGEBYLEX", "lex", "-", "+", "WITHSCORES");
    assertError(arity("zrevrangebylex"), j, "ZREVRANGEBYLEX", "lex", "+");
    assertError(WRONGTYPE, j, "ZRANGEBYLEX", "str", "-", "+");
    assertReply(List.of(), j, "ZREVRANGEBYLEX", "zmissing", "+", "-");
  }

  @Test
  void counts() {
    assertEquals(3, j.zcount("z", "2", "4"));
    assertEquals(2, j.zcount("z", "(2", "4"));
    assertEquals(5, j.zcount("z", "-inf", "+inf"));
    assertEquals(0, j.zcount("z", "4", "2"));
    assertEquals(0, j.zcount("zmissing", "-inf", "+inf"));
    assertEquals(7, j.zlexcount("lex", "-", "+"));
    assertEquals(2, j.zlexcount("lex", "(a", "[c"));
    assertEquals(0, j.zlexcount("lex", "+", "-"));
    assertEquals(0, j.zlexcount("zmissing", "-", "+"));
    assertError(MIN_MAX_FLOAT, j, "ZCOUNT", "z", "x", "1");
    assertError(MIN_MAX_LEX, j, "ZLEXCOUNT", "lex", "x", "+");
    assertError(WRONGTYPE, j, "ZCOUNT", "str", "0", "1");
    assertError(WRONGTYPE, j, "ZLEXCOUNT", "str", "-", "+");
    assertError(arity("zcount"), j, "ZCOUNT", "z", "0");
    assertError(arity("zlexcount"), j, "ZLEXCOUNT", "lex", "-", "+", "x");
  }

  @Test
  void removeRanges() {
    j.zadd("zrm", Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0, "e", 5.0, "f", 6.0));
    assertEquals(2, j.zremrangeByScore("zrm", "(1", "3"));
    assertEquals(List.of("a", "d", "e", "f"), j.zrange("zrm", 0, -1));
    assertEquals(0, j.zremrangeByScore("zrm", "10", "20"));
    assertEquals(2, j.zremrangeByRank("zrm", -2, -1));
    assertEquals(List.of("a", "d"), j.zrange("zrm", 0, -1));
    assertEquals(0, j.zremrangeByRank("zrm", 5, 10));
    assertEquals(2, j.zcard("zrm"));
    assertEquals(0L, j.zrank("zrm", "a"));
    assertEquals(1L, j.zrank("zrm", "d")); // the score index lost its removed entries too
    assertEquals(2, j.zremrangeByRank("zrm", 0, -1));
    assertEquals(0, j.zcard("zrm"));
    j.zadd("zrml", Map.of("a", 0.0, "b", 0.0, "c", 0.0));
    assertEquals(2, j.zremrangeByLex("zrml", "-", "(c"));
    assertEquals(List.of("c"), j.zrange("zrml", 0, -1));
    assertEquals(0, j.zremrangeByScore("zmissing", "-inf", "+inf"));
    assertError(MIN_MAX_FLOAT, j, "ZREMRANGEBYSCORE", "zrml", "x", "1");
    assertError(MIN_MAX_LEX, j, "ZREMRANGEBYLEX", "zrml", "x", "+");
    assertError(NOT_INTEGER, j, "ZREMRANGEBYRANK", "zrml", "0", "x");
    assertError(WRONGTYPE, j, "ZREMRANGEBYSCORE", "str", "0", "1");
    assertError(WRONGTYPE, j, "ZREMRANGEBYRANK", "str", "0", "1");
    assertError(WRONGTYPE, j, "ZREMRANGEBYLEX", "str", "-", "+");
    assertError(arity("zremrangebyrank"), j, "ZREMRANGEBYRANK", "zrml", "0");
    assertError(arity("zremrangebyscore"), j, "ZREMRANGEBYSCORE", "zrml", "0");
  }

  @Test
  void pops() {
    j.zadd("zp", Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0, "e", 5.0));
    assertReply(List.of("a", "1"), j, "ZPOPMIN", "zp");
    assertReply(List.of("e", "5"), j, "ZPOPMAX", "zp");
    assertReply(List.of("b", "2", "c", "3"), j, "ZPOPMIN", "zp", "2");
    assertReply(List.of(), j, "ZPOPMIN", "zp", "0");
    assertEquals(List.of(new Tuple("d", 4.0)), j.zpopmax("zp", 10));
    assertReply(List.of(), j, "ZPOPMIN", "zp"); // emptied, so gone
    assertReply(List.of(), j, "ZPOPMAX", "zp", "3");
    j.zadd("zp", Map.of("x", 1.0, "y", 2.0));
    assertEquals(new Tuple("y", 2.0), j.zpopmax("zp"));
    assertEquals(List.of(new Tuple("x", 1.0)), j.zpopmin("zp", 1));
    assertError("ERR value is out of range, must be positive", j, "ZPOPMIN", "zp", "-1");
    assertError("ERR value is out of range, must be positive", j, "ZPOPMAX", "zp", "x");
    assertError(SYNTAX, j, "ZPOPMIN", "zp", "1", "2");
    assertError(WRONGTYPE, j, "ZPOPMIN", "str");
    assertError(WRONGTYPE, j, "ZPOPMAX", "str", "0");
    assertError(arity("zpopmin"), j, "ZPOPMIN");
  }

  @Test
  void zscanVisitsEachOfThousandMembersOnce() {
    Map<String, Double> m = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      m.put("member:" + i, (double) (i % 17));
    }
    j.zadd("zscan", m);
    Map<String, Double> seen = new HashMap<>();
    String cursor = "0";
    int calls = 0;
    do {
      ScanResult<Tuple> r = j.zscan("zscan", cursor, new ScanParams().count(64));
      for (Tuple t : r.getResult()) {
        assertEquals(null, seen.put(t.getElement(), t.getScore()), "returned twice: " + t.getElement());
      }
      cursor = r.getCursor();
      calls++;
    } while (!cursor.equals("0"));
    assertEquals(m, seen);
    assertTrue(calls >= 1000 / 64, "COUNT bounds each call: " + calls + " calls");
    Set<String> matched = new HashSet<>();
    cursor = "0";
    do {
      ScanResult<Tuple> r = j.zscan("zscan", cursor, new ScanParams().match("member:99*").count(500));
      r.getResult().forEach(t -> matched.add(t.getElement()));
      cursor = r.getCursor();
    } while (!cursor.equals("0"));
    assertEquals(Set.of("member:99", "member:990", "member:991", "member:992", "member:993", "member:994", "member:995",
        "member:996", "member:997", "member:998", "member:999"), matched);
    assertReply(List.of("0", List.of()), j, "ZSCAN", "zmissing", "0");
    assertReply(List.of("0", List.of("a", "1", "b", "2", "c", "3", "d", "4", "e", "5")), j, "ZSCAN", "z", "0");
    assertError("ERR invalid cursor", j, "ZSCAN", "z", "x");
    assertError(SYNTAX, j, "ZSCAN", "z", "0", "COUNT", "0");
    assertError(SYNTAX, j, "ZSCAN", "z", "0", "FOO");
    assertError(WRONGTYPE, j, "ZSCAN", "str", "0");
    assertError(arity("zscan"), j, "ZSCAN", "z");
    assertFalse(seen.isEmpty());
  }
}
