package io.nokv.server.resp;

import static io.nokv.server.resp.RespTestData.error;
import static io.nokv.server.resp.RespTestData.raw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.server.Await;
import io.nokv.server.resp.store.RedisType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.SetParams;

/** The string commands through Jedis, errors included (the Lettuce tests are in RespLettuceStringKeyTest). */
class RespStringCommandsTest {
  private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
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

  @Test
  void setAndGet() {
    assertEquals("OK", j.set("sg:a", "1"));
    assertEquals("1", j.get("sg:a"));
    assertNull(j.get("sg:missing"));
    assertEquals("OK", j.set("sg:a", "2"));
    assertEquals("2", j.get("sg:a"));
    assertEquals("OK", j.set("sg:empty", ""));
    assertEquals("", j.get("sg:empty"));
    byte[] binary = {0, (byte) 0xff, '\r', '\n', 1};
    j.set("sg:bin".getBytes(StandardCharsets.UTF_8), binary);
    assertArrayEquals(binary, j.get("sg:bin".getBytes(StandardCharsets.UTF_8)));
    assertEquals("ERR wrong number of arguments for 'get' command", error(j, "GET"));
    assertEquals("ERR wrong number of arguments for 'set' command", error(j, "SET", "k"));
  }

  @Test
  void setConditionsAndGetOption() {
    assertNull(j.set("so:a", "1", SetParams.setParams().xx()));
    assertNull(j.get("so:a"));
    assertEquals("OK", j.set("so:a", "1", SetParams.setParams().nx()));
    assertNull(j.set("so:a", "2", SetParams.setParams().nx()));
    assertEquals("1", j.get("so:a"));
    assertEquals("OK", j.set("so:a", "2", SetParams.setParams().xx()));
    assertEquals("2", j.setGet("so:a", "3"));
    assertNull(j.setGet("so:new", "x"));
    assertEquals("x", j.get("so:new"));
    // NX with GET: answers the old value and writes nothing when the key exists (Redis 7)
    assertEquals("3", j.setGet("so:a", "4", SetParams.setParams().nx()));
    assertEquals("3", j.get("so:a"));
    assertNull(j.setGet("so:none", "4", SetParams.setParams().xx()));
    assertNull(j.get("so:none"));
  }

  @Test
  void setExpiryOptions() {
    j.set("se:a", "1", SetParams.setParams().ex(100));
    assertTrue(j.ttl("se:a") > 98 && j.ttl("se:a") <= 100, "ttl " + j.ttl("se:a"));
    j.set("se:a", "2", SetParams.setParams().keepTtl());
    assertTrue(j.ttl("se:a") > 98, "KEEPTTL kept the expiry");
    j.set("se:a", "3");
    assertEquals(-1, j.ttl("se:a"), "SET without KEEPTTL clears the expiry");
    j.set("se:a", "4", SetParams.setParams().px(100_000));
    assertTrue(j.pttl("se:a") > 98_000);
    long in100s = System.currentTimeMillis() / 1000 + 100;
    j.set("se:a", "5", SetParams.setParams().exAt(in100s));
    assertTrue(j.ttl("se:a") > 98);
    j.set("se:a", "6", SetParams.setParams().pxAt(in100s * 1000));
    assertTrue(j.ttl("se:a") > 98);
    assertEquals("OK", raw(j, "SET", "se:a", "7", "EX", "10", "EX", "20"), "the same option twice: the last wins");
    assertTrue(j.ttl("se:a") > 10);
    // an absolute time in the past: the key is gone at once
    assertEquals("OK", j.set("se:a", "8", SetParams.setParams().pxAt(1)));
    assertNull(j.get("se:a"));
    assertEquals(0, j.exists("se:a") ? 1 : 0);
    assertEquals("OK", raw(j, "SET", "se:b", "v", "PXAT", Long.toString(Long.MAX_VALUE)), "no overflow for PXAT");
  }

