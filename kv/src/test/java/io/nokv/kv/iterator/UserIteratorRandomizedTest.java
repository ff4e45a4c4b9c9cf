package io.nokv.kv.iterator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nokv.kv.DbClosedException;
import io.nokv.kv.format.Bytes;
import io.nokv.kv.memtable.GetResult;
import io.nokv.kv.memtable.MemTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Layered memtables merged by {@link MergingIterator} (some read through {@link LevelIterator}s)
 * under a {@link UserIterator} at random read sequences and bounds, driven by random mixes of
 * seeks and steps with many direction changes, checked step by step against a TreeMap model of
 * the visible state. Also checks layered {@link MemTable#get} lookups against the same model.
 * Run with {@code -Dnokv.seed=...} to repeat a failure.
 */
class UserIteratorRandomizedTest {
  private static final long SEED = Long.getLong("nokv.seed", System.nanoTime());
  private static final int ROUNDS = 500;

  @Test
  void iteratorMatchesModel() {
    SplittableRandom master = new SplittableRandom(SEED);
    for (int round = 0; round < ROUNDS; round++) {
      long seed = master.nextLong();
      try {
        runIteratorRound(new SplittableRandom(seed));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("failed with -Dnokv.seed=" + SEED + " (round " + round + ", round seed " + seed + "): " + e.getMessage(), e);
      }
    }
  }

  @Test
  void layeredGetMatchesModel() {
    SplittableRandom master = new SplittableRandom(SEED ^ 0x5DEECE66DL);
    for (int round = 0; round < ROUNDS; round++) {
      long seed = master.nextLong();
      try {
        runGetRound(new SplittableRandom(seed));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("failed with -Dnokv.seed=" + SEED + " (round " + round + ", round seed " + seed + "): " + e.getMessage(), e);
      }
    }
  }

  private static long randomReadSeq(SplittableRandom rnd, LayeredSources data) {
    return rnd.nextInt(3) == 0 ? data.lastSeq : rnd.nextLong(data.lastSeq + 3);
  }

  private void runIteratorRound(SplittableRandom rnd) {
    LayeredSources data = LayeredSources.generate(rnd);
    long readSeq = randomReadSeq(rnd, data);
    byte[] lower = rnd.nextBoolean() ? null : data.pickKey(rnd);
    byte[] upper = rnd.nextBoolean() ? null : data.pickKey(rnd);
    TreeMap<byte[], byte[]> model = data.visible(readSeq, lower, upper);

    AtomicInteger open = new AtomicInteger();
    List<InternalIterator> children = new ArrayList<>();
    for (int i = 0; i < data.sources.size(); i++) {
      children.add(new TrackingIterator(data.sourceIterator(i, rnd.nextInt(3) == 0, rnd), open));
    }
    AtomicInteger resolves = new AtomicInteger();
    AtomicInteger closes = new AtomicInteger();
    UserIterator it = new UserIterator(
        MergingIterator.of(children),
        readSeq,
        RangeTombstoneSet.of(data.tombstones),
        (ik, stored) -> {
          resolves.incrementAndGet();
          return LayeredSources.resolvePointer(ik, stored);
        },
        lower,
        upper,
        closes::incrementAndGet);

    StringBuilder trace = new StringBuilder("readSeq=" + readSeq + " lower=" + TestKeys.show(lower) + " upper=" + TestKeys.show(upper)
        + " model=" + show(model) + " ops: ");
    byte[] pos = null;
    for (int step = 0; step < 200; step++) {
      int op = rnd.nextInt(12);
      int resolvesBefore = resolves.get();
      if (op == 0) {
        trace.append("seekToFirst ");
        it.seekToFirst();
        pos = model.isEmpty() ? null : model.firstKey();
      } else if (op == 1) {
        trace.append("seekToLast ");
        it.seekToLast();
        pos = model.isEmpty() ? null : model.lastKey();
      } else if (op <= 3) {
        byte[] t = target(rnd, data, lower, upper);
        trace.append("seek(").append(TestKeys.show(t)).append(") ");
        it.seek(t);
        pos = model.ceilingKey(t);
      } else if (op <= 5) {
        byte[] t = target(rnd, data, lower, upper);
        trace.append("seekForPrev(").append(TestKeys.show(t)).append(") ");
        it.seekForPrev(t);
        pos = model.floorKey(t);
      } else if (pos == null) {
        assertEquals(false, it.isValid(), trace::toString);
        assertThrows(IllegalStateException.class, op <= 8 ? it::next : it::prev);
        assertThrows(IllegalStateException.class, it::key);
        continue;
      } else if (op <= 8) {
        trace.append("next ");
        it.next();
        pos = model.higherKey(pos);
      } else {
        trace.append("prev ");
        it.prev();
        pos = model.lowerKey(pos);
      }
      String where = trace.toString();
      assertEquals(pos != null, it.isValid(), () -> "validity after " + where);
      if (pos != null) {
        byte[] expectedKey = pos;
        assertArrayEquals(expectedKey, it.key(), () -> "key after " + where + " expected " + TestKeys.show(expectedKey));
        assertEquals(resolvesBefore, resolves.get(), () -> "moves and key() must not resolve values: " + where);
        if (rnd.nextBoolean()) {
          assertArrayEquals(model.get(pos), it.value(), () -> "value after " + where);
        }
      }
      trace.append(pos == null ? "=invalid; " : "=" + TestKeys.show(pos) + "; ");
    }
    it.close();
    assertEquals(0, open.get(), "sources left open");
    assertEquals(1, closes.get());
    it.close();
    assertEquals(1, closes.get(), "onClose runs once");
    assertThrows(DbClosedException.class, it::isValid);
    assertThrows(DbClosedException.class, it::seekToFirst);
  }

  private static byte[] target(SplittableRandom rnd, LayeredSources data, byte[] lower, byte[] upper) {
    int c = rnd.nextInt(10);
    if (c == 0 && lower != null) {
      return lower;
    }
    if (c == 1 && upper != null) {
      return upper;
    }
    return data.pickKey(rnd);
  }

  private void runGetRound(SplittableRandom rnd) {
    LayeredSources data = LayeredSources.generate(rnd);
    for (int q = 0; q < 50; q++) {
      long readSeq = randomReadSeq(rnd, data);
      TreeMap<byte[], byte[]> model = data.visible(readSeq, null, null);
      byte[] key = data.pickKey(rnd);
      byte[] actual = null;
      String decidedBy = "no source";
      // Newest source first; the first FOUND or DELETED answer decides.
      for (int s = data.sources.size() - 1; s >= 0; s--) {
        GetResult r = data.sources.get(s).get(key, readSeq);
        if (r.isFound()) {
          actual = r.isValuePointer()
              ? LayeredSources.resolvePointer(io.nokv.kv.format.InternalKey.encode(key, r.sequence(), r.valueType()), r.value())
              : r.value();
          decidedBy = "source " + s + " FOUND@" + r.sequence();
          break;
        }
        if (r.isDeleted()) {
          decidedBy = "source " + s + " DELETED@" + r.sequence();
          break;
        }
      }
      byte[] expected = model.get(key);
      String why = decidedBy;
      assertArrayEquals(expected, actual, () -> "get(" + TestKeys.show(key) + ", " + readSeq + ") decided by " + why
          + "; tombstones " + data.tombstones);
    }
  }

  private static String show(TreeMap<byte[], byte[]> model) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
      sb.append(TestKeys.show(e.getKey())).append('=').append(Bytes.toDebugString(e.getValue())).append(' ');
    }
    return sb.append('}').toString();
  }
}
