package io.nokv.kv.memtable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.iterator.InternalIterator;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * One writer inserts distinct keys in random order while readers look up and scan: every entry
 * published (inserted before the writer advanced the published sequence) must be found, and scans
 * must always see a sorted list holding at least the published entries.
 */
class MemTableConcurrencyTest {
  private static final long SEED = Long.getLong("nokv.seed", System.nanoTime());
  private static final int ENTRIES = 40_000;

  private static byte[] keyOf(int i) {
    return String.format("key%08d", i).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readersSeeEveryPublishedEntryWhileOneWriterInserts() throws Exception {
    SplittableRandom rnd = new SplittableRandom(SEED);
    int[] order = new int[ENTRIES];
    for (int i = 0; i < ENTRIES; i++) {
      order[i] = i;
    }
    for (int i = ENTRIES - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    MemTable m = new MemTable();
    AtomicLong published = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);

    Thread writer = new Thread(() -> {
      try {
        start.await();
        for (int s = 1; s <= ENTRIES; s++) {
          m.add(s, ValueType.VALUE, keyOf(order[s - 1]), keyOf(s));
          published.set(s);
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    });
    Thread[] readers = new Thread[2];
    for (int r = 0; r < readers.length; r++) {
      long readerSeed = rnd.nextLong();
      readers[r] = new Thread(() -> {
        SplittableRandom local = new SplittableRandom(readerSeed);
        try {
          start.await();
          long gets = 0;
          while (true) {
            boolean last = published.get() == ENTRIES; // one more round after the writer is done
            long p = published.get();
            if (p > 0) {
              int s = 1 + local.nextInt((int) p);
              GetResult res = m.get(keyOf(order[s - 1]), p);
              if (!res.isFound() || res.sequence() != s) {
                throw new AssertionError("published seq " + s + " not found at " + p + ": " + res);
              }
            }
            if (++gets % 4000 == 0 || last) {
              scan(m, p);
            }
            if (last) {
              return;
            }
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      });
    }
    writer.start();
    for (Thread t : readers) {
      t.start();
    }
    start.countDown();
    writer.join();
    for (Thread t : readers) {
      t.join();
    }
    if (failure.get() != null) {
      throw new AssertionError("seed " + SEED, failure.get());
    }
    assertEquals(ENTRIES, m.pointEntryCount());
  }

  /** Scans forward and checks order and that at least {@code published} entries are present. */
  private static void scan(MemTable m, long published) {
    long count = 0;
    byte[] prev = null;
    try (InternalIterator it = m.iterator()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (prev != null && InternalKey.compare(prev, k) >= 0) {
          throw new AssertionError("out of order: " + InternalKey.describe(prev) + " then " + InternalKey.describe(k));
        }
        prev = k;
        count++;
      }
    }
    if (count < published) {
      throw new AssertionError("scan saw " + count + " entries, " + published + " were published");
    }
  }
}
