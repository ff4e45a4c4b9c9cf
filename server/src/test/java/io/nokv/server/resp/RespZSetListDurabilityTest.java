package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.Tuple;

/** Sorted sets and lists across a restart, inside MULTI/EXEC, and under concurrent writers. */
class RespZSetListDurabilityTest {
  @TempDir Path dir;

  @Test
  void restartKeepsSortedSetsAndLists() {
    try (RespTestServer s = new RespTestServer(dir)) {
      try (Jedis j = s.jedis()) {
        j.zadd("z", Map.of("a", -1.5, "b", 0.0, "c", Double.POSITIVE_INFINITY));
        j.rpush("l", "m", "n");
        j.lpush("l", "x", "y"); // the head is below 0 now
        j.lpop("l");
      }
      s.restart();
      try (Jedis j = s.jedis()) {
        assertEquals(List.of(new Tuple("a", -1.5), new Tuple("b", 0.0), new Tuple("c", Double.POSITIVE_INFINITY)),
            j.zrangeWithScores("z", 0, -1));
        assertEquals(List.of("b", "c"), j.zrangeByScore("z", "(-1.5", "+inf"));
        assertEquals(0.0, j.zscore("z", "b"));
        assertEquals(3, j.zcard("z"));
        assertEquals(List.of("x", "m", "n"), j.lrange("l", 0, -1));
        assertEquals("x", j.lindex("l", 0));
        assertEquals(3, j.llen("l"));
        assertEquals(4, j.lpush("l", "w"));
        assertEquals(List.of("w", "x", "m", "n"), j.lrange("l", 0, -1));
      }
    }
  }

  @Test
  void multiExecWithZaddAndLpush() {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis(); Jedis other = s.jedis()) {
      Transaction t = j.multi();
      t.zadd("tz", 1.0, "a");
      t.lpush("tl", "a", "b");
      t.zadd("tz", 2.0, "b");
      t.lrange("tl", 0, -1);
      List<Object> replies = t.exec();
      assertEquals(List.of(1L, 2L, 1L, List.of("b", "a")), replies);
      assertEquals(List.of("a", "b"), j.zrange("tz", 0, -1));

      // an error reply inside MULTI leaves that command's key untouched; the others apply
      t = j.multi();
      t.zadd("tz", 5.0, "c");
      t.sendCommand(() -> "ZADD".getBytes(), "tz", "1", "d", "notafloat", "e");
      t.sendCommand(() -> "LSET".getBytes(), "tl", "99", "x");
      t.rpush("tl", "c");
      replies = t.exec();
      assertEquals(4, replies.size());
      assertEquals(1L, replies.get(0));
      assertTrue(replies.get(1) instanceof JedisDataException e && e.getMessage().equals("ERR value is not a valid float"),
          String.valueOf(replies.get(1)));
      assertTrue(replies.get(2) instanceof JedisDataException e && e.getMessage().equals("ERR index out of range"),
          String.valueOf(replies.get(2)));
      assertEquals(3L, replies.get(3));
      assertEquals(List.of("a", "b", "c"), j.zrange("tz", 0, -1));
      assertEquals(List.of("b", "a", "c"), j.lrange("tl", 0, -1));

      // WATCH on a sorted set: another client's ZADD makes EXEC answer nil
      j.watch("tz");
      other.zadd("tz", 9.0, "z");
      t = j.multi();
      t.lpush("tl", "never");
      assertNull(t.exec());
      assertEquals(3, j.llen("tl"));
      // ...and so does a member-only change (the metadata stamp is renewed on every write)
      j.watch("tl");
      other.lset("tl", 0, "B");
      t = j.multi();
      t.zadd("tz", 1.0, "never");
      assertNull(t.exec());
      assertNull(j.zscore("tz", "never"));
    }
  }

  @Test
  void concurrentZincrbyAndRpushLoseNothing() throws Exception {
    int threads = 4;
    int perThread = 250;
    try (RespTestServer s = new RespTestServer(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Void>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int id = t;
          Callable<Void> task = () -> {
            try (Jedis j = s.jedis()) {
              start.await(10, TimeUnit.SECONDS);
              for (int i = 0; i < perThread; i++) {
                j.zincrby("counter", 1.0, "m");
                j.rpush("queue", id + ":" + i);
              }
            }
            return null;
          };
          done.add(pool.submit(task));
        }
        for (Future<Void> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      try (Jedis j = s.jedis()) {
        assertEquals(threads * perThread, j.zscore("counter", "m"));
        assertEquals(1, j.zcard("counter"));
        assertEquals(List.of("m"), j.zrangeByScore("counter", threads * perThread, threads * perThread));
        assertEquals(threads * perThread, j.llen("queue"));
        List<String> all = j.lrange("queue", 0, -1);
        Set<String> distinct = new HashSet<>(all);
        assertEquals(threads * perThread, distinct.size());
        for (int t = 0; t < threads; t++) {
          int last = -1;
          for (String e : all) { // each thread's elements appear in the order it pushed them
            if (e.startsWith(t + ":")) {
              int i = Integer.parseInt(e.substring(e.indexOf(':') + 1));
              assertEquals(last + 1, i, "thread " + t);
              last = i;
            }
          }
          assertEquals(perThread - 1, last);
        }
      }
    }
  }
}
