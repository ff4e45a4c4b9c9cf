package io.nokv.kv.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.Db;
import io.nokv.kv.DbIterator;
import io.nokv.kv.ReadOptions;
import io.nokv.kv.Snapshot;
import io.nokv.kv.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers, point readers, snapshot scanners and a maintenance thread (flush, compactRange,
 * value-log GC) at once. Each writer puts its own keys in order, so any consistent view holds, per
 * writer, a gap-free prefix of its keys at least as long as what was acknowledged before the view
 * was taken. Catches races between reads and file replacement or deletion.
 */
class ConcurrencyTest {
  @TempDir Path dir;

  private static final int WRITERS = 3;

  static byte[] key(int writer, long i) {
    return String.format("w%d-%08d", writer, i).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] value(int writer, long i) {
    int len = i % 3 == 0 ? 1500 : 40; // some separated into the value log
    byte[] v = new byte[len];
    for (int j = 0; j < len; j++) {
      v[j] = (byte) (writer * 31 + i + j);
    }
    return v;
  }

  @Test
  void readersSeeConsistentPrefixesWhileFilesChange() throws Exception {
    long runMillis = Long.getLong("nokv.concurrency.millis", 4000);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLongArray acked = new AtomicLongArray(WRITERS); // keys acknowledged per writer
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 3);
    try (Db db = Db.open(dir, DbModelTest.smallOptions())) {
      List<Future<?>> tasks = new ArrayList<>();
      WriteOptions fast = new WriteOptions().setSync(false);
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        tasks.add(pool.submit(() -> {
          for (long i = 0; !stop.get(); i++) {
            db.put(fast, key(writer, i), value(writer, i));
            acked.set(writer, i + 1);
          }
          return null;
        }));
      }
      tasks.add(pool.submit(() -> {
        while (!stop.get()) {
          int writer = (int) (System.nanoTime() % WRITERS);
          long n = acked.get(writer);
          if (n > 0) {
            long i = (System.nanoTime() >>> 3) % n;
            assertArrayEquals(value(writer, i), db.get(key(writer, i)), "get of acknowledged key " + i + " of writer " + writer);
          }
        }
        return null;
      }));
      tasks.add(pool.submit(() -> {
        while (!stop.get()) {
          long[] before = new long[WRITERS];
          for (int w = 0; w < WRITERS; w++) {
            before[w] = acked.get(w);
          }
          try (Snapshot s = db.snapshot(); DbIterator it = db.newIterator(new ReadOptions().setSnapshot(s))) {
            long[] seen = new long[WRITERS];
            for (it.seekToFirst(); it.isValid(); it.next()) {
              String k = new String(it.key(), StandardCharsets.UTF_8);
              int w = k.charAt(1) - '0';
              long i = Long.parseLong(k.substring(3));
              assertEquals(seen[w], i, "writer " + w + "'s keys have a gap in a snapshot scan");
              if (i % 7 == 0) {
                assertArrayEquals(value(w, i), it.value(), "value of " + k);
              }
              seen[w]++;
            }
            for (int w = 0; w < WRITERS; w++) {
              assertTrue(seen[w] >= before[w], "snapshot lost acknowledged keys of writer " + w + ": " + seen[w] + " < " + before[w]);
            }
          }
        }
        return null;
      }));
      tasks.add(pool.submit(() -> {
        for (int round = 0; !stop.get(); round++) {
          switch (round % 3) {
            case 0 -> db.flush();
            case 1 -> db.compactRange();
            default -> db.runValueLogGc(0.2);
          }
        }
        return null;
      }));
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(runMillis);
      for (Future<?> f : tasks) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          try {
            f.get(left, TimeUnit.NANOSECONDS);
            break; // a task finished early: it failed (they all loop until stop)
          } catch (java.util.concurrent.TimeoutException expected) {
            // still running, as it should
          }
        }
      }
      stop.set(true);
      for (Future<?> f : tasks) {
        f.get(60, TimeUnit.SECONDS); // rethrows a task's assertion failure
      }
      long total = 0;
      for (int w = 0; w < WRITERS; w++) {
        total += acked.get(w);
        assertArrayEquals(value(w, acked.get(w) - 1), db.get(key(w, acked.get(w) - 1)));
      }
      assertTrue(total > 1000, "the writers made too little progress to mean anything: " + total);
    } finally {
      pool.shutdownNow();
    }
  }
}
