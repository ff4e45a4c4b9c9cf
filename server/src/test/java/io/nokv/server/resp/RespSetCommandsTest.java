package io.nokv.server.resp;

import static io.nokv.server.resp.HashSetTestSupport.WRONGTYPE;
import static io.nokv.server.resp.HashSetTestSupport.arity;
import static io.nokv.server.resp.HashSetTestSupport.error;
import static io.nokv.server.resp.HashSetTestSupport.storedMeta;
import static io.nokv.server.resp.RespHashCommandsTest.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.server.resp.store.RedisType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import redis.clients.jedis.resps.ScanResult;

/** SADD ... SSCAN through Jedis (RESP2): replies, errors, and the metadata left behind. */
class RespSetCommandsTest {
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
  void addRemoveMembersCard() {
    try (Jedis j = server.jedis()) {
      assertEquals(3, j.sadd("s1", "b", "a", "c", "a"));
      assertEquals(1, j.sadd("s1", "a", "d"));
      assertEquals(0, j.sadd("s1", "a"));
      assertEquals(4, j.scard("s1"));
      assertEquals(0, j.scard("nokey"));
      assertEquals(4, storedMeta(server, "s1").size());
      assertEquals(RedisType.SET, storedMeta(server, "s1").type());
      assertEquals(List.of("a", "b", "c", "d"), strings(j.sendCommand(() -> "SMEMBERS".getBytes(), "s1")),
          "in member byte order");
      assertEquals(Set.of(), j.smembers("nokey"));
      assertTrue(j.sismember("s1", "a"));
      assertFalse(j.sismember("s1", "zz"));
      assertFalse(j.sismember("nokey", "a"));
      assertEquals(List.of(true, false, true), j.smismember("s1", "a", "zz", "d"));
      assertEquals(List.of(false, false), j.smismember("nokey", "a", "b"));
      assertEquals(2, j.srem("s1", "a", "b", "a", "zz"), "a named twice counts once");
      assertEquals(0, j.srem("nokey", "a"));
      assertEquals(Set.of("c", "d"), j.smembers("s1"));
      assertEquals(2, j.srem("s1", "c", "d"));
      assertNull(storedMeta(server, "s1"), "removing the last member deletes the key");
      assertNull(j.get("s1"));
      assertEquals(1, j.sadd("s1", "x"));
      assertEquals(Set.of("x"), j.smembers("s1"), "a new set under the same name starts empty");
    }
  }

  @Test
  void move() {
    try (Jedis j = server.jedis()) {
      j.sadd("src", "a", "b");
      j.sadd("dst", "b");
      j.set("mvstr", "x");
      assertEquals(1, j.smove("src", "dst", "a"));
      assertEquals(Set.of("b"), j.smembers("src"));
      assertEquals(Set.of("a", "b"), j.smembers("dst"));
      assertEquals(0, j.smove("src", "dst", "zz"));
      assertEquals(1, j.smove("src", "src", "b"), "same key: answers membership, changes nothing");
      assertEquals(0, j.smove("src", "src", "zz"));
      assertEquals(1, j.smove("src", "dst", "b"), "already in the destination: still removed from the source");
      assertNull(storedMeta(server, "src"), "the emptied source is deleted");
      assertEquals(2, j.scard("dst"));
      assertEquals(1, j.smove("dst", "newdst", "a"));
      assertEquals(Set.of("a"), j.smembers("newdst"));
      assertEquals(0, j.smove("nokey", "mvstr", "a"), "a missing source answers 0 before the destination's type");
      assertEquals(WRONGTYPE, error(j, "SMOVE", "mvstr", "dst", "b"));
      assertEquals(WRONGTYPE, error(j, "SMOVE", "dst", "mvstr", "b"));
      assertEquals(Set.of("b"), j.smembers("dst"), "a refused SMOVE changes nothing");
    }
  }

