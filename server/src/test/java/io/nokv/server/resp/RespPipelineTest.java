package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/** Pipelines (replies in order, groups run in one transaction), backpressure, and many connections at once. */
class RespPipelineTest {
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
  void jedisPipelineOfAThousandSetsAndGets() {
    try (Jedis j = server.jedis()) {
      Pipeline p = j.pipelined();
      List<Response<String>> sets = new ArrayList<>();
      List<Response<String>> gets = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        sets.add(p.set("jp:" + i, "v" + i));
        gets.add(p.get("jp:" + i)); // sees the SET before it, in the same group
        if (i % 250 == 0) {
          gets.add(p.get("jp:missing"));
        }
      }
      Response<Object> error = p.sendCommand(() -> "SELECT".getBytes(), "9");
      Response<String> after = p.get("jp:999");
      p.sync();
      for (Response<String> s : sets) {
        assertEquals("OK", s.get());
      }
      int k = 0;
      for (int i = 0; i < 1000; i++) {
        assertEquals("v" + i, gets.get(k++).get());
        if (i % 250 == 0) {
          assertNull(gets.get(k++).get());
        }
      }
      JedisDataException e = org.junit.jupiter.api.Assertions.assertThrows(JedisDataException.class, error::get);
      assertEquals("ERR DB index is out of range", e.getMessage());
      assertEquals("v999", after.get());
    }
  }

  /**
   * A pipeline runs as one transaction per group, yet each command keeps its own outcome: an error
   * reply leaves the others alone, and a command the store refuses halfway (an MSET whose second
   * key is over the store's key size) leaves nothing of itself behind.
   */
  @Test
  void groupedCommandsKeepTheirOwnOutcome() {
    String hugeKey = "k".repeat(20_000); // over TxnLimits.MAX_KEY_BYTES, under the request limits
    try (Jedis j = server.jedis()) {
      Pipeline p = j.pipelined();
      Response<String> set = p.set("gp:s", "1");
      Response<Long> wrongType = p.hset("gp:s", "f", "v");
      Response<String> get = p.get("gp:s");
      Response<String> mset = p.mset("gp:m1", "a", hugeKey, "b");
      Response<String> m1 = p.get("gp:m1");
      Response<Long> hset = p.hset("gp:h", "f", "v");
      p.sync();
      assertEquals("OK", set.get());
      JedisDataException e = org.junit.jupiter.api.Assertions.assertThrows(JedisDataException.class, wrongType::get);
      assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value", e.getMessage());
      assertEquals("1", get.get());
      JedisDataException refused = org.junit.jupiter.api.Assertions.assertThrows(JedisDataException.class, mset::get);
      assertTrue(refused.getMessage().startsWith("ERR "), refused.getMessage());
      assertNull(m1.get(), "the refused MSET wrote nothing, not even its first key");
      assertEquals(1L, hset.get());
      assertNull(j.get("gp:m1"));
      assertEquals("v", j.hget("gp:h", "f"));
    }
  }

  @Test
  void lettuceAsyncPipeline() throws Exception {
    try (StatefulRedisConnection<String, String> c = server.lettuce()) {
      RedisAsyncCommands<String, String> a = c.async();
      c.setAutoFlushCommands(false);
      List<RedisFuture<String>> sets = new ArrayList<>();
      List<RedisFuture<String>> gets = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        sets.add(a.set("lp:" + i, Integer.toString(i * 7)));
      }
      for (int i = 999; i >= 0; i--) {
        gets.add(a.get("lp:" + i));
      }
      c.flushCommands();
      c.setAutoFlushCommands(true);
      for (RedisFuture<String> f : sets) {
        assertEquals("OK", f.get(30, TimeUnit.SECONDS));
      }
      for (int i = 0; i < 1000; i++) {
        assertEquals(Integer.toString((999 - i) * 7), gets.get(i).get(30, TimeUnit.SECONDS));
      }
    }
  }

  /** More requests in flight than the connection queues before it stops reading: all answered, in order. */
  @Test
  void longRawPipelineIsAnsweredInOrder() throws Exception {
    int n = RespConnection.HIGH_WATER * 5;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i % 3 == 0 ? RawResp.encode("SET", "raw:" + i, "x" + i) : RawResp.encode("ECHO", "e" + i));
    }
    try (RawResp r = new RawResp(server.port())) {
      // Write from another thread: the server may stop reading while our replies pile up unread.
      ExecutorService writer = Executors.newSingleThreadExecutor();
      try {
        Future<?> sent = writer.submit(() -> {
          r.send(b.toString());
          return null;
        });
        for (int i = 0; i < n; i++) {
          String expected = i % 3 == 0 ? "+OK\r\n" : "$" + ("e" + i).length() + "\r\ne" + i + "\r\n";
          assertEquals(expected, r.reply(), "reply " + i);
        }
        sent.get(30, TimeUnit.SECONDS);
      } finally {
        writer.shutdownNow();
      }
      assertEquals("$5\r\nx3000\r\n", r.call("GET", "raw:3000"));
    }
  }

  /** The same with requests that all run on the event loop: reading resumes once they are answered. */
  @Test
  void longPipelineOfInlineRequests() throws Exception {
    int n = RespConnection.HIGH_WATER * 3;
    String ping = RawResp.encode("PING");
    try (RawResp r = new RawResp(server.port())) {
      ExecutorService writer = Executors.newSingleThreadExecutor();
      try {
        Future<?> sent = writer.submit(() -> {
          r.send(ping.repeat(n));
          return null;
        });
        for (int i = 0; i < n; i++) {
          assertEquals("+PONG\r\n", r.reply(), "reply " + i);
        }
        sent.get(30, TimeUnit.SECONDS);
      } finally {
        writer.shutdownNow();
      }
      assertEquals("$2\r\nok\r\n", r.call("ECHO", "ok"));
    }
  }

  @Test
  void manyConnectionsAtOnce() throws Exception {
    int clients = 40;
    int each = 50;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int id = c;
        done.add(pool.submit(() -> {
          try (Jedis j = server.jedis()) {
            for (int i = 0; i < each; i++) {
              assertEquals("OK", j.set("mc:" + id + ":" + i, id + "/" + i));
              assertEquals(id + "/" + i, j.get("mc:" + id + ":" + i));
            }
          }
          return each;
        }));
      }
      int total = 0;
      for (Future<Integer> f : done) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertEquals(clients * each, total);
    } finally {
      pool.shutdownNow();
    }
    try (Jedis j = server.jedis()) {
      assertEquals("7/13", j.get("mc:7:13"));
      String info = j.info("keyspace");
      assertInstanceOf(String.class, info);
      assertTrue(Long.parseLong(info.replaceAll("(?s).*db0:keys=(\\d+),.*", "$1")) >= clients * each, info);
    }
  }
}
