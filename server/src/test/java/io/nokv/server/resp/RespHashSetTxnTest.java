package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

/** Hashes and sets across a restart, inside MULTI/EXEC and WATCH, and under concurrent writers. */
class RespHashSetTxnTest {
  @TempDir Path dir;

  @Test
  void restartKeepsHashesAndSets() {
    try (RespTestServer s = new RespTestServer(dir)) {
      try (Jedis j = s.jedis()) {
        j.hset("h", Map.of("a", "1", "b", "2"));
        j.hincrBy("h", "n", 7);
        j.sadd("s", "x", "y", "z");
        j.srem("s", "y");
        j.sadd("gone", "only");
        j.srem("gone", "only");
      }
      s.restart();
      try (Jedis j = s.jedis()) {
        assertEquals(Map.of("a", "1", "b", "2", "n", "7"), j.hgetAll("h"));
        assertEquals(3, j.hlen("h"));
        assertEquals(Set.of("x", "z"), j.smembers("s"));
        assertEquals(2, j.scard("s"));
        assertEquals(0, j.scard("gone"));
        assertNull(HashSetTestSupport.storedMeta(s, "gone"));
      }
    }
  }

  @Test
  void execAppliesTheOthersAroundARuntimeError() {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis()) {
      j.set("str", "x");
      Transaction t = j.multi();
      t.hset("mh", "f", "v");
      t.sadd("str", "m"); // queued fine, fails when run: WRONGTYPE
      t.sadd("ms", "a", "b");
      t.hincrBy("mh", "f", 1); // not an integer: fails when run
      t.hlen("mh");
      List<Object> replies = t.exec();
      assertEquals(5, replies.size());
      assertEquals(1L, replies.get(0));
      assertEquals(HashSetTestSupport.WRONGTYPE, assertInstanceOf(JedisDataException.class, replies.get(1)).getMessage());
      assertEquals(2L, replies.get(2));
      assertEquals("ERR hash value is not an integer",
          assertInstanceOf(JedisDataException.class, replies.get(3)).getMessage());
      assertEquals(1L, replies.get(4));
      assertEquals("v", j.hget("mh", "f"));
      assertEquals(Set.of("a", "b"), j.smembers("ms"));
      assertEquals("x", j.get("str"));

      // A queued arity error discards the whole transaction, as Redis does.
      Transaction bad = j.multi();
      bad.sadd("ms", "c");
      bad.sendCommand(() -> "HSET".getBytes(), "mh", "f");
      JedisDataException e = org.junit.jupiter.api.Assertions.assertThrows(JedisDataException.class, bad::exec);
      assertEquals("EXECABORT Transaction discarded because of previous errors.", e.getMessage());
      assertEquals(2, j.scard("ms"));
    }
  }

  @Test
  void watchSeesHashAndSetWrites() {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis(); Jedis other = s.jedis()) {
      j.hset("wh", "f", "1");
      j.watch("wh");
      other.hincrBy("wh", "f", 1);
      Transaction t = j.multi();
      t.hset("wh", "f", "100");
      assertNull(t.exec(), "the watched hash changed: EXEC answers nil");
      assertEquals("2", j.hget("wh", "f"));

      j.sadd("ws", "a");
      j.watch("ws");
      other.srem("ws", "nope"); // removes nothing: not a write, as in Redis
      t = j.multi();
      t.sadd("ws", "b");
      assertEquals(List.of(1L), t.exec());

      j.watch("ws");
      other.spop("ws");
      t = j.multi();
      t.sadd("ws", "c");
      assertNull(t.exec());
    }
  }

  @Test
  void concurrentIncrementsAndAddsAreExact() throws Exception {
    try (RespTestServer s = new RespTestServer(dir)) {
      int threads = 4;
      int perThread = 250;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int id = t;
          done.add(pool.submit(() -> {
            try (Jedis j = s.jedis()) {
              go.await();
              for (int i = 0; i < perThread; i++) {
                j.hincrBy("counter", "n", 1);
                j.sadd("members", id + ":" + i);
              }
            }
            return null;
          }));
        }
        go.countDown();
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      try (Jedis j = s.jedis()) {
        assertEquals(String.valueOf(threads * perThread), j.hget("counter", "n"));
        assertEquals(threads * perThread, j.scard("members"));
        assertEquals(threads * perThread, j.smembers("members").size());
        assertEquals(threads * perThread, HashSetTestSupport.storedMeta(s, "members").size());
      }
    }
  }
}
