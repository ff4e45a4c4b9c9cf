package io.nokv.txn.actions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.DbStats;
import io.nokv.kv.Options;
import io.nokv.txn.mvcc.CommittedWrite;
import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccKeys;
import io.nokv.txn.mvcc.Write;
import io.nokv.txn.rpc.GcResponse;
import io.nokv.txn.rpc.KvPair;
import io.nokv.txn.rpc.Mutation;
import io.nokv.txn.rpc.ScanResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** MVCC garbage collection below a safe point, and what it gives back to the engine's value log. */
class GcTest extends ActionTestHarness {

  @Override
  protected Options storeOptions() {
    return new Options().setValueLogGcAutomatic(false);
  }

  private void commit(Mutation m, long startTs, long commitTs) {
    mustPrewrite(List.of(m), m.key(), startTs);
    mustCommit(m.key(), startTs, commitTs);
  }

  private void commitPut(String key, String value, long startTs, long commitTs) {
    commit(Mutation.put(k(key), k(value)), startTs, commitTs);
  }

  private List<Long> commitTsOf(String key) {
    return writesOf(key).stream().map(CommittedWrite::commitTs).toList();
  }

  @Test
  void keepsTheNewestVersionAtOrBelowTheSafePointAndEverythingNewer() {
    commitPut("k", "v1", 10, 20);
    commitPut("k", "v2", 30, 40);
    commitPut("k", "v3", 50, 60);
    commitPut("k", "v4", 70, 80);

    GcResponse r = store.gc(CTX, 65);

    assertEquals(List.of(80L, 60L), commitTsOf("k"));
    assertEquals(2, r.versionsRemoved());
    assertEquals(1, r.keysScanned());
    mustGet("k", 65, "v3");
    mustGet("k", 80, "v4");
  }

  @Test
  void aVersionExactlyAtTheSafePointIsTheOneKept() {
    commitPut("k", "v1", 10, 20);
    commitPut("k", "v2", 30, 40);

    store.gc(CTX, 40);

    assertEquals(List.of(40L), commitTsOf("k"));
    mustGet("k", 40, "v2");
  }

  @Test
  void dropsTheDataKeysOfRemovedLongVersions() {
    for (int i = 1; i <= 3; i++) {
      commit(Mutation.put(k("k"), value(2000, i)), i * 20 - 10, i * 20);
    }
    assertEquals(List.of(50L, 30L, 10L), dataOf("k"));

    GcResponse r = store.gc(CTX, 60);

    assertEquals(2, r.dataRemoved());
    assertEquals(List.of(50L), dataOf("k"));
    mustGet(k("k"), 60, value(2000, 3));
  }

  @Test
  void aDeleteAsNewestAtOrBelowTheSafePointGoesWithEverythingOlder() {
    commit(Mutation.put(k("k"), value(1000, 1)), 10, 20);
    commitPut("k", "v2", 30, 40);
    commit(Mutation.delete(k("k")), 50, 60);
    commitPut("k", "v4", 70, 80);
    commitPut("gone", "x", 10, 20);
    commit(Mutation.delete(k("gone")), 30, 40);

    GcResponse r = store.gc(CTX, 70);

    assertEquals(List.of(80L), commitTsOf("k"));
    assertEquals(List.of(), commitTsOf("gone"));
    assertEquals(List.of(), dataOf("k"));
    assertEquals(5, r.versionsRemoved());
    assertEquals(1, r.dataRemoved());
    mustGetNone("k", 70);
    mustGet("k", 80, "v4");
    mustGetNone("gone", 100);
  }

