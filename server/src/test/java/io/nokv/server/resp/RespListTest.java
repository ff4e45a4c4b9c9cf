package io.nokv.server.resp;

import static io.nokv.server.resp.RespZlCalls.NOT_INTEGER;
import static io.nokv.server.resp.RespZlCalls.WRONGTYPE;
import static io.nokv.server.resp.RespZlCalls.arity;
import static io.nokv.server.resp.RespZlCalls.assertError;
import static io.nokv.server.resp.RespZlCalls.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** List commands through Jedis, with their replies and errors as Redis 7 gives them. */
class RespListTest {
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
  void pushOrderAndBothEnds() {
    assertEquals(3, j.lpush("lp", "a", "b", "c"));
    assertEquals(List.of("c", "b", "a"), j.lrange("lp", 0, -1));
    assertEquals(5, j.rpush("lp", "d", "e"));
    assertEquals(List.of("c", "b", "a", "d", "e"), j.lrange("lp", 0, -1));
    // pop past the original first element, then push again: the head moves below and above 0
    assertEquals("c", j.lpop("lp"));
    assertEquals("e", j.rpop("lp"));
    assertEquals(List.of("b", "a"), j.lpop("lp", 2));
    assertEquals(List.of("d"), j.lrange("lp", 0, -1));
    assertEquals(2, j.lpush("lp", "x"));
    assertEquals(3, j.rpush("lp", "y"));
    assertEquals(List.of("x", "d", "y"), j.lrange("lp", 0, -1));
    assertEquals(List.of("y", "d", "x"), j.rpop("lp", 5));
    assertEquals(0, j.llen("lp"));
    assertReply(0L, j, "LPUSHX", "lp", "a"); // popping the last element deleted the key
    assertEquals(1, j.rpush("lp", "fresh"));
    assertEquals(List.of("fresh"), j.lrange("lp", 0, -1));
    assertError(WRONGTYPE, j, "LPUSH", "str", "a");
    assertError(WRONGTYPE, j, "RPUSH", "str", "a");
    assertError(arity("lpush"), j, "LPUSH", "lp");
    assertError(arity("rpush"), j, "RPUSH", "lp");
  }

  @Test
  void pushX() {
    assertEquals(0, j.lpushx("lx", "a"));
    assertEquals(0, j.rpushx("lx", "a"));
    assertEquals(0, j.llen("lx"));
    j.rpush("lx", "m");
    assertEquals(3, j.lpushx("lx", "b", "a"));
    assertEquals(5, j.rpushx("lx", "y", "z"));
    assertEquals(List.of("a", "b", "m", "y", "z"), j.lrange("lx", 0, -1));
    assertError(WRONGTYPE, j, "LPUSHX", "str", "a");
    assertError(WRONGTYPE, j, "RPUSHX", "str", "a");
    assertError(arity("rpushx"), j, "RPUSHX", "lx");
  }

  @Test
  void popReplies() {
    assertReply(null, j, "LPOP", "lmissing");
    assertNull(j.rpop("lmissing"));
    assertNull(j.lpop("lmissing", 2)); // RESP2 null array
    assertReply(null, j, "RPOP", "lmissing", "0");
    j.rpush("lpop", "a", "b", "c");
    assertReply(List.of(), j, "LPOP", "lpop", "0");
    assertReply(List.of("a"), j, "LPOP", "lpop", "1");
    assertReply(List.of("c", "b"), j, "RPOP", "lpop", "9");
    assertReply(null, j, "RPOP", "lpop");
    assertError("ERR value is out of range, must be positive", j, "LPOP", "lpop", "-1");
    assertError("ERR value is out of range, must be positive", j, "RPOP", "lpop", "x");
    assertError(arity("lpop"), j, "LPOP", "lpop", "1", "2");
    assertError(arity("rpop"), j, "RPOP");
    assertError(WRONGTYPE, j, "LPOP", "str");
    assertError(WRONGTYPE, j, "RPOP", "str", "0");
  }

