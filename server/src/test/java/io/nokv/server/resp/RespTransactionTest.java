package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;

/** MULTI, EXEC, DISCARD and WATCH through Jedis, Lettuce and raw RESP, including optimistic increments under contention. */
class RespTransactionTest {
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
  void multiExecThroughJedisAndLettuce() {
    try (Jedis j = server.jedis(); StatefulRedisConnection<String, String> l = server.lettuce()) {
      Transaction t = j.multi();
      Response<String> set = t.set("tx:a", "1");
      Response<String> get = t.get("tx:a");
      List<Object> results = t.exec();
      assertEquals(2, results.size());
      assertEquals("OK", set.get());
      assertEquals("1", get.get());

      RedisCommands<String, String> c = l.sync();
      assertEquals("OK", c.multi());
      c.set("tx:b", "2");
      c.get("tx:b");
      TransactionResult r = c.exec();
      assertFalse(r.wasDiscarded());
      assertEquals(List.of("OK", "2"), r.stream().toList());
    }
  }

  @Test
  void discardDropsTheQueue() {
    try (Jedis j = server.jedis(); StatefulRedisConnection<String, String> l = server.lettuce()) {
      Transaction t = j.multi();
      t.set("tx:discarded", "x");
      assertEquals("OK", t.discard());
      assertNull(j.get("tx:discarded"));
      RedisCommands<String, String> c = l.sync();
      c.multi();
      c.set("tx:discarded", "y");
      assertEquals("OK", c.discard());
      assertNull(c.get("tx:discarded"));
    }
  }

  @Test
  void queuedErrorsAbortExecRuntimeErrorsDoNot() throws Exception {
    try (RawResp r = new RawResp(server.port())) {
      assertEquals("+OK\r\n", r.call("MULTI"));
      assertEquals("-ERR unknown command 'NOSUCH', with args beginning with: 'x' \r\n", r.call("NOSUCH", "x"));
      assertEquals("+QUEUED\r\n", r.call("SET", "tx:aborted", "1"));
      assertEquals("-ERR wrong number of arguments for 'get' command\r\n", r.call("GET"));
      assertEquals("-EXECABORT Transaction discarded because of previous errors.\r\n", r.call("EXEC"));
      assertEquals("$-1\r\n", r.call("GET", "tx:aborted"));

      // SELECT 1 is queued (its arity is right) and fails when EXEC runs it; the others still apply.
      assertEquals("+OK\r\n", r.call("MULTI"));
      assertEquals("+QUEUED\r\n", r.call("SET", "tx:partial", "1"));
      assertEquals("+QUEUED\r\n", r.call("SELECT", "1"));
      assertEquals("+QUEUED\r\n", r.call("GET", "tx:partial"));
      assertEquals("*3\r\n+OK\r\n-ERR DB index is out of range\r\n$1\r\n1\r\n", r.call("EXEC"));

      assertEquals("-ERR EXEC without MULTI\r\n", r.call("EXEC"));
      assertEquals("-ERR DISCARD without MULTI\r\n", r.call("DISCARD"));
      assertEquals("+OK\r\n", r.call("MULTI"));
      assertEquals("-ERR MULTI calls can not be nested\r\n", r.call("MULTI"));
      assertEquals("-ERR WATCH inside MULTI is not allowed\r\n", r.call("WATCH", "x"));
      assertEquals("+OK\r\n", r.call("DISCARD"));
    }
  }

  @Test
  void watchedKeyChangedByAnotherClientMakesExecNil() {
    try (Jedis j = server.jedis(); Jedis other = server.jedis(); StatefulRedisConnection<String, String> l = server.lettuce()) {
      j.set("tx:w", "0");
      assertEquals("OK", j.watch("tx:w"));
      other.set("tx:w", "changed");
      Transaction t = j.multi();
      t.set("tx:w", "mine");
      assertNull(t.exec(), "EXEC answers nil");
      assertEquals("changed", j.get("tx:w"));

      // Unchanged: EXEC runs. UNWATCH forgets.
      j.watch("tx:w");
      t = j.multi();
      t.set("tx:w", "mine");
      assertEquals(List.of("OK"), t.exec());
      j.watch("tx:w");
      other.set("tx:w", "again");
      assertEquals("OK", j.unwatch());
      t = j.multi();
      t.set("tx:w", "after-unwatch");
      assertEquals(List.of("OK"), t.exec());

      RedisCommands<String, String> c = l.sync();
      c.watch("tx:w");
      other.set("tx:w", "lettuce-loses");
      c.multi();
      c.set("tx:w", "lettuce");
      assertTrue(c.exec().wasDiscarded());
      assertEquals("lettuce-loses", c.get("tx:w"));
    }
  }

  /** 8 clients × 200 optimistic increments (WATCH, GET, MULTI, SET, EXEC, again on nil): none lost. */
  @Test
  void watchUnderContentionLosesNoIncrement() throws Exception {
    int threads = 8;
    int increments = 200;
    try (Jedis j = server.jedis()) {
      j.set("tx:counter", "0");
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Integer>> retries = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        retries.add(pool.submit(() -> {
          int again = 0;
          try (Jedis j = server.jedis()) {
            go.await();
            for (int i = 0; i < increments; i++) {
              while (true) {
                j.watch("tx:counter");
                long v = Long.parseLong(j.get("tx:counter"));
                Transaction tx = j.multi();
                tx.set("tx:counter", Long.toString(v + 1));
                if (tx.exec() != null) {
                  break;
                }
                again++;
              }
            }
          }
          return again;
        }));
      }
      go.countDown();
      int again = 0;
      for (Future<Integer> f : retries) {
        again += f.get(120, TimeUnit.SECONDS);
      }
      try (Jedis j = server.jedis()) {
        assertEquals(Integer.toString(threads * increments), j.get("tx:counter"),
            "after " + again + " EXECs answered nil");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
