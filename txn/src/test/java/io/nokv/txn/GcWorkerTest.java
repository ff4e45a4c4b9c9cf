package io.nokv.txn;

import static io.nokv.txn.TxnTestSupport.b;
import static io.nokv.txn.TxnTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.Options;
import io.nokv.txn.mvcc.MvccKeys;
import io.nokv.txn.store.LocalStore;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcWorkerTest {
  @TempDir Path dir;

  private static long countKeys(LocalStore store, byte space) {
    long n = 0;
    try (var it =
        store.db().newIterator(
            new io.nokv.kv.ReadOptions().setLowerBound(new byte[] {space}).setUpperBound(new byte[] {(byte) (space + 1)}))) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        n++;
      }
    }
    return n;
  }

  @Test
  void gcRemovesOldVersionsAndTheValueLogReclaimsTheirSpace() {
    Options engine = new Options().setValueLogGcAutomatic(false).setWriteBufferSize(4 << 20);
    int keys = 40;
    int versions = 10;
    byte[][] latest = new byte[keys][];
    Random rnd = new Random(7);
    try (LocalStore store = LocalStore.open(dir, engine);
        TxnClient client = TxnClient.connect(store, new TxnClientOptions().setGcLifetimeMillis(0))) {
      Txn reader = null;
      byte[] seenByReader = null;
      for (int v = 0; v < versions; v++) {
        if (v == versions / 2) {
          reader = client.begin(); // holds the safe point below the newer versions
          seenByReader = latest[5];
        }
        for (int k = 0; k < keys; k++) {
          byte[] value = new byte[8 * 1024]; // above the engine's value-log threshold
          rnd.nextBytes(value);
          latest[k] = value;
          int key = k;
          client.run(t -> {
            t.put(b("key" + key), value);
            return null;
          });
        }
      }
      client.run(t -> {
        t.delete(b("key0"));
        return null;
      });
      store.db().flush();
      assertEquals(keys * versions + 1, countKeys(store, MvccKeys.WRITE));
      assertEquals(keys * versions, countKeys(store, MvccKeys.DATA));
      long vlogBefore = store.db().stats().valueLogBytes();

      GcWorker worker = client.newGcWorker();
      GcWorker.Round held = worker.runOnce();
      assertTrue(held.safePoint() < reader.startTs(), "the open transaction holds the safe point back");
      assertEquals(keys * (versions / 2 - 1), held.versionsRemoved(), "only versions older than the reader's view");
      assertArrayEquals(seenByReader, reader.get(b("key5")), "the open transaction still reads its snapshot");
      reader.close();

      GcWorker.Round round = worker.runOnce();
      long vlogAfter = store.db().stats().valueLogBytes();
      System.out.println("GC rounds: " + held + ", " + round + "; value log " + vlogBefore + " -> " + vlogAfter + " bytes");
      assertEquals(keys - 1, countKeys(store, MvccKeys.WRITE), "one version per live key, none for the deleted one");
      assertEquals(keys - 1, countKeys(store, MvccKeys.DATA));
      assertTrue(held.valueLogSegmentsReclaimed() + round.valueLogSegmentsReclaimed() > 0, "value-log segments reclaimed");
      assertTrue(vlogAfter < vlogBefore / 4, "value log shrank: " + vlogBefore + " -> " + vlogAfter);
      try (Txn t = client.begin()) {
        assertNull(t.get(b("key0")));
        for (int k = 1; k < keys; k++) {
          assertArrayEquals(latest[k], t.get(b("key" + k)), "key" + k);
        }
      }
    }
    try (TxnClient reopened = TxnClient.open(dir);
        Txn t = reopened.begin()) {
      for (int k = 1; k < keys; k++) {
        assertArrayEquals(latest[k], t.get(b("key" + k)), "key" + k + " after reopen");
      }
      assertEquals("key1", s(t.scan(null, null, 1).get(0).key()));
    }
  }
}