  @Test
  void rangeIndexLen() {
    j.rpush("lr", "a", "b", "c", "d", "e");
    assertEquals(5, j.llen("lr"));
    assertEquals(0, j.llen("lmissing"));
    assertEquals(List.of("d", "e"), j.lrange("lr", -2, -1));
    assertEquals(List.of("a", "b", "c"), j.lrange("lr", -100, 2));
    assertEquals(List.of("e"), j.lrange("lr", 4, 100));
    assertEquals(List.of(), j.lrange("lr", 3, 1));
    assertEquals(List.of(), j.lrange("lr", 5, 6));
    assertEquals(List.of(), j.lrange("lmissing", 0, -1));
    assertEquals("a", j.lindex("lr", 0));
    assertEquals("e", j.lindex("lr", -1));
    assertEquals("a", j.lindex("lr", -5));
    assertNull(j.lindex("lr", 5));
    assertNull(j.lindex("lr", -6));
    assertReply(null, j, "LINDEX", "lmissing", "x"); // the key is looked at first, as in Redis
    assertError(NOT_INTEGER, j, "LINDEX", "lr", "x");
    assertError(NOT_INTEGER, j, "LRANGE", "lr", "0", "x");
    assertError(NOT_INTEGER, j, "LRANGE", "lmissing", "x", "1");
    assertError(WRONGTYPE, j, "LLEN", "str");
    assertError(WRONGTYPE, j, "LRANGE", "str", "0", "1");
    assertError(WRONGTYPE, j, "LINDEX", "str", "0");
    assertError(arity("llen"), j, "LLEN");
    assertError(arity("lrange"), j, "LRANGE", "lr", "0");
    assertError(arity("lindex"), j, "LINDEX", "lr");
  }

  @Test
  void lset() {
    j.rpush("ls", "a", "b", "c");
    assertEquals("OK", j.lset("ls", 1, "B"));
    assertEquals("OK", j.lset("ls", -1, "C"));
    assertEquals(List.of("a", "B", "C"), j.lrange("ls", 0, -1));
    assertError("ERR no such key", j, "LSET", "lmissing", "0", "a");
    assertError("ERR no such key", j, "LSET", "lmissing", "x", "a");
    assertError("ERR index out of range", j, "LSET", "ls", "3", "a");
    assertError("ERR index out of range", j, "LSET", "ls", "-4", "a");
    assertError(NOT_INTEGER, j, "LSET", "ls", "x", "a");
    assertError(WRONGTYPE, j, "LSET", "str", "0", "a");
    assertError(arity("lset"), j, "LSET", "ls", "0");
    assertEquals(List.of("a", "B", "C"), j.lrange("ls", 0, -1));
  }

  @Test
  void lremAllThreeModes() {
    j.rpush("lrem", "x", "a", "x", "b", "x", "c", "x");
    assertEquals(2, j.lrem("lrem", 2, "x")); // the first two from the head
    assertEquals(List.of("a", "b", "x", "c", "x"), j.lrange("lrem", 0, -1));
    assertEquals(1, j.lrem("lrem", -1, "x")); // the last one
    assertEquals(List.of("a", "b", "x", "c"), j.lrange("lrem", 0, -1));
    j.lpush("lrem", "x");
    assertEquals(List.of("x", "a", "b", "x", "c"), j.lrange("lrem", 0, -1));
    assertEquals(2, j.lrem("lrem", 0, "x")); // all
    assertEquals(List.of("a", "b", "c"), j.lrange("lrem", 0, -1));
    assertEquals(0, j.lrem("lrem", 0, "nope"));
    assertEquals(3, j.llen("lrem"));
    assertEquals("c", j.lindex("lrem", -1));
    assertEquals("a", j.lindex("lrem", 0));
    j.rpush("lrem", "y", "y");
    assertEquals(2, j.lrem("lrem", -5, "y")); // a count beyond the matches
    assertEquals(List.of("a", "b", "c"), j.lrange("lrem", 0, -1));
    assertEquals(0, j.lrem("lmissing", 1, "a"));
    j.rpush("lremmin", "a", "b", "a");
    assertEquals(2, j.lrem("lremmin", Long.MIN_VALUE, "a")); // |count| overflows: still "all, from the tail"
    assertEquals(List.of("b"), j.lrange("lremmin", 0, -1));
    assertEquals(3, j.lrem("lrem", 0, "a") + j.lrem("lrem", 0, "b") + j.lrem("lrem", 0, "c"));
    assertEquals(0, j.llen("lrem"));
    assertError(NOT_INTEGER, j, "LREM", "lrem", "x", "a");
    assertError(WRONGTYPE, j, "LREM", "str", "0", "a");
    assertError(arity("lrem"), j, "LREM", "lrem", "0");
  }

