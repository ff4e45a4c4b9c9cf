package io.nokv.server.resp;

import static io.nokv.server.resp.HashSetTestSupport.WRONGTYPE;
import static io.nokv.server.resp.HashSetTestSupport.arity;
import static io.nokv.server.resp.HashSetTestSupport.error;
import static io.nokv.server.resp.HashSetTestSupport.storedMeta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.RedisType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** HSET ... HSCAN through Jedis (RESP2): replies, errors, and the metadata left behind. */
class RespHashCommandsTest {
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

  @Test
  void setGetAndCounts() {
    try (Jedis j = server.jedis()) {
      assertEquals(2, j.hset("h1", Map.of("a", "1", "b", "2")));
      assertEquals(1, j.hset("h1", Map.of("a", "10", "c", "3")), "only c is new");
      assertEquals("10", j.hget("h1", "a"));
      assertNull(j.hget("h1", "zz"));
      assertNull(j.hget("nokey", "a"));
      // The same field twice in one HSET counts once and keeps the last value, as Redis.
      assertEquals(1L, j.sendCommand(() -> "HSET".getBytes(), "h1", "d", "x", "d", "y"));
      assertEquals("y", j.hget("h1", "d"));
      assertEquals(1L, j.sendCommand(() -> "HSET".getBytes(), "fresh", "f", "x", "f", "y"));
      assertEquals(1, j.hlen("fresh"));
      assertEquals(4, j.hlen("h1"));
      assertEquals(0, j.hlen("nokey"));
      assertEquals(4, storedMeta(server, "h1").size(), "the metadata counts the fields exactly");
      assertEquals(RedisType.HASH, storedMeta(server, "h1").type());

      assertEquals("OK", j.hmset("h1", Map.of("e", "5")));
      assertEquals(Arrays.asList("10", null, "5"), j.hmget("h1", "a", "nope", "e"));
      assertEquals(Arrays.asList(null, null), j.hmget("nokey", "a", "b"));

      assertEquals(1, j.hsetnx("h1", "f", "6"));
      assertEquals(0, j.hsetnx("h1", "f", "7"));
      assertEquals("6", j.hget("h1", "f"));
      assertEquals(1, j.hsetnx("hnx", "f", "1"), "HSETNX creates the hash");
      assertEquals(1, j.hlen("hnx"));

      assertTrue(j.hexists("h1", "a"));
      assertFalse(j.hexists("h1", "zz"));
      assertFalse(j.hexists("nokey", "a"));
      assertEquals(2, j.hstrlen("h1", "a"));
      assertEquals(0, j.hstrlen("h1", "zz"));
      assertEquals(0, j.hstrlen("nokey", "zz"));
    }
  }

  @Test
  void getAllKeysValuesInFieldOrder() {
    try (Jedis j = server.jedis()) {
      j.hset("h2", Map.of("b", "2", "a", "1", "c", "3"));
      assertEquals(Map.of("a", "1", "b", "2", "c", "3"), j.hgetAll("h2"));
      assertEquals(Set.of("a", "b", "c"), j.hkeys("h2"));
      assertEquals(List.of("1", "2", "3"), j.hvals("h2"));
      assertEquals(List.of("a", "1", "b", "2", "c", "3"), strings(j.sendCommand(() -> "HGETALL".getBytes(), "h2")),
          "RESP2: a flat array in field byte order");
      assertEquals(Map.of(), j.hgetAll("nokey"));
      assertEquals(Set.of(), j.hkeys("nokey"));
      assertEquals(List.of(), j.hvals("nokey"));
    }
  }