  @Test
  void setErrors() {
    String invalid = "ERR invalid expire time in 'set' command";
    assertEquals(invalid, error(j, "SET", "k", "v", "EX", "0"));
    assertEquals(invalid, error(j, "SET", "k", "v", "PX", "-1"));
    assertEquals(invalid, error(j, "SET", "k", "v", "EX", Long.toString(Long.MAX_VALUE)));
    assertEquals(invalid, error(j, "SET", "k", "v", "EX", Long.toString(Long.MAX_VALUE / 1000)));
    assertEquals(invalid, error(j, "SET", "k", "v", "PX", Long.toString(Long.MAX_VALUE)));
    assertEquals(invalid, error(j, "SET", "k", "v", "EXAT", Long.toString(Long.MAX_VALUE)));
    assertEquals("ERR value is not an integer or out of range", error(j, "SET", "k", "v", "EX", "abc"));
    for (String[] options : List.of(new String[] {"NX", "XX"}, new String[] {"EX", "10", "PX", "10"},
        new String[] {"EX", "10", "KEEPTTL"}, new String[] {"KEEPTTL", "PXAT", "10"}, new String[] {"EX"},
        new String[] {"FOO"}, new String[] {"PERSIST"})) {
      String[] args = new String[2 + options.length];
      args[0] = "k";
      args[1] = "v";
      System.arraycopy(options, 0, args, 2, options.length);
      assertEquals("ERR syntax error", error(j, "SET", args), Arrays.toString(options));
    }
    assertNull(j.get("k"), "no error wrote anything");
  }

  @Test
  void setnxSetexPsetex() {
    assertEquals(1, j.setnx("sx:a", "1"));
    assertEquals(0, j.setnx("sx:a", "2"));
    assertEquals("1", j.get("sx:a"));
    assertEquals("OK", j.setex("sx:b", 100, "v"));
    assertTrue(j.ttl("sx:b") > 98);
    assertEquals("OK", j.psetex("sx:c", 100_000, "v"));
    assertTrue(j.pttl("sx:c") > 98_000);
    assertEquals("ERR invalid expire time in 'setex' command", error(j, "SETEX", "sx:d", "0", "v"));
    assertEquals("ERR invalid expire time in 'setex' command", error(j, "SETEX", "sx:d", "-5", "v"));
    assertEquals("ERR invalid expire time in 'psetex' command", error(j, "PSETEX", "sx:d", "0", "v"));
    assertEquals("ERR value is not an integer or out of range", error(j, "SETEX", "sx:d", "x", "v"));
    assertEquals("ERR wrong number of arguments for 'setnx' command", error(j, "SETNX", "sx:d"));
    assertNull(j.get("sx:d"));
  }

  @Test
  void getsetGetdel() {
    assertNull(j.getSet("gg:a", "1"));
    j.expire("gg:a", 100);
    assertEquals("1", j.getSet("gg:a", "2"));
    assertEquals(-1, j.ttl("gg:a"), "GETSET clears the expiry");
    assertEquals("2", j.getDel("gg:a"));
    assertNull(j.getDel("gg:a"));
    assertEquals(0, j.exists("gg:a") ? 1 : 0);
  }

  @Test
  void getex() {
    j.set("gx:a", "v");
    assertEquals("v", j.getEx("gx:a", GetExParams.getExParams().ex(100)));
    assertTrue(j.ttl("gx:a") > 98);
    assertEquals("v", j.getEx("gx:a", GetExParams.getExParams().persist()));
    assertEquals(-1, j.ttl("gx:a"));
    assertEquals("v", j.getEx("gx:a", GetExParams.getExParams().px(100_000)));
    assertTrue(j.pttl("gx:a") > 98_000);
    assertEquals("v", j.getEx("gx:a", GetExParams.getExParams().exAt(System.currentTimeMillis() / 1000 + 100)));
    assertTrue(j.ttl("gx:a") > 98);
    assertEquals("v", raw(j, "GETEX", "gx:a"));
    assertTrue(j.ttl("gx:a") > 98, "GETEX without options changes nothing");
    assertEquals("v", j.getEx("gx:a", GetExParams.getExParams().pxAt(1)), "answers the value, then deletes");
    assertNull(j.get("gx:a"));
    assertNull(j.getEx("gx:missing", GetExParams.getExParams().ex(10)));
    // Redis validates the time only when the key exists
    assertNull(raw(j, "GETEX", "gx:missing", "EX", "0"));
    j.set("gx:b", "v");
    assertEquals("ERR invalid expire time in 'getex' command", error(j, "GETEX", "gx:b", "EX", "0"));
    assertEquals("ERR syntax error", error(j, "GETEX", "gx:b", "PERSIST", "EX", "1"));
    assertEquals("ERR syntax error", error(j, "GETEX", "gx:b", "NX"));
    assertEquals("ERR syntax error", error(j, "GETEX", "gx:b", "EX"));
    assertEquals(-1, j.ttl("gx:b"));
  }

