package io.nokv.kv.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.Db;
import io.nokv.kv.DbIterator;
import io.nokv.kv.Options;
import io.nokv.kv.ReadOptions;
import io.nokv.kv.Snapshot;
import io.nokv.kv.WriteBatch;
import io.nokv.kv.WriteOptions;
import io.nokv.kv.format.Bytes;
import io.nokv.kv.fs.MemFileSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine against a TreeMap: random puts, deletes, range deletes, batches, snapshots and
 * iterators in both directions, with flushes, compactions, value-log GC and reopens interleaved.
 * Every answer is compared with the model. Seeded: a failure names its seed, and
 * {@code -Dnokv.model.seed=N} replays it; {@code -Dnokv.model.ops=N} runs longer (the soak profile
 * runs 40,000).
 */
class DbModelTest {
  @TempDir Path tmp;

  private static final WriteOptions NO_SYNC = new WriteOptions().setSync(false);

  /** Small sizes so a few thousand operations exercise flushes, every level and the value log. */
  static Options smallOptions() {
    return new Options()
        .setWriteBufferSize(64 << 10)
        .setTargetFileSizeBase(16 << 10)
        .setMaxBytesForLevelBase(64 << 10)
        .setLevel0FileNumCompactionTrigger(2)
        .setValueThreshold(64)
        .setBlockSize(512)
        .setBlockCacheSize(256 << 10)
        .setValueLogGcDiscardRatio(0.3);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void randomOperationsMatchModelOnDisk(long seed) throws Exception {
    long s = Long.getLong("nokv.model.seed", seed);
    runWithSeed(s, tmp.resolve("db"), smallOptions(), Integer.getInteger("nokv.model.ops", 4000));
  }

  @Test
  void randomOperationsMatchModelInMemory() throws Exception {
    long s = Long.getLong("nokv.model.seed", System.nanoTime());
    runWithSeed(s, Path.of("/mem/db"), smallOptions().setFileSystem(new MemFileSystem()), Integer.getInteger("nokv.model.ops", 6000));
  }

  private void runWithSeed(long seed, Path dir, Options options, int ops) throws Exception {
    try {
      new ModelRun(seed, dir, options).run(ops);
    } catch (Throwable t) {
      throw new AssertionError("model test failed with seed " + seed + " (rerun with -Dnokv.model.seed=" + seed + "): " + t, t);
    }
  }

  private static final class ModelRun {
    final SplittableRandom rnd;
    final Path dir;
    final Options options;
    Db db;
    TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.COMPARATOR);
    final List<Snapshot> snapshots = new ArrayList<>();
    final List<TreeMap<byte[], byte[]>> snapshotModels = new ArrayList<>();
    final List<String> history = new ArrayList<>();

    ModelRun(long seed, Path dir, Options options) {
      this.rnd = new SplittableRandom(seed);
      this.dir = dir;
      this.options = options;
    }

    byte[] key() {
      int n = rnd.nextInt(rnd.nextBoolean() ? 40 : 600);
      return String.format("key%05d", n).getBytes(StandardCharsets.UTF_8);
    }

    byte[] value() {
      int len = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(rnd.nextBoolean() ? 40 : 300);
      byte[] v = new byte[len];
      rnd.nextBytes(v);
      return v;
    }

    void log(String s) {
      history.add(s);
      if (history.size() > 40) {
        history.remove(0);
      }
    }

    void run(int ops) throws Exception {
      db = Db.open(dir, options);
      try {
        for (int i = 0; i < ops; i++) {
          step(i);
        }
        checkEverything();
        db.compactRange();
        checkEverything();
        reopen();
        checkEverything();
      } catch (Throwable t) {
        throw new AssertionError("after operations " + history, t);
      } finally {
        for (Snapshot s : snapshots) {
          s.close();
        }
        db.close();
      }
    }

    void step(int i) throws Exception {
      int op = rnd.nextInt(100);
      WriteOptions wo = rnd.nextBoolean() ? WriteOptions.DEFAULT : NO_SYNC;
      if (op < 40) {
        byte[] k = key();
        byte[] v = value();
        log("put " + new String(k) + " len " + v.length);
        db.put(wo, k, v);
        model.put(k, v);
      } else if (op < 50) {
        byte[] k = key();
        log("delete " + new String(k));
        db.delete(wo, k);
        model.remove(k);
      } else if (op < 53) {
        byte[] a = key();
        byte[] b = key();
        if (Arrays.compareUnsigned(a, b) == 0) {
          return;
        }
        if (Arrays.compareUnsigned(a, b) > 0) {
          byte[] t = a;
          a = b;
          b = t;
        }
        log("deleteRange " + new String(a) + " " + new String(b));
        db.deleteRange(wo, a, b);
        model.subMap(a, true, b, false).clear();
      } else if (op < 60) {
        WriteBatch batch = new WriteBatch();
        int n = 1 + rnd.nextInt(8);
        StringBuilder d = new StringBuilder("batch");
        TreeMap<byte[], byte[]> next = new TreeMap<>(model);
        for (int j = 0; j < n; j++) {
          byte[] k = key();
          if (rnd.nextInt(4) == 0) {
            batch.delete(k);
            next.remove(k);
            d.append(" del ").append(new String(k));
          } else {
            byte[] v = value();
            batch.put(k, v);
            next.put(k, v);
            d.append(" put ").append(new String(k));
          }
        }
        log(d.toString());
        db.write(wo, batch);
        model = next;
      } else if (op < 72) {
        byte[] k = key();
        assertArrayEquals(model.get(k), db.get(k), "get " + new String(k));
      } else if (op < 75) {
        if (snapshots.size() < 4) {
          log("snapshot");
          snapshots.add(db.snapshot());
          snapshotModels.add(new TreeMap<>(model));
        } else {
          int idx = rnd.nextInt(snapshots.size());
          log("release snapshot " + idx);
          snapshots.remove(idx).close();
          snapshotModels.remove(idx);
        }
      } else if (op < 80 && !snapshots.isEmpty()) {
        int idx = rnd.nextInt(snapshots.size());
        byte[] k = key();
        ReadOptions ro = new ReadOptions().setSnapshot(snapshots.get(idx));
        byte[] expectedAtSnapshot = snapshotModels.get(idx).get(k);
        byte[] gotAtSnapshot = db.get(ro, k);
        if (!Arrays.equals(expectedAtSnapshot, gotAtSnapshot)) {
          throw new AssertionError("snapshot get " + new String(k) + " at snapshot seq " + snapshots.get(idx).sequence()
              + ": expected " + (expectedAtSnapshot == null ? "null" : expectedAtSnapshot.length + " bytes")
              + ", got " + (gotAtSnapshot == null ? "null" : gotAtSnapshot.length + " bytes") + "\n"
              + DbDebug.describeKey(db, k) + "live snapshots: " + snapshots);
        }
        if (rnd.nextInt(4) == 0) {
          checkIterator(ro, snapshotModels.get(idx));
        }
      } else if (op < 88) {
        checkIterator(new ReadOptions(), model);
      } else if (op < 92) {
        log("flush");
        db.flush();
      } else if (op < 94) {
        byte[] a = rnd.nextBoolean() ? null : key();
        byte[] b = rnd.nextBoolean() ? null : key();
        if (a != null && b != null && Arrays.compareUnsigned(a, b) > 0) {
          byte[] t = a;
          a = b;
          b = t;
        }
        log("compactRange");
        db.compactRange(a, b);
      } else if (op < 96) {
        log("vlog gc");
        db.runValueLogGc(0.1 + rnd.nextDouble() * 0.5);
      } else if (op < 98) {
        reopen();
      }
    }

    void reopen() {
      log("reopen");
      for (Snapshot s : snapshots) {
        s.close();
      }
      snapshots.clear();
      snapshotModels.clear();
      db.close();
      db = Db.open(dir, options);
    }

    void checkEverything() {
      for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
        assertArrayEquals(e.getValue(), db.get(e.getKey()), "full check of " + new String(e.getKey()));
      }
      List<byte[]> keys = new ArrayList<>();
      try (DbIterator it = db.newIterator()) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          keys.add(it.key());
        }
      }
      assertEquals(model.size(), keys.size(), "number of live keys");
      checkIterator(new ReadOptions(), model);
    }

    void checkIterator(ReadOptions ro, TreeMap<byte[], byte[]> m) {
      byte[] lower = rnd.nextInt(3) == 0 ? key() : null;
      byte[] upper = rnd.nextInt(3) == 0 ? key() : null;
      if (lower != null && upper != null && Arrays.compareUnsigned(lower, upper) > 0) {
        byte[] t = lower;
        lower = upper;
        upper = t;
      }
      ro.setLowerBound(lower).setUpperBound(upper);
      NavigableMap<byte[], byte[]> view = m;
      if (lower != null) {
        view = view.tailMap(lower, true);
      }
      if (upper != null) {
        view = view.headMap(upper, false);
      }
      try (DbIterator it = db.newIterator(ro)) {
        Map.Entry<byte[], byte[]> expected = null;
        int moves = 1 + rnd.nextInt(30);
        for (int i = 0; i < moves; i++) {
          int kind = rnd.nextInt(10);
          if (kind == 0 || (expected == null && kind < 6)) {
            int start = rnd.nextInt(4);
            byte[] k = key();
            switch (start) {
              case 0 -> {
                it.seekToFirst();
                expected = view.firstEntry();
              }
              case 1 -> {
                it.seekToLast();
                expected = view.lastEntry();
              }
              case 2 -> {
                it.seek(k);
                expected = view.ceilingEntry(k);
              }
              default -> {
                it.seekForPrev(k);
                expected = view.floorEntry(k);
              }
            }
          } else if (expected == null) {
            assertFalse(it.isValid());
            continue;
          } else if (kind < 6) {
            it.next();
            expected = view.higherEntry(expected.getKey());
          } else {
            it.prev();
            expected = view.lowerEntry(expected.getKey());
          }
          if (expected == null) {
            assertFalse(it.isValid(), "iterator should be exhausted");
          } else {
            assertTrue(it.isValid(), "iterator should be at " + new String(expected.getKey()));
            if (!Arrays.equals(expected.getKey(), it.key())) {
              throw new AssertionError("iterator at " + new String(it.key()) + ", expected " + new String(expected.getKey())
                  + " (snapshot " + (ro.snapshot() == null ? "none" : ro.snapshot().sequence()) + ")\n"
                  + DbDebug.describeKey(db, it.key()) + DbDebug.describeKey(db, expected.getKey()) + "live snapshots: " + snapshots);
            }
            assertArrayEquals(expected.getValue(), it.value(), "iterator value at " + new String(expected.getKey()));
          }
        }
      }
    }
  }

  @Test
  void absentKeyIsNull(@TempDir Path dir) {
    try (Db db = Db.open(dir, new Options())) {
      assertNull(db.get("nope".getBytes(StandardCharsets.UTF_8)));
    }
  }
}