  @Test
  void deletingTheLastFieldDeletesTheKey() {
    try (Jedis j = server.jedis()) {
      j.hset("h3", Map.of("a", "1", "b", "2", "c", "3"));
      assertEquals(2, j.hdel("h3", "a", "b", "a", "zz"), "a named twice counts once");
      assertEquals(1, j.hlen("h3"));
      assertEquals(1, storedMeta(server, "h3").size());
      assertEquals(0, j.hdel("h3", "zz"));
      assertEquals(0, j.hdel("nokey", "a"));
      assertEquals(WRONGTYPE, error(j, "GET", "h3"), "still a hash");
      assertEquals(1, j.hdel("h3", "c"));
      assertNull(storedMeta(server, "h3"), "the metadata is gone with the last field");
      assertNull(j.get("h3"));
      assertEquals(0, j.hlen("h3"));
      assertEquals(Map.of(), j.hgetAll("h3"));
      // A new hash under the same name starts empty: the old fields are not visible.
      j.hset("h3", "x", "1");
      assertEquals(Map.of("x", "1"), j.hgetAll("h3"));
    }
  }

  @Test
  void incrBy() {
    try (Jedis j = server.jedis()) {
      assertEquals(5, j.hincrBy("h4", "n", 5));
      assertEquals(2, j.hincrBy("h4", "n", -3));
      assertEquals("2", j.hget("h4", "n"));
      assertEquals(1, j.hlen("h4"));
      j.hset("h4", Map.of("s", "abc", "sp", " 1", "max", Long.toString(Long.MAX_VALUE), "min", Long.toString(Long.MIN_VALUE)));
      assertEquals("ERR hash value is not an integer", error(j, "HINCRBY", "h4", "s", "1"));
      assertEquals("ERR hash value is not an integer", error(j, "HINCRBY", "h4", "sp", "1"));
      assertEquals("ERR value is not an integer or out of range", error(j, "HINCRBY", "h4", "n", "x"));
      assertEquals("ERR value is not an integer or out of range", error(j, "HINCRBY", "h4", "n", "1.5"));
      assertEquals("ERR increment or decrement would overflow", error(j, "HINCRBY", "h4", "max", "1"));
      assertEquals("ERR increment or decrement would overflow", error(j, "HINCRBY", "h4", "min", "-1"));
      assertEquals(Long.toString(Long.MAX_VALUE), j.hget("h4", "max"), "a failed increment leaves the value");
      assertEquals(Long.MIN_VALUE + 1, j.hincrBy("h4", "min", 1));
      assertEquals(5, j.hlen("h4"));
      assertEquals(arity("hincrby"), error(j, "HINCRBY", "h4", "n"));
    }
  }

  @Test
  void incrByFloat() {
    try (Jedis j = server.jedis()) {
      j.hset("h5", "f", "10.5");
      assertEquals("10.6", strings(j.sendCommand(() -> "HINCRBYFLOAT".getBytes(), "h5", "f", "0.1")));
      assertEquals(10.6, j.hincrByFloat("h5", "f", 0));
      assertEquals(5000.0, j.hincrByFloat("h5", "g", 5.0e3));
      assertEquals("5200", strings(j.sendCommand(() -> "HINCRBYFLOAT".getBytes(), "h5", "g", "2.0e2")),
          "plain notation, no trailing zeros");
      assertEquals("5200", j.hget("h5", "g"));
      assertEquals(-1.5, j.hincrByFloat("h5", "new", -1.5));
      j.hset("h5", Map.of("s", "abc", "inf", "inf", "big", "1e308"));
      assertEquals("ERR hash value is not a float", error(j, "HINCRBYFLOAT", "h5", "s", "1"));
      assertEquals("ERR value is not a valid float", error(j, "HINCRBYFLOAT", "h5", "f", "x"));
      assertEquals("ERR value is not a valid float", error(j, "HINCRBYFLOAT", "h5", "f", "nan"));
      assertEquals("ERR value is NaN or Infinity", error(j, "HINCRBYFLOAT", "h5", "f", "inf"));
      assertEquals("ERR increment would produce NaN or Infinity", error(j, "HINCRBYFLOAT", "h5", "inf", "1"));
      // x87 long double holds 2e308 (a double would overflow); redis-server 7.0.15 on x86-64 answers exactly this.
      assertEquals("1999999999999999999933717593116912913211201996948311344155940959898434697376761237442002538437770786"
          + "4089349445010802644630426949918792116719484162886039283753591820003920638155732621920901421333587830679"
          + "1577877829121087126122536729803237260434173178506889763247582601711514636284849020905456510092687857156096",
          strings(j.sendCommand(() -> "HINCRBYFLOAT".getBytes(), "h5", "big", "1e308")));
      assertEquals("0.1", strings(j.sendCommand(() -> "HINCRBYFLOAT".getBytes(), "h5", "tenths", "0.1")));
      assertEquals("0.3", strings(j.sendCommand(() -> "HINCRBYFLOAT".getBytes(), "h5", "tenths", "0.2")), "long double, as Redis");
      assertEquals(arity("hincrbyfloat"), error(j, "HINCRBYFLOAT", "h5", "f"));
    }
  }