  @Test
  void msetMgetMsetnx() {
    assertEquals("OK", j.mset("mm:a", "1", "mm:b", "2", "mm:a", "3"));
    assertEquals(Arrays.asList("3", "2", null), j.mget("mm:a", "mm:b", "mm:c"));
    j.expire("mm:b", 100);
    j.mset("mm:b", "4");
    assertEquals(-1, j.ttl("mm:b"), "MSET clears the expiry");
    assertEquals(0, j.msetnx("mm:c", "1", "mm:a", "1"));
    assertNull(j.get("mm:c"), "MSETNX sets nothing when one key exists");
    assertEquals(1, j.msetnx("mm:c", "1", "mm:d", "2"));
    assertEquals(Arrays.asList("1", "2"), j.mget("mm:c", "mm:d"));
    assertEquals("ERR wrong number of arguments for 'mset' command", error(j, "MSET", "mm:x", "1", "mm:y"));
    assertEquals("ERR wrong number of arguments for 'msetnx' command", error(j, "MSETNX", "mm:x"));
    assertNull(j.get("mm:x"));
  }

  @Test
  void integerCounters() {
    assertEquals(1, j.incr("ic:a"));
    assertEquals(0, j.decr("ic:a"));
    assertEquals(10, j.incrBy("ic:a", 10));
    assertEquals(3, j.decrBy("ic:a", 7));
    assertEquals(-5, j.decrBy("ic:b", 5));
    j.expire("ic:a", 100);
    j.incr("ic:a");
    assertTrue(j.ttl("ic:a") > 98, "INCR keeps the expiry");
    j.set("ic:max", Long.toString(Long.MAX_VALUE));
    assertEquals("ERR increment or decrement would overflow", error(j, "INCR", "ic:max"));
    j.set("ic:min", Long.toString(Long.MIN_VALUE));
    assertEquals("ERR increment or decrement would overflow", error(j, "DECR", "ic:min"));
    assertEquals("ERR decrement would overflow", error(j, "DECRBY", "ic:a", Long.toString(Long.MIN_VALUE)));
    assertEquals("ERR value is not an integer or out of range", error(j, "INCRBY", "ic:a", "1.5"));
    for (String notInteger : new String[] {" 1", "01", "1.0", "", "abc", "99999999999999999999"}) {
      j.set("ic:bad", notInteger);
      assertEquals("ERR value is not an integer or out of range", error(j, "INCR", "ic:bad"), notInteger);
    }
    assertEquals("4", j.get("ic:a"));
  }

  @Test
  void incrbyfloat() {
    j.set("if:a", "10.1");
    assertEquals("1010.09999999999999998", raw(j, "INCRBYFLOAT", "if:a", "1e3"));
    assertEquals("1010.09999999999999998", j.get("if:a"));
    assertEquals(2.5, j.incrByFloat("if:b", 2.5));
    assertEquals("2.5", j.get("if:b"));
    j.expire("if:b", 100);
    j.incrByFloat("if:b", 1);
    assertTrue(j.ttl("if:b") > 98, "INCRBYFLOAT keeps the expiry");
    assertEquals("ERR increment would produce NaN or Infinity", error(j, "INCRBYFLOAT", "if:b", "inf"));
    assertEquals("ERR value is not a valid float", error(j, "INCRBYFLOAT", "if:b", "abc"));
    j.set("if:c", "x");
    assertEquals("ERR value is not a valid float", error(j, "INCRBYFLOAT", "if:c", "1"));
    assertEquals("3.5", j.get("if:b"));
  }