  @Test
  void lockAndRollbackRecordsAtOrBelowTheSafePointAreRemoved() {
    commitPut("k", "v1", 10, 20);
    commit(Mutation.lock(k("k")), 30, 40);
    mustRollback("k", 50);
    commit(Mutation.lock(k("k")), 70, 80); // above the safe point: kept
    mustRollback("k", 90);
    commit(Mutation.lock(k("only")), 30, 40);
    mustRollback("rb", 30);

    store.gc(CTX, 60);

    assertEquals(List.of(90L, 80L, 20L), commitTsOf("k"));
    mustWritten("k", 80, 70, MutationKind.LOCK);
    mustRolledBack("k", 90);
    assertEquals(List.of(), commitTsOf("only"));
    assertEquals(List.of(), commitTsOf("rb"));
    mustGet("k", 100, "v1");
  }

  @Test
  void recordsOlderThanTheKeptPutAreRemovedWhateverTheirKind() {
    commitPut("k", "v1", 10, 20);
    commit(Mutation.lock(k("k")), 30, 40);
    commit(Mutation.delete(k("k")), 50, 60);
    mustRollback("k", 65);
    commitPut("k", "v2", 70, 80);

    store.gc(CTX, 100);

    assertEquals(List.of(80L), commitTsOf("k"));
  }

  @Test
  void pendingLocksAndTheirDataAreLeftAlone() {
    commitPut("k", "v1", 10, 20);
    commitPut("k", "v2", 30, 40);
    mustPrewritePut(k("k"), value(3000, 1), k("k"), 50);

    store.gc(CTX, 45);

    assertEquals(List.of(40L), commitTsOf("k"));
    mustLocked("k", 50);
    assertEquals(List.of(50L), dataOf("k"));
    mustCommit("k", 50, 60);
    mustGet(k("k"), 60, value(3000, 1));
  }

  @Test
  void runningAgainRemovesNothing() {
    commitPut("a", "v1", 10, 20);
    commitPut("a", "v2", 30, 40);
    commit(Mutation.delete(k("b")), 30, 40);

    GcResponse first = store.gc(CTX, 50);
    GcResponse second = store.gc(CTX, 50);

    assertEquals(2, first.versionsRemoved());
    assertEquals(0, second.versionsRemoved());
    assertEquals(0, second.dataRemoved());
    assertEquals(1, second.keysScanned());
  }

  @Test
  void removesMoreVersionsThanOneBatchHolds() {
    int versions = 1500; // with their data keys, well over the 2048 deletes Gc writes per batch
    act((r, w) -> {
      for (int i = 0; i < versions; i++) {
        long startTs = 10 + 2L * i;
        w.putData(k("k"), startTs, value(300, i));
        w.putWrite(k("k"), startTs + 1, new Write(MutationKind.PUT, startTs, null));
      }
    });
    long newest = 10 + 2L * (versions - 1) + 1;

    GcResponse r = store.gc(CTX, newest);

    assertEquals(versions - 1, r.versionsRemoved());
    assertEquals(versions - 1, r.dataRemoved());
    assertEquals(List.of(newest), commitTsOf("k"));
    assertEquals(List.of(newest - 1), dataOf("k"));
    mustGet(k("k"), newest, value(300, versions - 1));
  }

  @Test
  void readsAtOrAboveTheSafePointAnswerTheSameAfterGcOnARandomHistory() {
    long seed = Long.getLong("nokv.test.seed", System.nanoTime());
    System.out.println("GcTest.readsAtOrAboveTheSafePoint... seed=" + seed + " (-Dnokv.test.seed to replay)");
    checkRandomHistory(seed);
  }