  @Test
  void wrongTypeAndArity() {
    try (Jedis j = server.jedis()) {
      j.set("hstr", "x");
      String[][] calls = {
          {"HSET", "hstr", "f", "v"}, {"HMSET", "hstr", "f", "v"}, {"HSETNX", "hstr", "f", "v"},
          {"HGET", "hstr", "f"}, {"HMGET", "hstr", "f"}, {"HDEL", "hstr", "f"}, {"HGETALL", "hstr"},
          {"HKEYS", "hstr"}, {"HVALS", "hstr"}, {"HLEN", "hstr"}, {"HEXISTS", "hstr", "f"},
          {"HINCRBY", "hstr", "f", "1"}, {"HINCRBYFLOAT", "hstr", "f", "1"}, {"HSTRLEN", "hstr", "f"},
          {"HSCAN", "hstr", "0"}};
      for (String[] c : calls) {
        assertEquals(WRONGTYPE, error(j, c[0], Arrays.copyOfRange(c, 1, c.length)), c[0]);
      }
      assertEquals("x", j.get("hstr"), "the string is untouched");
      String[][] short_ = {
          {"HSET", "h", "f"}, {"HMSET", "h", "f"}, {"HSETNX", "h", "f"}, {"HGET", "h"}, {"HMGET", "h"},
          {"HDEL", "h"}, {"HGETALL"}, {"HKEYS"}, {"HVALS"}, {"HLEN"}, {"HEXISTS", "h"}, {"HINCRBY", "h", "f"},
          {"HINCRBYFLOAT", "h", "f"}, {"HSTRLEN", "h"}, {"HSCAN", "h"}, {"HGET", "h", "f", "g"}, {"HLEN", "h", "x"}};
      for (String[] c : short_) {
        assertEquals(arity(c[0].toLowerCase()), error(j, c[0], Arrays.copyOfRange(c, 1, c.length)), c[0]);
      }
      // An odd number of field/value arguments is an arity error too, naming the command used.
      assertEquals(arity("hset"), error(j, "HSET", "h", "a", "1", "b"));
      assertEquals(arity("hmset"), error(j, "HMSET", "h", "a", "1", "b"));
      assertNull(storedMeta(server, "h"), "nothing was written");
    }
  }

  @Test
  void scanReturnsEveryFieldOnce() {
    try (Jedis j = server.jedis()) {
      Map<String, String> all = new HashMap<>();
      for (int i = 0; i < 1000; i++) {
        all.put("f" + i, "v" + i);
      }
      j.hset("big", all);
      List<String> seen = new ArrayList<>();
      Map<String, String> values = new HashMap<>();
      String cursor = "0";
      int calls = 0;
      do {
        ScanResult<Map.Entry<String, String>> r = j.hscan("big", cursor, new ScanParams().count(77));
        assertTrue(r.getResult().size() <= 77, "at most COUNT fields per call");
        for (Map.Entry<String, String> e : r.getResult()) {
          seen.add(e.getKey());
          values.put(e.getKey(), e.getValue());
        }
        cursor = r.getCursor();
        calls++;
      } while (!cursor.equals("0"));
      assertEquals(1000, seen.size(), "no field twice");
      assertEquals(all, values);
      assertEquals(13, calls, "1000 fields by 77: 12 full calls, then 76 and the end");

      // MATCH filters the fields looked at; the whole scan still covers all of them.
      Set<String> matched = new HashSet<>();
      cursor = "0";
      do {
        ScanResult<Map.Entry<String, String>> r = j.hscan("big", cursor, new ScanParams().match("f1?").count(500));
        r.getResult().forEach(e -> assertTrue(matched.add(e.getKey()), e.getKey()));
        cursor = r.getCursor();
      } while (!cursor.equals("0"));
      assertEquals(10, matched.size());
    }
  }

