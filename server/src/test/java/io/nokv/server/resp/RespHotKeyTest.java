package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Many connections writing one key at once: their writes are combined into shared transactions
 * ({@link KeyWriteCombiner}), and each must still behave as if run alone, one after the other.
 */
class RespHotKeyTest {
  @TempDir Path dir;

  @Test
  void concurrentIncrementsOfOneKeyEachSeeADistinctValue() throws Exception {
    int threads = 16;
    int each = 100;
    ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
    try (RespTestServer s = new RespTestServer(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          try (Jedis j = s.jedis()) {
            for (int i = 0; i < each; i++) {
              seen.add(j.incr("hot"));
              j.hincrBy("hash", "f", 1);
              j.rpush("list", "x");
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      try (Jedis j = s.jedis()) {
        assertEquals(String.valueOf(threads * each), j.get("hot"));
        assertEquals(String.valueOf(threads * each), j.hget("hash", "f"));
        assertEquals(threads * each, j.llen("list"));
      }
    }
    // Every INCR answered the value it produced: 1..N, each exactly once (no two saw the same state).
    Set<Long> distinct = new TreeSet<>(seen);
    assertEquals(threads * each, distinct.size());
    assertEquals(1L, ((TreeSet<Long>) distinct).first());
    assertEquals((long) threads * each, ((TreeSet<Long>) distinct).last());
  }
}
