package io.nokv.txn.actions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.format.Bytes;
import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.Timestamps;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.KvPair;
import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.rpc.Mutation;
import io.nokv.txn.rpc.ScanResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Snapshot range reads, forward and reverse. A scan that loops fails by the timeout rather than hanging the build. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MvccScanTest extends ActionTestHarness {
  private static final int ALL = 10_000; // "everything", yet finite should a scan loop

  private void commit(Mutation m, long startTs, long commitTs) {
    mustPrewrite(List.of(m), m.key(), startTs);
    mustCommit(m.key(), startTs, commitTs);
  }

  private void commitPut(String key, String value, long startTs, long commitTs) {
    commit(Mutation.put(k(key), k(value)), startTs, commitTs);
  }

  private void putAll(long startTs, long commitTs, String... keys) {
    for (String key : keys) {
      commitPut(key, key.toUpperCase(), startTs, commitTs);
    }
  }

  private List<String> scanKeys(String start, String end, int limit, long ts, boolean reverse) {
    ScanResponse r = scan(start == null ? null : k(start), end == null ? null : k(end), limit, ts, reverse);
    assertNull(r.error(), () -> r.error().message());
    for (KvPair p : r.pairs()) {
      assertArrayEquals(k(new String(p.key()).toUpperCase()), p.value());
    }
    return keysOf(r.pairs());
  }

  @Test
  void forwardAndReverseOverTheWholeKeyspace() {
    putAll(10, 20, "c", "a", "e", "b", "d");

    assertEquals(List.of("a", "b", "c", "d", "e"), scanKeys(null, null, ALL, 30, false));
    assertEquals(List.of("e", "d", "c", "b", "a"), scanKeys(null, null, ALL, 30, true));
    assertEquals(List.of(), scanKeys(null, null, ALL, 19, false));
  }

  @Test
  void limitStopsEarlyInBothDirections() {
    putAll(10, 20, "a", "b", "c", "d", "e");

    assertEquals(List.of("a", "b"), scanKeys(null, null, 2, 30, false));
    assertEquals(List.of("e", "d", "c"), scanKeys(null, null, 3, 30, true));
    assertEquals(List.of(), scanKeys(null, null, 0, 30, false));
  }

  @Test
  void boundsAreStartInclusiveEndExclusive() {
    putAll(10, 20, "a", "b", "c", "d", "e");

    assertEquals(List.of("b", "c"), scanKeys("b", "d", ALL, 30, false));
    assertEquals(List.of("c", "b"), scanKeys("b", "d", ALL, 30, true));
    assertEquals(List.of("c", "d", "e"), scanKeys("bb", null, ALL, 30, false));
    assertEquals(List.of("b", "a"), scanKeys(null, "c", ALL, 30, true));
    assertEquals(List.of("a", "b"), scanKeys(null, "bb", ALL, 30, false));
    assertEquals(List.of("e", "d"), scanKeys("d", null, ALL, 30, true));
    assertEquals(List.of(), scanKeys("c", "c", ALL, 30, false));
    assertEquals(List.of(), scanKeys("d", "b", ALL, 30, true));
    assertEquals(List.of(), scanKeys("f", null, ALL, 30, false));
    assertEquals(List.of(), scanKeys(null, "a", ALL, 30, true));
  }

  @Test
  void prefixKeysAndZeroAndFfBytesComeBackInUnsignedOrder() {
    List<byte[]> keys =
        List.of(
            new byte[0], bytes(0), bytes(0, 0), bytes(0, 0xFF), bytes(1), bytes('a'), bytes('a', 0),
            bytes('a', 0, 0), bytes('a', 0, 1), bytes('a', 0, 0xFF), bytes('a', 1), bytes('a', 'b'),
            bytes('a', 0x7F), bytes('a', 0x80), bytes('a', 0xFF), bytes('a', 0xFF, 0), bytes('a', 0xFF, 0xFF),
            bytes(0x80), bytes(0xFF), bytes(0xFF, 0), bytes(0xFF, 0xFF, 0xFF));
    TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.COMPARATOR);
    long ts = 10;
    for (int round = 0; round < 2; round++) {
      for (byte[] key : keys) {
        byte[] v = round == 0 ? key.clone() : value(key.length * 100 + 300, key.length); // short, then long
        commit(Mutation.put(key, v), ts, ts + 1);
        model.put(key, v);
        ts += 2;
      }
    }

    assertScan(model, null, null, false, scan(null, null, ALL, ts, false));
    assertScan(model, null, null, true, scan(null, null, ALL, ts, true));
    byte[][] bounds = {bytes('a'), bytes('a', 0), bytes('a', 0, 0), bytes('a', 1), bytes('a', 0xFF), bytes(0xFF)};
    for (byte[] lo : bounds) {
      for (byte[] hi : bounds) {
        for (boolean reverse : new boolean[] {false, true}) {
          assertScan(model, lo, hi, reverse, scan(lo, hi, ALL, ts, reverse));
        }
      }
      assertScan(model, lo, null, false, scan(lo, null, ALL, ts, false));
      assertScan(model, null, lo, true, scan(null, lo, ALL, ts, true));
    }
  }

  private static void assertScan(
      TreeMap<byte[], byte[]> model, byte[] start, byte[] end, boolean reverse, ScanResponse actual) {
    assertNull(actual.error());
    List<KvPair> expected = expectedScan(model, start, end, reverse, ALL);
    assertEquals(
        expected.stream().map(p -> show(p.key())).toList(),
        actual.pairs().stream().map(p -> show(p.key())).toList(),
        () -> "scan [" + show(start) + ", " + show(end) + ") reverse=" + reverse);
    for (int i = 0; i < expected.size(); i++) {
      assertBytes(expected.get(i).value(), actual.pairs().get(i).value(), "value of " + show(expected.get(i).key()));
    }
  }

  /** What a scan must return, from a model of the visible values. */
  static List<KvPair> expectedScan(TreeMap<byte[], byte[]> visible, byte[] start, byte[] end, boolean reverse, int limit) {
    List<KvPair> out = new ArrayList<>();
    if (start != null && end != null && Bytes.COMPARATOR.compare(start, end) >= 0) {
      return out;
    }
    NavigableMap<byte[], byte[]> range = visible;
    if (start != null) {
      range = range.tailMap(start, true);
    }
    if (end != null) {
      range = range.headMap(end, false);
    }
    for (Map.Entry<byte[], byte[]> e : (reverse ? range.descendingMap() : range).entrySet()) {
      if (out.size() >= limit) {
        break;
      }
      out.add(new KvPair(e.getKey(), e.getValue()));
    }
    return out;
  }

  @Test
  void eachReadTsSeesItsOwnVersions() {
    commitPut("a", "a1", 10, 20);
    commitPut("b", "b1", 10, 20);
    commitPut("a", "a2", 30, 40);
    commitPut("c", "c1", 30, 40);
    commit(Mutation.delete(k("b")), 50, 60);

    assertEquals(List.of("a=a1", "b=b1"), pairs(scan(null, null, ALL, 39, false)));
    assertEquals(List.of("c=c1", "b=b1", "a=a2"), pairs(scan(null, null, ALL, 59, true)));
    assertEquals(List.of("a=a2", "c=c1"), pairs(scan(null, null, ALL, 60, false)));
    assertEquals(List.of("c=c1", "a=a2"), pairs(scan(null, null, ALL, Timestamps.MAX, true)));
  }

  @Test
  void deletedKeysAreSkippedAndDoNotCountTowardsTheLimit() {
    putAll(10, 20, "a", "b", "c", "d");
    commit(Mutation.delete(k("b")), 30, 40);
    commit(Mutation.delete(k("c")), 30, 40);

    assertEquals(List.of("a", "d"), scanKeys(null, null, 2, 50, false));
    assertEquals(List.of("d", "a"), scanKeys(null, null, 2, 50, true));
  }

  @Test
  void lockAndRollbackRecordsDoNotHideTheValue() {
    commitPut("a", "A", 10, 20);
    commit(Mutation.lock(k("a")), 30, 40);
    mustRollback("a", 45);
    commit(Mutation.lock(k("b")), 30, 40); // a key with only a LOCK record has no value

    assertEquals(List.of("a"), scanKeys(null, null, ALL, 50, false));
    assertEquals(List.of("a"), scanKeys(null, null, ALL, 50, true));
  }

  @Test
  void aBlockingLockStopsTheScanWithThePairsBeforeIt() {
    putAll(10, 20, "a", "b", "c", "d", "e");
    mustPrewritePut("c", "new", "p", 30);

    ScanResponse fwd = scan(null, null, ALL, 40, false);
    ScanResponse rev = scan(null, null, ALL, 40, true);

    assertEquals(List.of("a", "b"), keysOf(fwd.pairs()));
    LockInfo lock = expectError(KeyError.KeyIsLocked.class, fwd.error()).lock();
    assertArrayEquals(k("c"), lock.key());
    assertArrayEquals(k("p"), lock.primary());
    assertEquals(30, lock.startTs());
    assertEquals(List.of("e", "d"), keysOf(rev.pairs()));
    assertArrayEquals(k("c"), expectError(KeyError.KeyIsLocked.class, rev.error()).key());
    // resuming after the lock's key reads the rest
    assertEquals(List.of("d", "e"), scanKeys("c\0", null, ALL, 40, false));
  }

  @Test
  void aBlockingLockOnAKeyWithoutVersionsStopsTheScanToo() {
    putAll(10, 20, "a", "c");
    mustPrewritePut("b", "new", "b", 30);

    ScanResponse r = scan(null, null, ALL, 40, false);

    assertEquals(List.of("a"), keysOf(r.pairs()));
    assertArrayEquals(k("b"), expectError(KeyError.KeyIsLocked.class, r.error()).key());
  }

  @Test
  void aLockAfterTheLimitIsNotReported() {
    putAll(10, 20, "a", "b", "c");
    mustPrewritePut("c", "new", "c", 30);

    ScanResponse r = scan(null, null, 2, 40, false);

    assertNull(r.error());
    assertEquals(List.of("a", "b"), keysOf(r.pairs()));
  }

  @Test
  void nonBlockingLocksAreSkippedWithOrWithoutVersions() {
    putAll(10, 20, "b", "d");
    mustPrewritePut("a", "x", "a", 50); // newer than the read: no versions, skipped
    mustPrewritePut("b", "x", "a", 50); // newer than the read, over a version
    mustPrewriteLock("c", "a", 30); // lock-only
    mustPrewritePut("e", "x", "e", 30); // bypassed below
    mustPrewritePut("f", "x", "f", 40); // starts at the read ts: commits above it

    ScanResponse fwd = store.scan(CTX, null, null, ALL, 40, false, Set.of(30L));
    ScanResponse rev = store.scan(CTX, null, null, ALL, 40, true, Set.of(30L));

    assertNull(fwd.error());
    assertNull(rev.error());
    assertEquals(List.of("b", "d"), keysOf(fwd.pairs()));
    assertEquals(List.of("d", "b"), keysOf(rev.pairs()));
    expectError(KeyError.KeyIsLocked.class, scan(null, null, ALL, 40, false).error());
  }

  @Test
  void longValuesAreReadFromTheDataSpace() {
    byte[] v = value(5000, 3);
    commit(Mutation.put(k("a"), v), 10, 20);
    commit(Mutation.put(k("b"), value(256, 4)), 10, 20);
    store.db().flush();

    ScanResponse r = scan(null, null, ALL, 30, true);

    assertEquals(List.of("b", "a"), keysOf(r.pairs()));
    assertArrayEquals(value(256, 4), r.pairs().get(0).value());
    assertArrayEquals(v, r.pairs().get(1).value());
  }

  private static List<String> pairs(ScanResponse r) {
    assertNull(r.error());
    return r.pairs().stream().map(p -> new String(p.key()) + "=" + new String(p.value())).toList();
  }

  // ---------------------------------------------------------------- model check

  @Test
  void randomHistoryMatchesATreeMapModel() {
    long seed = Long.getLong("nokv.test.seed", System.nanoTime());
    System.out.println("MvccScanTest.randomHistoryMatchesATreeMapModel seed=" + seed + " (-Dnokv.test.seed to replay)");
    checkRandomHistory(seed);
  }

  void checkRandomHistory(long seed) {
    Random rnd = new Random(seed);
    List<byte[]> pool = randomKeys(rnd, 30);
    History h = History.generate(this, rnd, pool, 80);
    // Locks of transactions that start after the history: reads below their start ts pass them (some
    // are on keys without versions), reads above a PUT or DELETE lock stop at it unless they bypass it.
    TreeMap<byte[], Mutation> pendingKind = new TreeMap<>(Bytes.COMPARATOR);
    TreeMap<byte[], Long> pendingTs = new TreeMap<>(Bytes.COMPARATOR);
    for (int i = 1; i <= 5; i++) {
      byte[] key = pool.get(rnd.nextInt(pool.size()));
      Mutation m = switch (rnd.nextInt(3)) {
        case 0 -> Mutation.put(key, k("pending"));
        case 1 -> Mutation.delete(key);
        default -> Mutation.lock(key);
      };
      long startTs = h.lastTs + 100L * i;
      if (prewrite(List.of(m), key, startTs).ok()) {
        pendingKind.put(key, m);
        pendingTs.put(key, startTs);
      }
    }
    long maxTs = h.lastTs + 700;

    for (int q = 0; q < 300; q++) {
      long readTs = rnd.nextLong(maxTs);
      byte[] start = rnd.nextInt(4) == 0 ? null : pick(rnd, pool);
      byte[] end = rnd.nextInt(4) == 0 ? null : pick(rnd, pool);
      int limit = rnd.nextInt(3) == 0 ? ALL : 1 + rnd.nextInt(12);
      boolean reverse = rnd.nextBoolean();
      Set<Long> bypass = new HashSet<>();
      for (long ts : pendingTs.values()) {
        if (rnd.nextInt(4) == 0) {
          bypass.add(ts);
        }
      }
      // The model: visible values, and the keys whose lock stops this read.
      TreeMap<byte[], byte[]> merged = h.visibleAt(readTs);
      for (Map.Entry<byte[], Long> e : pendingTs.entrySet()) {
        boolean blocks = pendingKind.get(e.getKey()).kind() != MutationKind.LOCK
            && e.getValue() < readTs // min_commit_ts = start_ts + 1 <= readTs
            && !bypass.contains(e.getValue());
        if (blocks) {
          merged.put(e.getKey(), BLOCKED);
        }
      }
      List<KvPair> expected = new ArrayList<>();
      byte[] blockedAt = null;
      for (KvPair p : expectedScan(merged, start, end, reverse, ALL)) {
        if (expected.size() >= limit) {
          break;
        }
        if (p.value() == BLOCKED) {
          blockedAt = p.key();
          break;
        }
        expected.add(p);
      }

      ScanResponse actual = store.scan(CTX, start, end, limit, readTs, reverse, bypass);

      String what = "seed " + seed + " query " + q + ": scan [" + show(start) + ", " + show(end) + ") limit " + limit
          + " at " + readTs + (reverse ? " reverse" : "") + " bypassing " + bypass;
      assertEquals(
          expected.stream().map(p -> show(p.key())).toList(), actual.pairs().stream().map(p -> show(p.key())).toList(), what);
      for (int i = 0; i < expected.size(); i++) {
        assertBytes(expected.get(i).value(), actual.pairs().get(i).value(), what + " value " + i);
      }
      if (blockedAt == null) {
        assertNull(actual.error(), what);
      } else {
        LockInfo lock = expectError(KeyError.KeyIsLocked.class, actual.error()).lock();
        assertEquals(show(blockedAt), show(lock.key()), what);
        assertEquals(pendingTs.get(blockedAt), lock.startTs(), what);
      }
    }
    for (byte[] key : pool) {
      for (long ts = 0; ts <= h.lastTs; ts += 7) {
        mustGet(key, ts, h.visibleAt(ts).get(key));
      }
    }
  }

  /** Marks a key whose lock stops the scan in the model. */
  private static final byte[] BLOCKED = new byte[0];

  private static byte[] pick(Random rnd, List<byte[]> pool) {
    if (rnd.nextInt(5) == 0) {
      return randomKey(rnd); // a bound that may not be a key
    }
    return pool.get(rnd.nextInt(pool.size()));
  }

  static List<byte[]> randomKeys(Random rnd, int n) {
    TreeSet<byte[]> keys = new TreeSet<>(Bytes.COMPARATOR);
    keys.add(bytes('a'));
    keys.add(bytes('a', 0));
    keys.add(bytes('a', 0, 0));
    keys.add(bytes('a', 'b'));
    while (keys.size() < n) {
      keys.add(randomKey(rnd));
    }
    return new ArrayList<>(keys);
  }

  private static final int[] ALPHABET = {0x00, 0x01, 'a', 'b', 0x7F, 0x80, 0xFE, 0xFF};

  static byte[] randomKey(Random rnd) {
    byte[] k = new byte[rnd.nextInt(5)];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) ALPHABET[rnd.nextInt(ALPHABET.length)];
    }
    return k;
  }

  /**
   * A random sequence of transactions, each run to its end before the next starts (so none
   * conflicts), and the model of what it committed: per key, commit ts to value (null: deleted).
   */
  static final class History {
    final TreeMap<byte[], TreeMap<Long, byte[]>> versions = new TreeMap<>(Bytes.COMPARATOR);
    long lastTs;

    static History generate(ActionTestHarness t, Random rnd, List<byte[]> pool, int txns) {
      History h = new History();
      long ts = 10;
      for (int i = 0; i < txns; i++) {
        TreeSet<byte[]> keys = new TreeSet<>(Bytes.COMPARATOR);
        int n = 1 + rnd.nextInt(4);
        while (keys.size() < n) {
          keys.add(pool.get(rnd.nextInt(pool.size())));
        }
        List<Mutation> ms = new ArrayList<>();
        for (byte[] key : keys) {
          int r = rnd.nextInt(20);
          if (r < 9) {
            ms.add(Mutation.put(key, value(rnd.nextInt(40), rnd.nextInt())));
          } else if (r < 12) {
            ms.add(Mutation.put(key, value(256 + rnd.nextInt(3000), rnd.nextInt())));
          } else if (r < 16) {
            ms.add(Mutation.delete(key));
          } else {
            ms.add(Mutation.lock(key));
          }
        }
        long startTs = ts;
        long commitTs = ts + 1 + rnd.nextInt(5);
        t.mustPrewrite(ms, ms.get(0).key(), startTs);
        List<byte[]> ks = new ArrayList<>(keys);
        if (rnd.nextInt(7) == 0) {
          assertNull(t.store.batchRollback(CTX, ks, startTs));
        } else {
          assertNull(t.store.commit(CTX, ks, startTs, commitTs));
          for (Mutation m : ms) {
            if (m.kind() != MutationKind.LOCK) {
              h.versions.computeIfAbsent(m.key(), x -> new TreeMap<>()).put(commitTs, m.value());
            }
          }
        }
        if (rnd.nextInt(25) == 0) {
          t.store.db().flush();
        }
        h.lastTs = commitTs;
        ts = commitTs + 1 + rnd.nextInt(5);
      }
      assertTrue(h.lastTs > 0);
      return h;
    }

    /** Visible values at {@code ts}. */
    TreeMap<byte[], byte[]> visibleAt(long ts) {
      TreeMap<byte[], byte[]> out = new TreeMap<>(Bytes.COMPARATOR);
      for (Map.Entry<byte[], TreeMap<Long, byte[]>> e : versions.entrySet()) {
        Map.Entry<Long, byte[]> v = e.getValue().floorEntry(ts);
        if (v != null && v.getValue() != null) {
          out.put(e.getKey(), v.getValue());
        }
      }
      return out;
    }
  }
}
