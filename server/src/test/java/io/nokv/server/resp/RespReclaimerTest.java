package io.nokv.server.resp;

import static io.nokv.server.resp.RespTestData.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.server.Await;
import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.Keyspace;
import io.nokv.server.resp.store.Reclaimer;
import io.nokv.server.resp.store.RedisType;
import io.nokv.server.resp.store.RespKeys;
import io.nokv.txn.TxnClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * Expiry and reclaim: the background {@link Reclaimer} physically deletes expired keys and the
 * members of deleted collections, and a restart keeps strings and their expiry.
 */
class RespReclaimerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir Path dir;

  private static int expiryEntries(TxnClient client) {
    return RespTestData.count(client, RespKeys.expiryStart(), RespKeys.expiryEndAt(Long.MAX_VALUE - 1));
  }

  private static int queued(TxnClient client) {
    return RespTestData.count(client, RespKeys.garbageStart(), RespKeys.garbageEnd());
  }

  /**
   * Runs rounds until {@code done} holds. Assertions are on the stored state and the shared
   * counters, not on one round's result, so they hold if the gateway runs a reclaimer of its own.
   */
  private static void reclaimUntil(Reclaimer r, String what, BooleanSupplier done) {
    Await.until(WAIT, what, () -> {
      r.runOnce();
      return done.getAsBoolean();
    });
  }

  @Test
  void expiredKeysAreDeletedInTheBackground() {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis()) {
      TxnClient client = s.gateway().client();
      RespStats stats = s.gateway().stats();
      j.set("a", "v", SetParams.setParams().px(30));
      RespTestData.putCollection(client, "h", RedisType.HASH, 100);
      long version = RespTestData.storedMeta(client, "h").version();
      j.pexpire("h", 30);
      j.set("keep", "v", SetParams.setParams().ex(1000));
      try (Reclaimer r = new Reclaimer(client, stats, Duration.ofMillis(10)).start()) {
        assertTrue(r.isRunning());
        Await.until(WAIT, "expired keys deleted", () -> RespTestData.storedMeta(client, "a") == null
            && RespTestData.storedMeta(client, "h") == null && expiryEntries(client) == 1);
        Await.until(WAIT, "the expired hash's members deleted",
            () -> RespTestData.memberKeys(client, "h", RedisType.HASH, version) == 0 && queued(client) == 0);
      }
      awaitCount(2, stats.expiredKeys, "reclaim counter");
      awaitCount(100, stats.reclaimedMembers, "reclaim counter");
      assertEquals("v", j.get("keep"));
      assertTrue(j.ttl("keep") > 990);
    }
  }

  @Test
  void deletingABigCollectionIsFastAndItsMembersGoLater() {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis()) {
      TxnClient client = s.gateway().client();
      RespTestData.putCollection(client, "big", RedisType.HASH, 10_000);
      RespTestData.putCollection(client, "bigz", RedisType.ZSET, 1_000);
      long version = RespTestData.storedMeta(client, "big").version();
      long zversion = RespTestData.storedMeta(client, "bigz").version();
      long t0 = System.nanoTime();
      assertEquals(2, j.del("big", "bigz"));
      long delMillis = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(delMillis < 1000, "DEL took " + delMillis + " ms");
      // Deleting 10,000 members takes a reclaimer 20 transactions: right after DEL they are
      // (nearly) all there, even if the gateway runs a reclaimer of its own
      assertTrue(RespTestData.memberKeys(client, "big", RedisType.HASH, version) > 0,
          "DEL only dropped the metadata: the members wait for the reclaimer");
      try (Reclaimer r = new Reclaimer(client, s.gateway().stats(), Duration.ofMillis(10)).start()) {
        Await.until(WAIT, "the deleted collections' members reclaimed",
            () -> RespTestData.memberKeys(client, "big", RedisType.HASH, version) == 0
                && RespTestData.memberKeys(client, "bigz", RedisType.ZSET, zversion) == 0 && queued(client) == 0);
      }
      awaitCount(12_000, s.gateway().stats().reclaimedMembers, "10,000 fields, 1,000 members with their score index");
    }
  }

  @Test
  void overwrittenCollectionIsReclaimedButNotTheNewValue() {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis()) {
      TxnClient client = s.gateway().client();
      RespTestData.putCollection(client, "k", RedisType.SET, 700); // more than one transaction's budget
      long old = RespTestData.storedMeta(client, "k").version();
      RespTestData.putCollection(client, "k", RedisType.SET, 3); // replaces it under a new version
      long current = RespTestData.storedMeta(client, "k").version();
      Reclaimer r = new Reclaimer(client, s.gateway().stats());
      reclaimUntil(r, "the old set's members reclaimed", () -> queued(client) == 0);
      awaitCount(700, s.gateway().stats().reclaimedMembers, "reclaim counter");
      assertEquals(0, RespTestData.memberKeys(client, "k", RedisType.SET, old));
      assertEquals(3, RespTestData.memberKeys(client, "k", RedisType.SET, current));
      assertEquals("set", j.type("k"));
    }
  }

  @Test
  void aQueueEntryForTheLiveVersionOnlyDropsTheEntry() {
    try (RespTestServer s = new RespTestServer(dir)) {
      TxnClient client = s.gateway().client();
      RespTestData.putCollection(client, "live", RedisType.LIST, 5);
      long version = RespTestData.storedMeta(client, "live").version();
      client.run(txn -> {
        txn.put(RespKeys.garbage(version, bytes("live")), new byte[] {RedisType.LIST.code});
        return null;
      });
      reclaimUntil(new Reclaimer(client, s.gateway().stats()), "the entry dropped", () -> queued(client) == 0);
      assertEquals(0, s.gateway().stats().reclaimedMembers.sum());
      assertEquals(5, RespTestData.memberKeys(client, "live", RedisType.LIST, version));
    }
  }

  @Test
  void staleExpiryEntriesAreDroppedAndLiveKeysKept() {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis()) {
      TxnClient client = s.gateway().client();
      j.set("moved", "v", SetParams.setParams().ex(1000));
      client.run(txn -> {
        txn.put(RespKeys.expiry(1, bytes("ghost")), new byte[0]); // no such key
        txn.put(RespKeys.expiry(2, bytes("moved")), new byte[0]); // the key's expiry is another
        return null;
      });
      Reclaimer r = new Reclaimer(client, s.gateway().stats());
      reclaimUntil(r, "only the live key's own entry left", () -> expiryEntries(client) == 1);
      assertEquals(0, s.gateway().stats().expiredKeys.sum());
      assertEquals("v", j.get("moved"));
    }
  }

  @Test
  void anUnreadableQueueEntryDoesNotStopTheOthers() {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis()) {
      TxnClient client = s.gateway().client();
      client.run(txn -> {
        txn.put(RespKeys.garbage(1, bytes("a-poison")), new byte[] {99}); // sorts first: version 1
        return null;
      });
      RespTestData.putCollection(client, "z", RedisType.HASH, 10);
      long version = RespTestData.storedMeta(client, "z").version();
      j.del("z");
      reclaimUntil(new Reclaimer(client, s.gateway().stats()), "the readable entry reclaimed",
          () -> RespTestData.memberKeys(client, "z", RedisType.HASH, version) == 0 && queued(client) == 1);
      awaitCount(10, s.gateway().stats().reclaimedMembers, "reclaim counter");
      assertTrue(RespTestData.stored(client, RespKeys.garbage(1, bytes("a-poison"))), "the unreadable entry stays for inspection");
    }
  }

  @Test
  void expiredCollectionOverwrittenBeforeReclaimKeepsTheNewValue() {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis()) {
      TxnClient client = s.gateway().client();
      RespTestData.putCollection(client, "c", RedisType.HASH, 4);
      long old = RespTestData.storedMeta(client, "c").version();
      client.run(txn -> {
        Keyspace ks = new Keyspace(txn, System.currentTimeMillis(), client::currentTimestamp);
        ks.putMeta(bytes("c"), ks.storedMeta(bytes("c")).withExpireAt(1)); // expired, still stored
        return null;
      });
      assertEquals("none", j.type("c"));
      j.set("c", "new");
      reclaimUntil(new Reclaimer(client, s.gateway().stats()), "the old hash reclaimed", () -> queued(client) == 0);
      awaitCount(4, s.gateway().stats().reclaimedMembers, "reclaim counter");
      assertEquals(0, RespTestData.memberKeys(client, "c", RedisType.HASH, old));
      assertEquals("new", j.get("c"));
      assertEquals(0, expiryEntries(client));
    }
  }

  @Test
  void closeStopsTheThreadAndStartIsOnce() {
    try (RespTestServer s = new RespTestServer(dir)) {
      Reclaimer r = new Reclaimer(s.gateway().client(), s.gateway().stats(), Duration.ofMillis(5)).start();
      assertTrue(r.isRunning());
      assertThrows(IllegalStateException.class, r::start);
      r.close();
      assertFalse(r.isRunning(), "close waits for the thread");
      r.close();
      assertThrows(IllegalArgumentException.class, () -> new Reclaimer(s.gateway().client(), s.gateway().stats(), Duration.ZERO));
    }
  }

  @Test
  void restartKeepsStringsAndTheirExpiry() {
    try (RespTestServer s = new RespTestServer(dir)) {
      try (Jedis j = s.jedis()) {
        j.set("plain", "1");
        j.set("timed", "2", SetParams.setParams().ex(1000));
        j.set("counter", "41");
        j.incr("counter");
        j.set("gone", "3", SetParams.setParams().px(1));
        RespTestData.putCollection(s.gateway().client(), "h", RedisType.HASH, 3);
        j.expire("h", 2000);
      }
      s.restart();
      try (Jedis j = s.jedis()) {
        assertEquals("1", j.get("plain"));
        assertEquals(-1, j.ttl("plain"));
        assertEquals("2", j.get("timed"));
        assertTrue(j.ttl("timed") > 990 && j.ttl("timed") <= 1000, "ttl " + j.ttl("timed"));
        assertEquals("42", j.get("counter"));
        assertNull(j.get("gone"));
        assertEquals("hash", j.type("h"));
        assertTrue(j.ttl("h") > 1990);
        KeyMeta h = RespTestData.storedMeta(s.gateway().client(), "h");
        assertNotNull(h);
        assertEquals(3, RespTestData.memberKeys(s.gateway().client(), "h", RedisType.HASH, h.version()));
      }
    }
  }

  /**
   * Waits until {@code counter} reaches {@code expected}: the gateway runs a reclaimer of its own
   * beside the test's, and a reclaimer adds to the counters after its transactions commit, so the
   * counter may trail the state the test just saw. Fails if it never gets there (or passes it).
   */
  private static void awaitCount(long expected, java.util.concurrent.atomic.LongAdder counter, String what) {
    Await.until(WAIT, what + " = " + expected + " (now " + counter.sum() + ")", () -> counter.sum() >= expected);
    assertEquals(expected, counter.sum(), what);
  }
}
