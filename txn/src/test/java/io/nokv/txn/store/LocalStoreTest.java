package io.nokv.txn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.rpc.Mutation;
import io.nokv.txn.rpc.PrewriteRequest;
import io.nokv.txn.rpc.RegionContext;
import io.nokv.txn.rpc.RegionEpoch;
import io.nokv.txn.rpc.RegionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {
  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void requestsForAnotherRegionOrEpochAreRegionErrors() {
    try (LocalStore store = LocalStore.open(dir)) {
      RegionContext wrongId = new RegionContext(2, LocalStore.REGION.epoch());
      RegionContext staleEpoch = new RegionContext(1, new RegionEpoch(1, 0));
      assertThrows(RegionException.RegionNotFound.class, () -> store.get(wrongId, b("k"), 10, Set.of()));
      RegionException.EpochNotMatch e =
          assertThrows(RegionException.EpochNotMatch.class, () -> store.rawPut(staleEpoch, b("k"), b("v")));
      assertEquals(LocalStore.REGION.epoch(), e.current());
      assertEquals(LocalStore.REGION, store.locate(b("anything")));
    }
  }

  @Test
  void gcSafePointOnlyMovesForwardAndSurvivesReopen() {
    try (LocalStore store = LocalStore.open(dir)) {
      assertEquals(0, store.gcSafePoint());
      assertEquals(500, store.updateGcSafePoint(500));
      assertEquals(500, store.updateGcSafePoint(100), "a lower safe point is ignored");
    }
    try (LocalStore store = LocalStore.open(dir)) {
      assertEquals(500, store.gcSafePoint());
    }
  }

  @Test
  void scanLockListsLocksAtOrBelowMaxTsInKeyOrder() {
    try (LocalStore store = LocalStore.open(dir)) {
      long t1 = store.getTimestamps(1);
      long t2 = store.getTimestamps(1);
      RegionContext ctx = LocalStore.REGION.context();
      store.prewrite(ctx, new PrewriteRequest(List.of(Mutation.put(b("b"), b("1"))), b("b"), t1, 3000, 1, 0, false));
      store.prewrite(ctx, new PrewriteRequest(List.of(Mutation.put(b("a"), b("2"))), b("a"), t2, 3000, 1, 0, false));
      List<LockInfo> all = store.scanLock(ctx, Long.MAX_VALUE, null, null, 10);
      assertEquals(List.of("a", "b"), all.stream().map(l -> new String(l.key(), StandardCharsets.UTF_8)).toList());
      List<LockInfo> old = store.scanLock(ctx, t1, null, null, 10);
      assertEquals(1, old.size());
      assertEquals(t1, old.get(0).startTs());
      assertEquals(1, store.scanLock(ctx, Long.MAX_VALUE, b("b"), null, 10).size());
      assertEquals(1, store.scanLock(ctx, Long.MAX_VALUE, null, null, 1).size());
    }
  }
}
