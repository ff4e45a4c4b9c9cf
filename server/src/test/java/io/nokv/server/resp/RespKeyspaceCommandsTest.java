package io.nokv.server.resp;

import static io.nokv.server.resp.RespTestData.error;
import static io.nokv.server.resp.RespTestData.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** SCAN, KEYS, DBSIZE, FLUSHALL and FLUSHDB through Jedis; every test starts from an empty keyspace. */
class RespKeyspaceCommandsTest {
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
  void connectAndEmpty() {
    j = server.jedis();
    j.flushAll();
    assertEquals(0, j.dbSize());
  }

  @AfterEach
  void disconnect() {
    j.close();
  }

  private static TxnClient client() {
    return server.gateway().client();
  }

  /** A string that is stored but already expired (as if the reclaimer had not run yet). */
  private static void putExpired(String key) {
    client().run(txn -> {
      new Keyspace(txn, System.currentTimeMillis(), client()::currentTimestamp).putMeta(RespTestData.bytes(key), KeyMeta.string(RespTestData.bytes("old")).withExpireAt(1));
      return null;
    });
  }

  private static String[] keyValues(String prefix, int n) {
    String[] kv = new String[2 * n];
    for (int i = 0; i < n; i++) {
      kv[2 * i] = prefix + i;
      kv[2 * i + 1] = "v" + i;
    }
    return kv;
  }

  @Test
  void scanReturnsEachKeyExactlyOnce() {
    j.mset(keyValues("k", 1000));
    List<String> seen = new ArrayList<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    int calls = 0;
    do {
      ScanResult<String> r = j.scan(cursor, new ScanParams().count(100));
      assertTrue(r.getResult().size() <= 100, "COUNT bounds the keys examined");
      seen.addAll(r.getResult());
      cursor = r.getCursor();
      calls++;
    } while (!cursor.equals("0"));
    assertEquals(1000, seen.size());
    assertEquals(1000, new HashSet<>(seen).size(), "no key twice");
    assertTrue(calls >= 10 && calls <= 11, calls + " calls");
    List<String> sorted = new ArrayList<>(new TreeSet<>(seen));
    assertEquals(sorted, seen, "keys come in key order");
  }

  @Test
  void scanReturnsKeysPresentThroughoutDespiteChanges() {
    j.mset(keyValues("stable", 300));
    j.mset(keyValues("doomed", 100));
    Set<String> seen = new HashSet<>();
    String cursor = "0";
    int round = 0;
    do {
      ScanResult<String> r = j.scan(cursor, new ScanParams().count(50));
      seen.addAll(r.getResult());
      cursor = r.getCursor();
      j.del("doomed" + round);
      j.set("added" + round, "x");
      round++;
    } while (!cursor.equals("0"));
    for (int i = 0; i < 300; i++) {
      assertTrue(seen.contains("stable" + i), "stable" + i + " was present for the whole scan");
    }
  }

  @Test
  void scanMatchTypeAndExpired() {
    j.mset("user:1", "a", "user:2", "b", "item:1", "c");
    RespTestData.putCollection(client(), "user:h", RedisType.HASH, 2);
    RespTestData.putCollection(client(), "item:s", RedisType.SET, 2);
    putExpired("user:gone");
    assertEquals(Set.of("user:1", "user:2", "user:h"), scanAll(new ScanParams().match("user:*")));
    assertEquals(Set.of("user:h"), scanAll(new ScanParams().match("user:*"), "hash"));
    assertEquals(Set.of("item:s"), scanAll(new ScanParams(), "SET"));
    assertEquals(Set.of("user:1", "user:2", "item:1"), scanAll(new ScanParams(), "string"));
    assertEquals(Set.of(), scanAll(new ScanParams(), "nosuchtype"), "an unknown TYPE matches nothing, as in Redis");
    assertEquals(Set.of("user:1", "user:2", "item:1", "user:h", "item:s"), scanAll(new ScanParams().count(1)));
    // COUNT counts keys examined, MATCH filters afterwards: a call may answer nothing and a cursor
    ScanResult<String> first = j.scan("0", new ScanParams().match("zzz*").count(2));
    assertTrue(first.getResult().isEmpty());
    assertNotEquals("0", first.getCursor());
  }

  private Set<String> scanAll(ScanParams params) {
    return scanAll(params, null);
  }

  private Set<String> scanAll(ScanParams params, String type) {
    Set<String> out = new HashSet<>();
    String cursor = "0";
    do {
      ScanResult<String> r = type == null ? j.scan(cursor, params) : j.scan(cursor, params, type);
      assertTrue(out.addAll(r.getResult()) || r.getResult().isEmpty(), "no duplicates");
      cursor = r.getCursor();
    } while (!cursor.equals("0"));
    return out;
  }