  @Test
  void algebra() {
    try (Jedis j = server.jedis()) {
      j.sadd("x1", "a", "b", "c", "d");
      j.sadd("x2", "c", "d", "e");
      j.sadd("x3", "d", "e", "f");
      assertEquals(Set.of("d"), j.sinter("x1", "x2", "x3"));
      assertEquals(Set.of("c", "d"), j.sinter("x1", "x2"));
      assertEquals(Set.of(), j.sinter("x1", "nokey"));
      assertEquals(Set.of("a", "b", "c", "d"), j.sinter("x1"));
      assertEquals(Set.of("a", "b", "c", "d", "e", "f"), j.sunion("x1", "x2", "x3", "nokey"));
      assertEquals(Set.of("a", "b"), j.sdiff("x1", "x2", "x3"));
      assertEquals(Set.of("a", "b", "c"), j.sdiff("x1", "x3", "nokey"));
      assertEquals(Set.of(), j.sdiff("nokey", "x1"));
      assertEquals(List.of("a", "b", "c", "d", "e", "f"),
          strings(j.sendCommand(() -> "SUNION".getBytes(), "x3", "x2", "x1")), "in member byte order");
      // SDIFF's two ways: a small other set read whole, and a large one looked up member by member.
      List<String> many = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        many.add("m" + i);
      }
      j.sadd("big1", many.toArray(String[]::new));
      j.sadd("small1", "m1", "m2", "zz");
      assertEquals(48, j.sdiff("big1", "small1").size());
      assertEquals(Set.of("zz"), j.sdiff("small1", "big1"));

      j.set("alg-str", "x");
      for (String c : List.of("SINTER", "SUNION", "SDIFF")) {
        assertEquals(WRONGTYPE, error(j, c, "x1", "alg-str"), c);
        assertEquals(WRONGTYPE, error(j, c, "nokey", "alg-str"), c + ": every key is type-checked");
        assertEquals(arity(c.toLowerCase()), error(j, c));
      }
    }
  }

  @Test
  void storeReplacesOrDeletesTheDestination() {
    try (Jedis j = server.jedis()) {
      j.sadd("y1", "a", "b", "c");
      j.sadd("y2", "b", "c", "d");
      j.set("dest", "a string");
      j.hset("hdest", "f", "v");
      assertEquals(2, j.sinterstore("dest", "y1", "y2"), "a string destination is replaced");
      assertEquals(Set.of("b", "c"), j.smembers("dest"));
      assertEquals(2, storedMeta(server, "dest").size());
      assertEquals(4, j.sunionstore("hdest", "y1", "y2"), "a hash destination is replaced");
      assertEquals(Set.of("a", "b", "c", "d"), j.smembers("hdest"));
      assertEquals(1, j.sdiffstore("y1", "y1", "y2"), "the destination may be a source");
      assertEquals(Set.of("a"), j.smembers("y1"));
      assertEquals(0, j.sinterstore("dest", "y1", "y2"));
      assertNull(storedMeta(server, "dest"), "an empty result deletes the destination");
      assertEquals(0, j.sunionstore("hdest", "nokey"));
      assertNull(storedMeta(server, "hdest"));
      j.set("dstr", "x");
      assertEquals(0, j.sdiffstore("dstr", "nokey", "y2"));
      assertNull(j.get("dstr"), "an empty result deletes even a string destination");

      j.set("alg-str2", "x");
      j.sadd("keep", "k");
      for (String c : List.of("SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE")) {
        assertEquals(WRONGTYPE, error(j, c, "keep", "y2", "alg-str2"), c);
        assertEquals(Set.of("k"), j.smembers("keep"), c + " refused: the destination is untouched");
        assertEquals(arity(c.toLowerCase()), error(j, c, "keep"));
      }
    }
  }

  @Test
  void popAndRandomMembers() {
    try (Jedis j = server.jedis()) {
      String[] members = new String[20];
      for (int i = 0; i < members.length; i++) {
        members[i] = "p" + i;
      }
      Set<String> all = Set.of(members);
      j.sadd("pop", members);
      String one = j.spop("pop");
      assertTrue(all.contains(one));
      assertFalse(j.sismember("pop", one));
      Set<String> five = j.spop("pop", 5);
      assertEquals(5, five.size());
      assertTrue(all.containsAll(five));
      assertFalse(five.contains(one));
      assertEquals(14, j.scard("pop"));
      assertEquals(14, storedMeta(server, "pop").size());
      assertEquals(Set.of(), j.spop("pop", 0));
      assertEquals(14, j.spop("pop", 100).size(), "a count above the size pops everything");
      assertNull(storedMeta(server, "pop"), "popping the last member deletes the key");
      assertNull(j.spop("pop"));
      assertEquals(Set.of(), j.spop("pop", 3));

      j.sadd("rnd", members);
      assertTrue(all.contains(j.srandmember("rnd")));
      List<String> distinct = j.srandmember("rnd", 7);
      assertEquals(7, new HashSet<>(distinct).size(), "a positive count gives distinct members");
      assertTrue(all.containsAll(distinct));
      assertEquals(all, new HashSet<>(j.srandmember("rnd", 50)), "a count above the size gives the whole set");
      List<String> repeats = j.srandmember("rnd", -100);
      assertEquals(100, repeats.size(), "a negative count gives exactly |count| members");
      assertTrue(all.containsAll(repeats));
      assertTrue(new HashSet<>(repeats).size() < 100, "with repeats");
      assertEquals(List.of(), j.srandmember("rnd", 0));
      assertEquals(20, j.scard("rnd"), "SRANDMEMBER removes nothing");
      assertNull(j.srandmember("nokey"));
      assertEquals(List.of(), j.srandmember("nokey", -3));
      j.sadd("single", "only");
      assertEquals(List.of("only", "only", "only"), j.srandmember("single", -3));
    }
  }

  @Test
  void randomChoicesCoverTheSet() {
    // Uniform choice by position: over many draws every member of a skewed set shows up, and no
    // member is drawn far more often than the others (a seek-based pick would favour a few).
    try (Jedis j = server.jedis()) {
      List<String> members = new ArrayList<>();
      for (int i = 1; i <= 30; i++) {
        members.add("user:" + (i * i * i));
      }
      j.sadd("skew", members.toArray(String[]::new));
      Map<String, Integer> counts = new HashMap<>();
      for (String m : j.srandmember("skew", -3000)) {
        counts.merge(m, 1, Integer::sum);
      }
      assertEquals(new HashSet<>(members), counts.keySet());
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        // Expected 100 each; 200 is more than ten standard deviations away.
        assertTrue(e.getValue() < 200, e.getKey() + " drawn " + e.getValue() + " times of 3000");
      }
      // One member at a time walks from the nearer end of the set: both ends give every member.
      Map<String, Integer> singles = new HashMap<>();
      for (int i = 0; i < 600; i++) {
        singles.merge(j.srandmember("skew"), 1, Integer::sum);
      }
      assertEquals(new HashSet<>(members), singles.keySet());
      for (Map.Entry<String, Integer> e : singles.entrySet()) {
        assertTrue(e.getValue() < 60, e.getKey() + " drawn " + e.getValue() + " times of 600 (expected 20)");
      }
    }
  }

  @Test
  void popAndRandomErrors() {
    try (Jedis j = server.jedis()) {
      j.sadd("pe", "a");
      j.set("pe-str", "x");
      assertEquals("ERR value is out of range, must be positive", error(j, "SPOP", "pe", "-1"));
      assertEquals("ERR value is out of range, must be positive", error(j, "SPOP", "pe", "x"));
      assertEquals("ERR syntax error", error(j, "SPOP", "pe", "1", "2"));
      assertEquals("ERR value is not an integer or out of range", error(j, "SRANDMEMBER", "pe", "x"));
      assertEquals("ERR syntax error", error(j, "SRANDMEMBER", "pe", "1", "2"));
      assertEquals("ERR value is out of range, value must between -1000000 and 9223372036854775807",
          error(j, "SRANDMEMBER", "pe", "-4611686018427387904"));
      assertEquals(WRONGTYPE, error(j, "SPOP", "pe-str"));
      assertEquals(WRONGTYPE, error(j, "SPOP", "pe-str", "0"));
      assertEquals(WRONGTYPE, error(j, "SRANDMEMBER", "pe-str"));
      assertEquals(WRONGTYPE, error(j, "SRANDMEMBER", "pe-str", "0"));
      assertEquals(arity("spop"), error(j, "SPOP"));
      assertEquals(arity("srandmember"), error(j, "SRANDMEMBER"));
      assertEquals(Set.of("a"), j.smembers("pe"));
    }
  }

  @Test
  void wrongTypeAndArity() {
    try (Jedis j = server.jedis()) {
      j.set("sstr", "x");
      String[][] calls = {
          {"SADD", "sstr", "m"}, {"SREM", "sstr", "m"}, {"SMEMBERS", "sstr"}, {"SISMEMBER", "sstr", "m"},
          {"SMISMEMBER", "sstr", "m"}, {"SCARD", "sstr"}, {"SSCAN", "sstr", "0"}};
      for (String[] c : calls) {
        assertEquals(WRONGTYPE, error(j, c[0], Arrays.copyOfRange(c, 1, c.length)), c[0]);
      }
      assertEquals("x", j.get("sstr"));
      String[][] short_ = {
          {"SADD", "s"}, {"SREM", "s"}, {"SMEMBERS"}, {"SISMEMBER", "s"}, {"SMISMEMBER", "s"}, {"SCARD"},
          {"SSCAN", "s"}, {"SMOVE", "a", "b"}, {"SCARD", "s", "t"}, {"SISMEMBER", "s", "a", "b"}};
      for (String[] c : short_) {
        assertEquals(arity(c[0].toLowerCase()), error(j, c[0], Arrays.copyOfRange(c, 1, c.length)), c[0]);
      }
      assertNull(storedMeta(server, "s"));
    }
  }

  @Test
  void scanReturnsEveryMemberOnce() {
    try (Jedis j = server.jedis()) {
      String[] members = new String[1000];
      for (int i = 0; i < members.length; i++) {
        members[i] = "m" + i;
      }
      j.sadd("sbig", members);
      List<String> seen = new ArrayList<>();
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> r = j.sscan("sbig", cursor, new ScanParams().count(33));
        assertTrue(r.getResult().size() <= 33);
        seen.addAll(r.getResult());
        cursor = r.getCursor();
      } while (!cursor.equals("0"));
      assertEquals(1000, seen.size(), "no member twice");
      assertEquals(Set.of(members), new HashSet<>(seen));

      Set<String> matched = new HashSet<>();
      cursor = "0";
      do {
        ScanResult<String> r = j.sscan("sbig", cursor, new ScanParams().match("m99*"));
        r.getResult().forEach(m -> assertTrue(matched.add(m), m));
        cursor = r.getCursor();
      } while (!cursor.equals("0"));
      assertEquals(Set.of("m99", "m990", "m991", "m992", "m993", "m994", "m995", "m996", "m997", "m998", "m999"),
          matched);

      assertEquals("ERR invalid cursor", error(j, "SSCAN", "sbig", "abc"));
      assertEquals("ERR syntax error", error(j, "SSCAN", "sbig", "0", "COUNT", "0"));
      assertEquals("ERR syntax error", error(j, "SSCAN", "sbig", "0", "TYPE", "set"));
      ScanResult<String> empty = j.sscan("nokey", "0");
      assertEquals("0", empty.getCursor());
      assertEquals(List.of(), empty.getResult());
    }
  }
}
