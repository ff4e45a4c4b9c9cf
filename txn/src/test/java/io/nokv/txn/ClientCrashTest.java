package io.nokv.txn;

import static io.nokv.txn.TxnTestSupport.b;
import static io.nokv.txn.TxnTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.store.LocalStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that dies in the middle of a commit leaves locks behind; other clients must finish its
 * transaction the way its primary decided: all visible if the primary committed, none otherwise.
 * The dying client is a second TxnClient whose committer stops at an injected point and never
 * runs again, sharing the store with a healthy client.
 */
class ClientCrashTest {
  private static final class Crash extends RuntimeException {
    Crash(String where) {
      super("simulated client crash " + where);
    }
  }

  @TempDir Path dir;

  private static List<String> keys() {
    return List.of("k1", "k2", "k3", "k4", "k5");
  }

  private static void writeAll(Txn t, String value) {
    for (String k : keys()) {
      t.put(b(k), b(value));
    }
  }

  private static int lockCount(LocalStore store) {
    List<LockInfo> locks = store.scanLock(LocalStore.REGION.context(), Long.MAX_VALUE, null, null, 100);
    return locks.size();
  }

  @Test
  void diesBetweenPrimaryAndSecondaryCommit_readersSeeTheWholeTransaction() {
    try (LocalStore store = LocalStore.open(dir)) {
      TxnClientOptions twoPhase = new TxnClientOptions().setOnePcMaxKeys(0);
      try (TxnClient dying = TxnClient.connect(store, twoPhase)) {
        dying.committer().setHooks(() -> {}, () -> {
          throw new Crash("after the primary committed");
        });
        Txn t = dying.begin();
        writeAll(t, "committed");
        assertThrows(Crash.class, t::commit);
      }
      assertEquals(keys().size() - 1, lockCount(store), "the secondaries stay locked");
      try (TxnClient healthy = TxnClient.connect(store, new TxnClientOptions())) {
        try (Txn r = healthy.begin()) {
          for (String k : keys()) {
            assertEquals("committed", s(r.get(b(k))), k);
          }
        }
        assertEquals(0, lockCount(store), "readers resolved the secondaries");
        try (Txn r = healthy.begin()) {
          assertEquals(keys().size(), r.scan(null, null, 100).size());
        }
      }
    }
  }

  @Test
  void diesBetweenPrimaryAndSecondaryCommit_scanResolvesToo() {
    try (LocalStore store = LocalStore.open(dir)) {
      try (TxnClient dying = TxnClient.connect(store, new TxnClientOptions().setOnePcMaxKeys(0))) {
        dying.committer().setHooks(() -> {}, () -> {
          throw new Crash("after the primary committed");
        });
        Txn t = dying.begin();
        writeAll(t, "v");
        assertThrows(Crash.class, t::commit);
      }
      try (TxnClient healthy = TxnClient.connect(store, new TxnClientOptions());
          Txn r = healthy.begin()) {
        assertEquals(keys().size(), r.scan(null, null, 100).size());
        assertEquals(keys().size(), r.reverseScan(null, null, 100).size());
      }
    }
  }

  @Test
  void diesAfterPrewrite_ttlExpiryRollsItBack() {
    long ttl = 200;
    try (LocalStore store = LocalStore.open(dir)) {
      TxnClientOptions opts = new TxnClientOptions().setOnePcMaxKeys(0).setLockTtlMillis(ttl);
      try (TxnClient healthy = TxnClient.connect(store, opts)) {
        healthy.run(t -> {
          writeAll(t, "before");
          return null;
        });
      }
      long crashedStart;
      try (TxnClient dying = TxnClient.connect(store, opts)) {
        dying.committer().setHooks(() -> {
          throw new Crash("after prewrite");
        }, () -> {});
        Txn t = dying.begin();
        crashedStart = t.startTs();
        writeAll(t, "never");
        assertThrows(Crash.class, t::commit);
      }
      assertEquals(keys().size(), lockCount(store));
      try (TxnClient healthy = TxnClient.connect(store, opts)) {
        // A reader that started after the prewrite reads the old values (it pushes the dead
        // transaction's min_commit_ts above itself, or finds it expired and rolls it back).
        try (Txn r = healthy.begin()) {
          for (String k : keys()) {
            assertEquals("before", s(r.get(b(k))), k);
          }
        }
        // A writer of the same keys waits out the TTL, rolls the dead transaction back and commits;
        // the dead transaction never shows up.
        healthy.run(t -> {
          t.put(b("k3"), b("after"));
          return null;
        });
        try (Txn r = healthy.begin()) {
          assertEquals("after", s(r.get(b("k3"))));
          assertEquals(keys().size(), r.scan(null, null, 100).size());
          for (var p : r.scan(null, null, 100)) {
            assertFalse("never".equals(s(p.value())), s(p.key()));
          }
        }
        // A late commit of the dead transaction is refused: its primary was rolled back.
        var err =
            store.commit(LocalStore.REGION.context(), List.of(b("k1")), crashedStart, healthy.currentTimestamp());
        assertTrue(
            err instanceof io.nokv.txn.rpc.KeyError.TxnAborted || err instanceof io.nokv.txn.rpc.KeyError.TxnLockNotFound,
            String.valueOf(err));
      }
    }
  }

  @Test
  void readerDoesNotWaitForALiveTransactionItCanReadPast() {
    try (LocalStore store = LocalStore.open(dir)) {
      TxnClientOptions opts = new TxnClientOptions().setOnePcMaxKeys(0).setLockTtlMillis(60_000).setLockWaitMillis(5_000);
      try (TxnClient writer = TxnClient.connect(store, opts);
          TxnClient reader = TxnClient.connect(store, opts)) {
        writer.run(t -> {
          writeAll(t, "old");
          return null;
        });
        // The writer stops after prewrite, with a 60 s TTL: alive, and in the way.
        writer.committer().setHooks(() -> {
          throw new Crash("paused after prewrite");
        }, () -> {});
        Txn w = writer.begin();
        writeAll(w, "new");
        assertThrows(Crash.class, w::commit);
        long began = System.nanoTime();
        try (Txn r = reader.begin()) {
          for (String k : keys()) {
            assertEquals("old", s(r.get(b(k))));
          }
        }
        long tookMs = (System.nanoTime() - began) / 1_000_000;
        assertTrue(tookMs < 5_000, "the reader pushed min_commit_ts instead of waiting out the TTL: " + tookMs + " ms");
      }
    }
  }
}