  @Test
  void scanErrors() {
    assertEquals("ERR invalid cursor", error(j, "SCAN", "abc"));
    assertTrue(error(j, "SCAN", "123456789").startsWith("ERR invalid cursor"));
    assertEquals("ERR syntax error", error(j, "SCAN", "0", "COUNT", "0"));
    assertEquals("ERR value is not an integer or out of range", error(j, "SCAN", "0", "COUNT", "abc"));
    assertEquals("ERR syntax error", error(j, "SCAN", "0", "MATCH"));
    assertEquals("ERR syntax error", error(j, "SCAN", "0", "FOO", "bar"));
    assertEquals("ERR wrong number of arguments for 'scan' command", error(j, "SCAN"));
  }

  @Test
  void keysByPattern() {
    j.mset("ka", "1", "kb", "2", "kab", "3", "other", "4", "k*", "5");
    RespTestData.putCollection(client(), "kh", RedisType.HASH, 1);
    putExpired("kgone");
    assertEquals(Set.of("ka", "kb", "kab", "kh", "k*"), j.keys("k*"));
    assertEquals(Set.of("ka", "kb", "kh", "k*"), j.keys("k?"));
    assertEquals(Set.of("ka", "kb"), j.keys("k[ab]"));
    assertEquals(Set.of("k*"), j.keys("k\\*"));
    assertEquals(Set.of("kab"), j.keys("*ab"));
    assertEquals(6, j.keys("*").size());
    assertEquals(Set.of(), j.keys("nothing*"));
    assertEquals("ERR wrong number of arguments for 'keys' command", error(j, "KEYS"));
  }

  @Test
  void dbsizeCountsLiveKeys() {
    j.mset(keyValues("d", 20));
    RespTestData.putCollection(client(), "dh", RedisType.ZSET, 5);
    putExpired("dgone");
    assertEquals(21, j.dbSize());
    assertEquals("ERR wrong number of arguments for 'dbsize' command", error(j, "DBSIZE", "x"));
  }

  @Test
  void flushallDeletesEverythingInBatches() {
    j.mset(keyValues("f", 1500)); // more than one FLUSHALL batch
    j.expire("f7", 100);
    RespTestData.putCollection(client(), "fh", RedisType.HASH, 10);
    long version = RespTestData.storedMeta(client(), "fh").version();
    assertEquals("OK", j.flushAll());
    assertEquals(0, j.dbSize());
    assertEquals(0, RespTestData.count(client(), RespKeys.metaStart(), RespKeys.metaEnd()), "no metadata left");
    assertEquals(0, RespTestData.count(client(), RespKeys.expiryStart(), RespKeys.expiryEndAt(Long.MAX_VALUE - 1)),
        "no expiry index entries left");
    // the hash's members were queued for reclaim
    Reclaimer r = new Reclaimer(client(), server.gateway().stats());
    Await.until(Duration.ofSeconds(20), "the flushed hash reclaimed", () -> {
      r.runOnce();
      return RespTestData.memberKeys(client(), "fh", RedisType.HASH, version) == 0
          && RespTestData.count(client(), RespKeys.garbageStart(), RespKeys.garbageEnd()) == 0;
    });
  }

  @Test
  void flushOptionsAndFlushdb() {
    j.set("a", "1");
    assertEquals("OK", raw(j, "FLUSHALL", "ASYNC"));
    assertFalse(j.exists("a"));
    j.set("a", "1");
    assertEquals("OK", raw(j, "FLUSHALL", "sync"));
    assertFalse(j.exists("a"));
    j.set("a", "1");
    assertEquals("OK", j.flushDB());
    assertFalse(j.exists("a"));
    j.set("a", "1");
    assertEquals("OK", raw(j, "FLUSHDB", "ASYNC"));
    assertFalse(j.exists("a"));
    j.set("a", "1");
    assertEquals("ERR syntax error", error(j, "FLUSHALL", "FOO"));
    assertEquals("ERR syntax error", error(j, "FLUSHALL", "SYNC", "ASYNC"));
    assertEquals("ERR syntax error", error(j, "FLUSHDB", "LATER"));
    assertTrue(j.exists("a"), "a refused FLUSHALL deletes nothing");
  }

  @Test
  void flushallInsideMultiIsPartOfTheTransaction() {
    j.set("before", "1");
    Transaction t = j.multi();
    t.set("queued-before", "1");
    t.sendCommand(redis.clients.jedis.Protocol.Command.FLUSHALL, new String[0]);
    t.set("queued-after", "1");
    List<Object> replies = t.exec();
    assertEquals(3, replies.size());
    assertFalse(j.exists("before"));
    assertFalse(j.exists("queued-before"), "FLUSHALL sees the EXEC's earlier writes");
    assertTrue(j.exists("queued-after"));
    assertEquals(1, j.dbSize());
  }
}
