package io.nokv.txn;

import static io.nokv.txn.TxnTestSupport.b;
import static io.nokv.txn.TxnTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.txn.rpc.KvPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxnClientTest {
  @TempDir Path dir;
  TxnClient client;

  @BeforeEach
  void open() {
    client = TxnClient.open(dir);
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static List<String> keys(List<KvPair> pairs) {
    List<String> out = new ArrayList<>();
    for (KvPair p : pairs) {
      out.add(s(p.key()) + "=" + s(p.value()));
    }
    return out;
  }

  @Test
  void committedWritesAreVisibleToLaterTransactions() {
    try (Txn t = client.begin()) {
      t.put(b("a"), b("1"));
      t.put(b("b"), b("2"));
      long commitTs = t.commit();
      assertTrue(commitTs > t.startTs());
    }
    try (Txn t = client.begin()) {
      assertEquals("1", s(t.get(b("a"))));
      assertEquals("2", s(t.get(b("b"))));
      assertNull(t.get(b("c")));
    }
  }

  @Test
  void readsSeeOwnWritesAndScanMergesTheBuffer() {
    client.run(t -> {
      for (String k : List.of("a", "c", "e", "g")) {
        t.put(b(k), b("old-" + k));
      }
      return null;
    });
    try (Txn t = client.begin()) {
      t.put(b("b"), b("new-b"));
      t.delete(b("c"));
      t.put(b("e"), b("new-e"));
      t.lockKeys(b("g"), b("h"));
      assertEquals("new-b", s(t.get(b("b"))));
      assertNull(t.get(b("c")));
      assertEquals("old-g", s(t.get(b("g"))));
      assertEquals(
          List.of("a=old-a", "b=new-b", "e=new-e", "g=old-g"), keys(t.scan(null, null, 100)));
      assertEquals(List.of("g=old-g", "e=new-e", "b=new-b", "a=old-a"), keys(t.reverseScan(null, null, 100)));
      assertEquals(List.of("b=new-b", "e=new-e"), keys(t.scan(b("b"), b("g"), 100)));
      assertEquals(List.of("e=new-e", "b=new-b"), keys(t.reverseScan(b("b"), b("g"), 2)));
      assertEquals(List.of("a=old-a"), keys(t.scan(null, null, 1)));
    }
  }

  @Test
  void scansCrossManyFetchBatches() {
    client.close();
    client = TxnClient.open(dir, new TxnClientOptions().setScanBatchSize(7));
    client.run(t -> {
      for (int i = 0; i < 100; i++) {
        t.put(b(String.format("k%03d", i)), b("v" + i));
      }
      return null;
    });
    try (Txn t = client.begin()) {
      List<KvPair> all = t.scan(null, null, 1000);
      assertEquals(100, all.size());
      assertEquals("k000", s(all.get(0).key()));
      List<KvPair> rev = t.reverseScan(b("k010"), b("k090"), 1000);
      assertEquals(80, rev.size());
      assertEquals("k089", s(rev.get(0).key()));
      assertEquals("k010", s(rev.get(79).key()));
    }
  }

  @Test
  void snapshotDoesNotSeeLaterCommits() {
    client.run(t -> {
      t.put(b("x"), b("1"));
      return null;
    });
    try (Txn reader = client.begin()) {
      client.run(t -> {
        t.put(b("x"), b("2"));
        t.put(b("y"), b("2"));
        return null;
      });
      assertEquals("1", s(reader.get(b("x"))));
      assertNull(reader.get(b("y")));
      assertEquals(1, reader.scan(null, null, 10).size());
    }
  }

  @Test
  void firstCommitterWins() {
    Txn t1 = client.begin();
    Txn t2 = client.begin();
    t1.put(b("k"), b("t1"));
    t2.put(b("k"), b("t2"));
    t1.commit();
    WriteConflictException e = assertThrows(WriteConflictException.class, t2::commit);
    assertTrue(e.isRetryable());
    try (Txn t = client.begin()) {
      assertEquals("t1", s(t.get(b("k"))));
    }
  }

  @Test
  void insertFailsWhenTheKeyExists() {
    client.run(t -> {
      t.insert(b("u"), b("1"));
      return null;
    });
    Txn t = client.begin();
    t.insert(b("u"), b("2"));
    assertThrows(KeyExistsException.class, t::commit);
    try (Txn t2 = client.begin()) {
      t2.put(b("v"), b("1"));
      assertThrows(KeyExistsException.class, () -> t2.insert(b("v"), b("2")));
      t2.delete(b("u"));
      t2.insert(b("u"), b("3")); // deleted in this transaction: inserting is fine
      t2.commit();
    }
    try (Txn t3 = client.begin()) {
      assertEquals("3", s(t3.get(b("u"))));
    }
  }

  @Test
  void lockKeysMakesAConcurrentWriterConflict() {
    client.run(t -> {
      t.put(b("balance"), b("100"));
      return null;
    });
    Txn reader = client.begin();
    reader.get(b("balance"));
    reader.lockKeys(b("balance"));
    reader.put(b("audit"), b("seen 100"));
    Txn writer = client.begin();
    writer.put(b("balance"), b("0"));
    writer.commit();
    assertThrows(WriteConflictException.class, reader::commit);
  }

  @Test
  void runRetriesConflictsAndReturnsTheResult() {
    AtomicInteger attempts = new AtomicInteger();
    String result =
        client.run(t -> {
          byte[] v = t.get(b("c"));
          if (attempts.incrementAndGet() == 1) {
            // Another transaction commits the same key meanwhile: this attempt must fail and rerun.
            client.run(o -> {
              o.put(b("c"), b("other"));
              return null;
            });
          }
          t.put(b("c"), b("mine"));
          return v == null ? "none" : s(v);
        });
    assertEquals(2, attempts.get());
    assertEquals("other", result);
  }

  @Test
  void largeValuesRoundTrip() {
    byte[] big = new byte[300_000];
    new java.util.Random(1).nextBytes(big);
    byte[] mid = new byte[600];
    client.run(t -> {
      t.put(b("big"), big);
      t.put(b("mid"), mid);
      return null;
    });
    try (Txn t = client.begin()) {
      assertArrayEquals(big, t.get(b("big")));
      assertArrayEquals(mid, t.get(b("mid")));
    }
  }

  @Test
  void keysWithZeroBytesKeepTheirOrder() {
    byte[][] ks = {{1}, {1, 0}, {1, 0, 0}, {1, 0, 1}, {1, 1}, {1, (byte) 0xFF}, {2}};
    client.run(t -> {
      for (byte[] k : ks) {
        t.put(k, k);
      }
      return null;
    });
    try (Txn t = client.begin()) {
      List<KvPair> all = t.scan(null, null, 100);
      assertEquals(ks.length, all.size());
      for (int i = 0; i < ks.length; i++) {
        assertArrayEquals(ks[i], all.get(i).key());
        assertArrayEquals(ks[i], all.get(i).value());
      }
    }
  }

  @Test
  void badArgumentsAreRejected() {
    try (Txn t = client.begin()) {
      assertThrows(IllegalArgumentException.class, () -> t.put(new byte[0], b("v")));
      assertThrows(IllegalArgumentException.class, () -> t.put(b("k"), null));
      assertThrows(IllegalArgumentException.class, () -> t.get(new byte[TxnLimits.MAX_KEY_BYTES + 1]));
      t.commit();
      assertThrows(IllegalStateException.class, () -> t.get(b("k")));
    }
  }

  @Test
  void rawClientIsSeparateFromTransactions() {
    RawKvClient raw = client.raw();
    raw.put(b("r1"), b("v1"));
    raw.batchPut(List.of(new KvPair(b("r2"), b("v2")), new KvPair(b("r3"), b("v3"))));
    assertEquals("v1", s(raw.get(b("r1"))));
    assertEquals(3, raw.scan(null, null, 10).size());
    assertEquals(2, raw.scan(b("r2"), null, 10).size());
    raw.delete(b("r1"));
    assertNull(raw.get(b("r1")));
    try (Txn t = client.begin()) {
      assertNull(t.get(b("r2")));
    }
    raw.deleteRange(null, null);
    assertEquals(0, raw.scan(null, null, 10).size());
  }

  @Test
  void dataSurvivesReopen() {
    client.run(t -> {
      t.put(b("p"), b("persisted"));
      return null;
    });
    long before = client.currentTimestamp();
    client.close();
    client = TxnClient.open(dir);
    assertTrue(client.currentTimestamp() > before);
    try (Txn t = client.begin()) {
      assertEquals("persisted", s(t.get(b("p"))));
    }
  }
}
