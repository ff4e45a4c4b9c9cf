package io.nokv.txn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.Db;
import io.nokv.txn.mvcc.MvccFormatException;
import io.nokv.txn.mvcc.Timestamps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimestampOracleTest {
  private static final long WINDOW = 3000;
  private static final long HOUR = 3_600_000;

  @TempDir Path dir;

  /** A clock the test moves by hand. */
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

  private Db open() {
    return Db.open(dir.resolve("db"));
  }

  @Test
  void strictlyIncreasingAndUniqueUnderFourThreads() throws Exception {
    int threads = 4;
    int perThread = 20_000;
    try (Db db = open()) {
      TimestampOracle tso = new TimestampOracle(db, System::currentTimeMillis, WINDOW);
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int count = t % 2 == 0 ? 1 : 3; // batches too
          Callable<long[]> task = () -> {
            start.await();
            long[] out = new long[perThread];
            for (int i = 0; i < perThread; i++) {
              out[i] = tso.next(count);
            }
            return out;
          };
          futures.add(pool.submit(task));
        }
        Set<Long> all = new HashSet<>();
        for (int t = 0; t < threads; t++) {
          long[] ts = futures.get(t).get();
          int count = t % 2 == 0 ? 1 : 3;
          for (int i = 0; i < ts.length; i++) {
            if (i > 0) {
              assertTrue(ts[i] > ts[i - 1], "thread " + t + " went back at " + i);
            }
            for (int c = 0; c < count; c++) {
              assertTrue(all.add(ts[i] + c), "timestamp " + (ts[i] + c) + " issued twice");
            }
          }
        }
        assertEquals(threads / 2 * perThread * (1 + 3), all.size());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aBatchIsConsecutiveWithinOneMillisecond() {
    try (Db db = open()) {
      TimestampOracle tso = new TimestampOracle(db, clock::get, WINDOW);

      long first = tso.next(10);
      long next = tso.next(1);

      assertEquals(first + 10, next);
      assertEquals(clock.get(), Timestamps.physical(first));
      assertEquals(0, Timestamps.logical(first));
    }
  }

  @Test
  void logicalOverflowMovesPhysicalForwardWhileTheClockStandsStill() {
    try (Db db = open()) {
      TimestampOracle tso = new TimestampOracle(db, clock::get, WINDOW);
      long now = clock.get();

      long first = tso.next((int) Timestamps.MAX_LOGICAL);
      long afterOverflow = tso.next(1);
      long batchThatDoesNotFit = tso.next(2);
      long prev = batchThatDoesNotFit;
      for (int i = 0; i < 3 * (int) Timestamps.MAX_LOGICAL; i++) {
        long ts = tso.next(1);
        assertTrue(ts > prev);
        prev = ts;
      }

      assertEquals(Timestamps.compose(now, 0), first);
      assertEquals(Timestamps.compose(now + 1, 0), afterOverflow);
      assertTrue(batchThatDoesNotFit > afterOverflow);
      assertTrue(Timestamps.logical(batchThatDoesNotFit) + 2 - 1 <= Timestamps.MAX_LOGICAL, "a batch never wraps");
      assertTrue(Timestamps.physical(prev) >= now + 4, "the physical part ran ahead of the stopped clock");
    }
  }

  @Test
  void aFullBatchAfterAPartlyUsedMillisecondStartsANewOne() {
    try (Db db = open()) {
      TimestampOracle tso = new TimestampOracle(db, clock::get, WINDOW);
      long now = clock.get();
      tso.next(5);

      long batch = tso.next((int) Timestamps.MAX_LOGICAL);

      assertEquals(Timestamps.compose(now + 1, 0), batch);
      assertThrows(IllegalArgumentException.class, () -> tso.next(0));
      assertThrows(IllegalArgumentException.class, () -> tso.next((int) Timestamps.MAX_LOGICAL + 1));
    }
  }

  @Test
  void aClockGoingBackwardsNeverYieldsASmallerTimestamp() {
    try (Db db = open()) {
      TimestampOracle tso = new TimestampOracle(db, clock::get, WINDOW);
      long before = tso.next(1);
      clock.addAndGet(500);
      long ahead = tso.next(1);

      clock.addAndGet(-HOUR);
      long afterJump = tso.next(1);
      long later = tso.next(1);
      clock.addAndGet(HOUR + 1000);
      long caughtUp = tso.next(1);

      assertTrue(ahead > before);
      assertTrue(afterJump > ahead, "clock went back an hour");
      assertTrue(later > afterJump);
      assertEquals(Timestamps.physical(ahead), Timestamps.physical(afterJump), "stays on the last physical time");
      assertEquals(Timestamps.compose(clock.get(), 0), caughtUp, "follows the clock again once it passes");
    }
  }

  @Test
  void afterReopenTheFirstTimestampIsAboveEveryEarlierOne() {
    long max = 0;
    for (int round = 0; round < 3; round++) {
      try (Db db = open()) {
        TimestampOracle tso = new TimestampOracle(db, clock::get, WINDOW);
        long first = tso.next(1);
        assertTrue(first > max, "round " + round + ": " + first + " <= " + max);
        for (int i = 0; i < 1000; i++) {
          clock.addAndGet(i % 100 == 0 ? 1 : 0);
          max = Math.max(max, tso.next(1));
        }
        clock.addAndGet(2 * WINDOW); // cross a window: the oracle persists a new limit
        max = Math.max(max, tso.next(1));
      }
    }
  }

  @Test
  void afterReopenWithTheClockSetBackAnHourTimestampsStillGrow() {
    long max;
    try (Db db = open()) {
      TimestampOracle tso = new TimestampOracle(db, clock::get, WINDOW);
      clock.addAndGet(WINDOW - 1); // the last millisecond before the persisted limit
      tso.next((int) Timestamps.MAX_LOGICAL); // and use it up
      max = tso.next(1);
    }
    clock.addAndGet(-HOUR);

    try (Db db = open()) {
      TimestampOracle tso = new TimestampOracle(db, clock::get, WINDOW);
      long first = tso.next(1);
      long second = tso.next(1);

      assertTrue(first > max, first + " <= " + max);
      assertTrue(second > first);
    }
  }

  @Test
  void aCorruptedRecordIsRefused() {
    try (Db db = open()) {
      new TimestampOracle(db, clock::get, WINDOW).next(1);
      byte[] good = db.get(TimestampOracle.KEY);
      assertEquals(LongRecord.LENGTH, good.length);

      for (int i = 0; i < good.length; i++) {
        byte[] bad = good.clone();
        bad[i] ^= 0x10;
        db.put(TimestampOracle.KEY, bad);
        assertThrows(MvccFormatException.class, () -> new TimestampOracle(db, clock::get, WINDOW), "byte " + i);
      }
      db.put(TimestampOracle.KEY, Arrays.copyOf(good, good.length - 1));
      assertThrows(MvccFormatException.class, () -> new TimestampOracle(db, clock::get, WINDOW), "truncated");
      db.put(TimestampOracle.KEY, LongRecord.encode(0x12345678, 42));
      assertThrows(MvccFormatException.class, () -> new TimestampOracle(db, clock::get, WINDOW), "another record's magic");

      db.put(TimestampOracle.KEY, good);
      assertTrue(new TimestampOracle(db, clock::get, WINDOW).next(1) > 0, "the good record opens again");
    }
  }

  @Test
  void aWindowMustBePositive() {
    try (Db db = open()) {
      assertThrows(IllegalArgumentException.class, () -> new TimestampOracle(db, clock::get, 0));
    }
  }

  @Test
  void theLocalStoreHandsOutGrowingTimestampsAcrossRestarts() {
    long last;
    try (LocalStore store = LocalStore.open(dir.resolve("store"))) {
      long a = store.getTimestamps(1);
      long b = store.getTimestamps(5);
      assertTrue(b > a);
      last = b + 4;
    }
    try (LocalStore store = LocalStore.open(dir.resolve("store"))) {
      assertTrue(store.getTimestamps(1) > last);
    }
  }
}
