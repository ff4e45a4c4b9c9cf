package io.nokv.kv.iterator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.memtable.MemTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MergingIteratorTest {
  private static final long SEED = Long.getLong("nokv.seed", System.nanoTime());

  @Test
  void randomChildrenMatchSortedUnionInBothDirections() {
    SplittableRandom master = new SplittableRandom(SEED);
    for (int round = 0; round < 300; round++) {
      long seed = master.nextLong();
      try {
        runRound(new SplittableRandom(seed));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("failed with nokv.seed=" + SEED + " round " + round + " seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private void runRound(SplittableRandom rnd) {
    int n = rnd.nextInt(8) == 0 ? 20 : rnd.nextInt(6);
    List<MemTable> tables = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tables.add(new MemTable());
    }
    List<byte[][]> all = new ArrayList<>();
    List<byte[]> userKeys = new ArrayList<>();
    int entries = rnd.nextInt(120);
    long seq = 1;
    for (int e = 0; e < entries && n > 0; e++) {
      byte[] uk = TestKeys.randomKey(rnd, 3);
      userKeys.add(uk);
      byte type = rnd.nextInt(4) == 0 ? ValueType.DELETE : ValueType.VALUE;
      byte[] value = type == ValueType.DELETE ? new byte[0] : TestKeys.b("v" + seq);
      tables.get(rnd.nextInt(n)).add(seq, type, uk, value);
      all.add(new byte[][] {InternalKey.encode(uk, seq, type), value});
      seq += 1 + rnd.nextInt(3);
    }
    all.sort(Comparator.comparing((byte[][] kv) -> kv[0], InternalKey.COMPARATOR));
    List<byte[]> keys = all.stream().map(kv -> kv[0]).toList();
    List<byte[]> values = all.stream().map(kv -> kv[1]).toList();

    AtomicInteger open = new AtomicInteger();
    List<TrackingIterator> children = new ArrayList<>();
    for (MemTable t : tables) {
      children.add(new TrackingIterator(t.iterator(), open));
    }
    MergingIterator it = new MergingIterator(children);
    new InternalIteratorChecker(keys, values, userKeys).run(it, rnd, 300);
    it.close();
    assertEquals(0, open.get(), "children left open");
  }

  @Test
  void noChildrenIsAlwaysInvalid() {
    MergingIterator it = new MergingIterator(List.of());
    it.seekToFirst();
    assertFalse(it.isValid());
    it.seekToLast();
    assertFalse(it.isValid());
    it.seek(InternalKey.forSeek(TestKeys.b("a"), 5));
    assertFalse(it.isValid());
    assertThrows(IllegalStateException.class, it::next);
    assertThrows(IllegalStateException.class, it::key);
    it.close();
  }

  @Test
  void ofReturnsSingleChildUnwrapped() {
    InternalIterator child = new MemTable().iterator();
    assertSame(child, MergingIterator.of(List.of(child)));
  }

  @Test
  void closeClosesEveryChildEvenWhenOneFails() {
    AtomicInteger open = new AtomicInteger();
    TrackingIterator first = new TrackingIterator(new MemTable().iterator(), open);
    InternalIterator failing = new TrackingIterator(new MemTable().iterator(), open) {
      @Override
      public void close() {
        super.close();
        throw new IllegalStateException("boom");
      }
    };
    TrackingIterator last = new TrackingIterator(new MemTable().iterator(), open);
    MergingIterator it = new MergingIterator(List.of(first, failing, last));
    IllegalStateException e = assertThrows(IllegalStateException.class, it::close);
    assertEquals("boom", e.getMessage());
    assertEquals(0, open.get());
    assertEquals(1, first.closes);
    assertEquals(1, last.closes);
  }
}