  @Test
  void scanOfAChangingHashReturnsTheStableFieldsOnce() {
    try (Jedis j = server.jedis()) {
      Map<String, String> all = new LinkedHashMap<>();
      for (int i = 0; i < 1000; i++) {
        all.put(String.format("k%04d", i), "v");
      }
      j.hset("moving", all);
      Set<String> seen = new HashSet<>();
      String cursor = "0";
      int round = 0;
      do {
        ScanResult<Map.Entry<String, String>> r = j.hscan("moving", cursor, new ScanParams().count(100));
        for (Map.Entry<String, String> e : r.getResult()) {
          assertTrue(seen.add(e.getKey()), "returned twice: " + e.getKey());
        }
        // Between calls, fields are added before and after the scan's position, and some removed.
        j.hset("moving", "a-new-" + round, "v");
        j.hset("moving", "z-new-" + round, "v");
        j.hdel("moving", String.format("k%04d", 999 - round));
        cursor = r.getCursor();
        round++;
      } while (!cursor.equals("0"));
      for (int i = 0; i < 1000 - round; i++) {
        assertTrue(seen.contains(String.format("k%04d", i)), "missed k" + i);
      }
    }
  }

  @Test
  void scanErrors() {
    try (Jedis j = server.jedis()) {
      j.hset("hs", "a", "1");
      assertEquals("ERR invalid cursor", error(j, "HSCAN", "hs", "x"));
      assertEquals("ERR invalid cursor", error(j, "HSCAN", "hs", "-1"));
      assertEquals("ERR syntax error", error(j, "HSCAN", "hs", "0", "COUNT", "0"));
      assertEquals("ERR value is not an integer or out of range", error(j, "HSCAN", "hs", "0", "COUNT", "x"));
      assertEquals("ERR syntax error", error(j, "HSCAN", "hs", "0", "MATCH"));
      assertEquals("ERR syntax error", error(j, "HSCAN", "hs", "0", "NOVALUES"));
      // As Redis: a missing key answers an empty scan before the options are read.
      assertEquals(List.of("0", List.of()), strings(j.sendCommand(() -> "HSCAN".getBytes(), "nokey", "0", "junk")));
      ScanResult<Map.Entry<String, String>> r = j.hscan("hs", "0");
      assertEquals("0", r.getCursor());
      assertEquals(List.of(Map.entry("a", "1")), r.getResult());
    }
  }

  @Test
  void metadataOfAHash() {
    try (Jedis j = server.jedis()) {
      j.hset("hm", "a", "1");
      KeyMeta m = storedMeta(server, "hm");
      assertNotNull(m);
      assertEquals(RedisType.HASH, m.type());
      assertEquals(1, m.size());
      j.hset("hm", "a", "2");
      KeyMeta again = storedMeta(server, "hm");
      assertEquals(m.version(), again.version(), "members change, the version stays");
      assertTrue(again.stamp() > m.stamp(), "every write renews the stamp that WATCH compares");
    }
  }

  /** Jedis's raw reply (byte arrays, lists, longs) with byte arrays as strings. */
  static Object strings(Object reply) {
    if (reply instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    if (reply instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(strings(x)));
      return out;
    }
    return reply;
  }
}