  @Test
  void lremMatchesAModel() {
    long seed = System.nanoTime();
    SplittableRandom rnd = new SplittableRandom(seed);
    LinkedList<String> model = new LinkedList<>();
    for (int step = 0; step < 60; step++) {
      int op = rnd.nextInt(5);
      String v = "v" + rnd.nextInt(4);
      switch (op) {
        case 0 -> {
          j.lpush("lmodel", v);
          model.addFirst(v);
        }
        case 1, 2 -> {
          j.rpush("lmodel", v);
          model.addLast(v);
        }
        default -> {
          int count = rnd.nextInt(5) - 2;
          long removed = j.lrem("lmodel", count, v);
          assertEquals(modelLrem(model, count, v), removed, "seed " + seed + " step " + step);
        }
      }
      assertEquals(model, j.lrange("lmodel", 0, -1), "seed " + seed + " step " + step);
    }
  }

  private static long modelLrem(LinkedList<String> model, int count, String v) {
    List<String> work = new ArrayList<>(model);
    if (count < 0) {
      java.util.Collections.reverse(work);
    }
    long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
    long n = 0;
    for (var it = work.iterator(); it.hasNext() && n < limit; ) {
      if (it.next().equals(v)) {
        it.remove();
        n++;
      }
    }
    if (count < 0) {
      java.util.Collections.reverse(work);
    }
    model.clear();
    model.addAll(work);
    return n;
  }

  @Test
  void ltrim() {
    j.rpush("lt", "a", "b", "c", "d", "e", "f");
    assertEquals("OK", j.ltrim("lt", 1, -2));
    assertEquals(List.of("b", "c", "d", "e"), j.lrange("lt", 0, -1));
    assertEquals("OK", j.ltrim("lt", -3, 100));
    assertEquals(List.of("c", "d", "e"), j.lrange("lt", 0, -1));
    assertEquals("c", j.lindex("lt", 0));
    assertEquals(4, j.lpushx("lt", "z"));
    assertEquals(List.of("z", "c", "d", "e"), j.lrange("lt", 0, -1));
    assertEquals("OK", j.ltrim("lt", 0, 100)); // nothing outside: unchanged
    assertEquals(4, j.llen("lt"));
    assertEquals("OK", j.ltrim("lt", 2, 1)); // an empty range empties the list and deletes the key
    assertEquals(0, j.llen("lt"));
    assertEquals(List.of(), j.lrange("lt", 0, -1));
    assertEquals(1, j.rpush("lt", "new"));
    assertEquals(List.of("new"), j.lrange("lt", 0, -1));
    assertEquals("OK", j.ltrim("lmissing", 0, 1));
    assertError(NOT_INTEGER, j, "LTRIM", "lt", "x", "1");
    assertError(WRONGTYPE, j, "LTRIM", "str", "0", "1");
    assertError(arity("ltrim"), j, "LTRIM", "lt", "0");
  }
}