  @Test
  void appendStrlenRanges() {
    assertEquals(3, j.append("ar:a", "abc"));
    assertEquals(6, j.append("ar:a", "def"));
    assertEquals(6, j.strlen("ar:a"));
    assertEquals(0, j.strlen("ar:missing"));
    assertEquals(0, j.append("ar:empty", ""));
    assertTrue(j.exists("ar:empty"), "APPEND of nothing creates an empty string, as in Redis");
    j.expire("ar:a", 100);
    j.append("ar:a", "g");
    assertTrue(j.ttl("ar:a") > 98, "APPEND keeps the expiry");

    j.set("ar:s", "Hello World");
    assertEquals("Hello World", j.getrange("ar:s", 0, -1));
    assertEquals("rld", j.getrange("ar:s", -3, -1));
    assertEquals("", j.getrange("ar:s", 5, 2));
    assertEquals("H", j.getrange("ar:s", -100, -50)); // Redis 7.0 clamps both ends to 0
    assertEquals("", j.getrange("ar:s", 100, 200));
    assertEquals("", j.getrange("ar:s", -1, -5));
    assertEquals("", j.getrange("ar:missing", 0, 1));
    assertEquals("He", raw(j, "SUBSTR", "ar:s", "0", "1"));
    assertEquals("ERR value is not an integer or out of range", error(j, "GETRANGE", "ar:s", "a", "1"));

    assertEquals(11, j.setrange("ar:s", 6, "Redis"));
    assertEquals("Hello Redis", j.get("ar:s"));
    assertEquals(0, j.setrange("ar:new", 5, ""));
    assertEquals(0, j.exists("ar:new") ? 1 : 0, "SETRANGE of nothing creates nothing");
    assertEquals(5, j.setrange("ar:new", 3, "ab"));
    assertArrayEquals(new byte[] {0, 0, 0, 'a', 'b'}, j.get("ar:new".getBytes(StandardCharsets.UTF_8)));
    j.expire("ar:new", 100);
    j.setrange("ar:new", 0, "x");
    assertTrue(j.ttl("ar:new") > 98, "SETRANGE keeps the expiry");
    assertEquals("ERR offset is out of range", error(j, "SETRANGE", "ar:s", "-1", "x"));
    assertEquals("ERR string exceeds maximum allowed size (proto-max-bulk-len)",
        error(j, "SETRANGE", "ar:s", Long.toString(Long.MAX_VALUE), "x"));
    assertEquals("ERR string exceeds maximum allowed size (proto-max-bulk-len)",
        error(j, "SETRANGE", "ar:s", "67108864", "x"));
    assertEquals("Hello Redis", j.get("ar:s"));
  }

  @Test
  void wrongTypeForEveryStringCommandButSet() {
    RespTestData.putCollection(server.gateway().client(), "wt:h", RedisType.HASH, 1);
    String[][] commands = {
        {"GET", "wt:h"}, {"GETSET", "wt:h", "v"}, {"GETDEL", "wt:h"}, {"GETEX", "wt:h", "PERSIST"},
        {"SET", "wt:h", "v", "GET"}, {"INCR", "wt:h"}, {"DECR", "wt:h"}, {"INCRBY", "wt:h", "2"},
        {"DECRBY", "wt:h", "2"}, {"INCRBYFLOAT", "wt:h", "1.5"}, {"APPEND", "wt:h", "x"}, {"STRLEN", "wt:h"},
        {"GETRANGE", "wt:h", "0", "1"}, {"SETRANGE", "wt:h", "0", "x"}};
    for (String[] c : commands) {
      assertEquals(WRONGTYPE, error(j, c[0], Arrays.copyOfRange(c, 1, c.length)), c[0]);
    }
    assertEquals(Arrays.asList((String) null), j.mget("wt:h"), "MGET answers nil for other types");
    assertEquals(0, j.setnx("wt:h", "v"));
    assertEquals(0, j.msetnx("wt:h", "v"));
    assertEquals("hash", j.type("wt:h"));
    assertEquals("OK", j.set("wt:h", "v"), "SET replaces a key of another type");
    assertEquals("string", j.type("wt:h"));
    assertEquals("v", j.get("wt:h"));
  }

  @Test
  void expiryIsExactOnRead() {
    j.set("ex:a", "v", SetParams.setParams().px(1));
    // No reclaimer runs in this class: the value disappears on read as soon as its time passes
    Await.until(Duration.ofSeconds(2), "ex:a to expire", () -> j.get("ex:a") == null);
    assertEquals(-2, j.ttl("ex:a"));
    j.set("ex:b", "v");
    assertEquals(1, j.pexpireAt("ex:b", 1));
    assertNull(j.get("ex:b"));
  }

  @Test
  void concurrentIncrementsAreNotLost() throws Exception {
    int threads = 8;
    int perThread = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          try (Jedis c = server.jedis()) {
            for (int i = 0; i < perThread; i++) {
              c.incr("cc:counter");
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(Integer.toString(threads * perThread), j.get("cc:counter"));
  }
}