  void checkRandomHistory(long seed) {
    Random rnd = new Random(seed);
    List<byte[]> pool = MvccScanTest.randomKeys(rnd, 25);
    MvccScanTest.History h = MvccScanTest.History.generate(this, rnd, pool, 70);
    long safePoint = h.lastTs / 3 + rnd.nextLong(h.lastTs / 2);

    store.gc(CTX, safePoint);
    if (rnd.nextBoolean()) {
      store.db().compactRange();
    }

    String what = "seed " + seed + ", safe point " + safePoint;
    for (long ts = safePoint; ts <= h.lastTs + 3; ts++) {
      TreeMap<byte[], byte[]> expected = h.visibleAt(ts);
      ScanResponse scan = scan(null, null, 10_000, ts, false);
      assertNull(scan.error());
      List<KvPair> exp = MvccScanTest.expectedScan(expected, null, null, false, 10_000);
      assertEquals(exp.stream().map(p -> show(p.key())).toList(), keysOfBytes(scan.pairs()), what + " scan at " + ts);
      for (int i = 0; i < exp.size(); i++) {
        assertBytes(exp.get(i).value(), scan.pairs().get(i).value(), what + " at " + ts);
      }
      if (ts % 5 == 0) {
        for (byte[] key : pool) {
          mustGet(key, ts, expected.get(key));
        }
      }
    }
    for (byte[] key : pool) {
      assertCollected(key, safePoint, what);
    }
  }

  /** At most one version, a PUT, remains at or below the safe point, and only live data keys remain. */
  private void assertCollected(byte[] key, long safePoint, String what) {
    List<CommittedWrite> old = writesOf(key).stream().filter(w -> w.commitTs() <= safePoint).toList();
    assertTrue(old.size() <= 1, () -> what + ": " + old.size() + " old versions of " + show(key));
    if (!old.isEmpty()) {
      assertEquals(MutationKind.PUT, old.get(0).write().kind(), what);
    }
    List<Long> live = new ArrayList<>();
    for (CommittedWrite w : writesOf(key)) {
      if (w.write().kind() == MutationKind.PUT && w.write().shortValue() == null) {
        live.add(w.write().startTs());
      }
    }
    assertEquals(live, dataOf(key), () -> what + ": data keys of " + show(key));
  }

  private static List<String> keysOfBytes(List<KvPair> pairs) {
    return pairs.stream().map(p -> show(p.key())).toList();
  }

  @Test
  void gcAndCompactionLetTheValueLogReclaimSpace() {
    int keys = 16;
    int versions = 6;
    for (int v = 0; v < versions; v++) {
      List<Mutation> ms = new ArrayList<>();
      for (int i = 0; i < keys; i++) {
        ms.add(Mutation.put(key(i), value(4096, v * 100 + i)));
      }
      long startTs = store.getTimestamps(1);
      mustPrewrite(ms, key(0), startTs);
      List<byte[]> ks = ms.stream().map(Mutation::key).toList();
      assertNull(store.commit(CTX, ks, startTs, store.getTimestamps(1)));
    }
    store.db().flush();
    DbStats before = store.db().stats();
    assertTrue(before.valueLogBytes() >= (long) keys * versions * 4096, before::format);

    long safePoint = store.getTimestamps(1);
    GcResponse r = store.gc(CTX, safePoint);

    assertEquals((long) keys * (versions - 1), r.versionsRemoved());
    assertEquals((long) keys * (versions - 1), r.dataRemoved());
    assertTrue(r.valueLogSegmentsReclaimed() > 0, () -> r + "\n" + store.db().stats().format());
    DbStats after = store.db().stats();
    assertTrue(
        after.valueLogBytes() < before.valueLogBytes() / 2,
        () -> "value log " + before.valueLogBytes() + " -> " + after.valueLogBytes() + "\n" + after.format());
    assertNewestValues(keys, versions);

    reopen();
    assertNewestValues(keys, versions);
    assertTrue(store.db().stats().valueLogBytes() < before.valueLogBytes() / 2, () -> store.db().stats().format());
    assertEquals(keys, countSpace(MvccKeys.DATA));
  }

  private void assertNewestValues(int keys, int versions) {
    long now = store.getTimestamps(1);
    for (int i = 0; i < keys; i++) {
      mustGet(key(i), now, value(4096, (versions - 1) * 100 + i));
    }
    ScanResponse s = scan(null, null, 10_000, now, false);
    assertEquals(keys, s.pairs().size());
    assertArrayEquals(value(4096, (versions - 1) * 100), s.pairs().get(0).value());
  }

  private static byte[] key(int i) {
    return k(String.format("key-%02d", i));
  }
}
