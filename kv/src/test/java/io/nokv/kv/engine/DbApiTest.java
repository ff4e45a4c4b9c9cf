package io.nokv.kv.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.Db;
import io.nokv.kv.DbClosedException;
import io.nokv.kv.DbIterator;
import io.nokv.kv.DbLockedException;
import io.nokv.kv.DbStats;
import io.nokv.kv.Limits;
import io.nokv.kv.Options;
import io.nokv.kv.ReadOptions;
import io.nokv.kv.Snapshot;
import io.nokv.kv.WriteBatch;
import io.nokv.kv.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbApiTest {
  @TempDir Path dir;

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void secondOpenerIsRefusedWithClearError() {
    try (Db db = Db.open(dir, new Options())) {
      DbLockedException e = assertThrows(DbLockedException.class, () -> Db.open(dir, new Options()));
      assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }
    try (Db again = Db.open(dir, new Options())) {
      assertNull(again.get(b("x")));
    }
  }

  @Test
  void openingAFileOrAMissingDatabaseSaysWhy() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    io.nokv.kv.KvIOException e = assertThrows(io.nokv.kv.KvIOException.class, () -> Db.open(file, new Options()));
    assertTrue(e.getMessage().contains("create database directory") && e.getMessage().contains("not-a-dir"), e.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> Db.open(dir.resolve("absent"), new Options().setCreateIfMissing(false)));
    assertTrue(missing.getMessage().contains("createIfMissing"), missing.getMessage());
    try (Db db = Db.open(dir.resolve("db"), new Options())) {
      db.put(b("k"), b("v"));
    }
    assertThrows(IllegalArgumentException.class, () -> Db.open(dir.resolve("db"), new Options().setErrorIfExists(true)));
  }

  @Test
  void badArgumentsNameTheLimit() {
    try (Db db = Db.open(dir, new Options())) {
      assertThrows(IllegalArgumentException.class, () -> db.put(null, b("v")));
      IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> db.put(new byte[0], b("v")));
      assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
      IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> db.put(new byte[Limits.MAX_KEY_BYTES + 1], b("v")));
      assertTrue(big.getMessage().contains("MAX_KEY_BYTES"), big.getMessage());
      IllegalArgumentException bigValue = assertThrows(IllegalArgumentException.class,
          () -> db.put(b("k"), new byte[Limits.MAX_VALUE_BYTES + 1]));
      assertTrue(bigValue.getMessage().contains("MAX_VALUE_BYTES"), bigValue.getMessage());
      assertThrows(IllegalArgumentException.class, () -> db.put(b("k"), null));
      assertThrows(IllegalArgumentException.class, () -> db.get(null));
      assertThrows(IllegalArgumentException.class, () -> db.deleteRange(b("b"), b("a")));
      assertThrows(UnsupportedOperationException.class, () -> WriteOptions.DEFAULT.setSync(false));
    }
  }

  @Test
  void batchesApplyAtomicallyInEitherArgumentOrder() {
    try (Db db = Db.open(dir, new Options())) {
      db.put(b("gone"), b("x"));
      db.write(new WriteBatch().put(b("a"), b("1")).delete(b("gone")).deleteRange(b("p"), b("q")), WriteOptions.DEFAULT);
      db.write(WriteOptions.DEFAULT, new WriteBatch().put(b("b"), b("2")));
      assertArrayEquals(b("1"), db.get(b("a")));
      assertArrayEquals(b("2"), db.get(b("b")));
      assertNull(db.get(b("gone")));
      db.write(new WriteBatch()); // empty: nothing to do
    }
  }

  @Test
  void largeValuesSurviveFlushAndReopen() {
    byte[] big = new byte[20 << 20];
    for (int i = 0; i < big.length; i += 4096) {
      big[i] = (byte) (i >>> 12);
    }
    try (Db db = Db.open(dir, new Options())) {
      db.put(b("big"), big);
      db.put(b("small"), b("s"));
      assertArrayEquals(big, db.get(b("big")));
      db.flush();
      assertArrayEquals(big, db.get(b("big")));
    }
    try (Db db = Db.open(dir, new Options())) {
      assertArrayEquals(big, db.get(b("big")));
      db.compactRange();
      try (DbIterator it = db.newIterator()) {
        it.seekToFirst();
        assertArrayEquals(big, it.value());
      }
    }
  }

  @Test
  void closedDatabaseRefusesUse() {
    Db db = Db.open(dir, new Options());
    db.close();
    db.close(); // idempotent
    assertThrows(DbClosedException.class, () -> db.get(b("k")));
    assertThrows(DbClosedException.class, db::snapshot);
    assertThrows(DbClosedException.class, () -> db.put(b("k"), b("v")));
  }

  @Test
  void iteratorsAndSnapshotsOfAClosedDatabaseSayItIsClosed() {
    Db db = Db.open(dir, new Options());
    db.put(b("a"), b("1"));
    DbIterator it = db.newIterator();
    Snapshot s = db.snapshot();
    it.seekToFirst();
    assertTrue(it.isValid());
    db.close();
    assertThrows(DbClosedException.class, it::next);
    assertThrows(DbClosedException.class, it::seekToFirst);
    it.close(); // still allowed
    s.close();
  }

  @Test
  void snapshotsSeeThePast() {
    try (Db db = Db.open(dir, new Options())) {
      db.put(b("a"), b("1"));
      try (Snapshot s = db.snapshot()) {
        db.put(b("a"), b("2"));
        db.delete(b("a"));
        db.flush();
        db.compactRange();
        assertArrayEquals(b("1"), db.get(new ReadOptions().setSnapshot(s), b("a")));
        assertNull(db.get(b("a")));
      }
    }
  }

  @Test
  void deleteRangeHidesAndSurvivesReopenAndCompaction() {
    try (Db db = Db.open(dir, new Options())) {
      for (int i = 0; i < 100; i++) {
        db.put(new WriteOptions().setSync(false), b(String.format("k%03d", i)), b("v" + i));
      }
      db.flush();
      db.deleteRange(b("k010"), b("k090"));
      assertNull(db.get(b("k050")));
      assertArrayEquals(b("v9"), db.get(b("k009")));
      assertArrayEquals(b("v90"), db.get(b("k090")));
    }
    try (Db db = Db.open(dir, new Options())) {
      assertNull(db.get(b("k010")));
      db.compactRange();
      assertNull(db.get(b("k089")));
      int n = 0;
      try (DbIterator it = db.newIterator()) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          n++;
        }
      }
      assertEquals(20, n);
    }
  }

  @Test
  void unloggedWritesSurviveCleanCloseAndFlush() {
    WriteOptions noWal = new WriteOptions().setDisableWal(true).setSync(false);
    try (Db db = Db.open(dir, new Options())) {
      db.put(noWal, b("raft"), b("applied"));
    }
    try (Db db = Db.open(dir, new Options())) {
      assertArrayEquals(b("applied"), db.get(b("raft")));
    }
  }

  @Test
  void concurrentWritersShareSyncs() throws Exception {
    try (Db db = Db.open(dir, new Options())) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int id = t;
        fs.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            db.put(b("t" + id + "-" + i), b("v" + i));
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      pool.shutdown();
      DbStats st = db.stats();
      assertEquals(1600, st.lastSequence());
      assertTrue(st.walSyncs() <= 1600, "no more syncs than writes");
      for (int t = 0; t < 8; t++) {
        assertArrayEquals(b("v199"), db.get(b("t" + t + "-199")));
      }
    }
  }

  @Test
  void checkpointOpensAsACopy() {
    Path cp = dir.resolveSibling(dir.getFileName() + "-checkpoint");
    try (Db db = Db.open(dir, new Options())) {
      db.put(b("a"), b("1"));
      db.put(b("big"), new byte[5000]);
      db.checkpoint(cp);
      db.put(b("a"), b("2"));
      assertThrows(IllegalArgumentException.class, () -> db.checkpoint(cp));
    }
    try (Db copy = Db.open(cp, new Options())) {
      assertArrayEquals(b("1"), copy.get(b("a")));
      assertEquals(5000, copy.get(b("big")).length);
    }
  }

  @Test
  void exportAndIngestMoveARange() {
    Path file = dir.resolveSibling(dir.getFileName() + "-export.sst");
    Path other = dir.resolveSibling(dir.getFileName() + "-other");
    try (Db db = Db.open(dir, new Options())) {
      for (int i = 0; i < 50; i++) {
        db.put(b(String.format("k%02d", i)), i % 10 == 0 ? new byte[3000] : b("v" + i));
      }
      db.delete(b("k25"));
      assertEquals(19, db.exportRange(b("k10"), b("k30"), file));
    }
    try (Db db = Db.open(other, new Options())) {
      db.put(b("k12"), b("old"));
      db.put(b("k40"), b("stays"));
      db.ingest(file);
      assertArrayEquals(b("v12"), db.get(b("k12")));
      assertEquals(3000, db.get(b("k20")).length);
      assertNull(db.get(b("k25")));
      assertArrayEquals(b("stays"), db.get(b("k40")));
    }
    try (Db db = Db.open(other, new Options())) {
      assertArrayEquals(b("v12"), db.get(b("k12")));
    }
  }

  @Test
  void statsReportLevelsAndCache() {
    try (Db db = Db.open(dir, new Options())) {
      for (int i = 0; i < 1000; i++) {
        db.put(new WriteOptions().setSync(false), b("k" + i), b("v" + i));
      }
      db.flush();
      for (int i = 0; i < 1000; i++) {
        db.get(b("k" + i));
      }
      DbStats st = db.stats();
      assertEquals(7, st.levels().size());
      assertEquals(1, st.levels().get(0).files());
      assertTrue(st.blockCacheHits() + st.blockCacheMisses() > 0);
      assertTrue(st.writeAmplification() > 0);
      assertFalse(st.format().isEmpty());
    }
  }

  @Test
  void valueLogGcReclaimsSpace() throws Exception {
    Options o = new Options().setValueLogGcAutomatic(false);
    try (Db db = Db.open(dir, o)) {
      WriteOptions fast = new WriteOptions().setSync(false);
      for (int i = 0; i < 200; i++) {
        db.put(fast, b("k" + i), new byte[4000]);
      }
      db.flush();
      for (int i = 0; i < 150; i++) {
        db.put(fast, b("k" + i), b("small"));
      }
      db.compactRange();
      long before = vlogBytes();
      DbStats st = db.stats();
      assertTrue(st.valueLogGarbageBytes() > 0, "compaction counted garbage: " + st.format());
      assertEquals(1, db.runValueLogGc(0.5));
      long after = vlogBytes();
      assertTrue(after < before / 2, "segments shrank from " + before + " to " + after);
      for (int i = 150; i < 200; i++) {
        assertEquals(4000, db.get(b("k" + i)).length);
      }
    }
  }

  private long vlogBytes() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".vlog")).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
