package io.nokv.kv.iterator;

import static io.nokv.kv.iterator.TestKeys.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.format.Bytes;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RangeTombstoneSetTest {
  private static final long SEED = Long.getLong("nokv.seed", System.nanoTime());

  @Test
  void emptySetCoversNothing() {
    assertTrue(RangeTombstoneSet.EMPTY.isEmpty());
    assertTrue(RangeTombstoneSet.of(List.of()).isEmpty());
    assertEquals(0, RangeTombstoneSet.EMPTY.maxCoveringSeq(b("a"), Long.MAX_VALUE));
    assertNull(RangeTombstoneSet.EMPTY.coveringFragmentEnd(b("a"), Long.MAX_VALUE));
  }

  @Test
  void overlappingTombstonesAreFragmentedWithTheirSequences() {
    // [b, f)@10, [d, h)@20, [d, e)@5
    RangeTombstoneSet set = RangeTombstoneSet.of(List.of(
        new RangeTombstone(b("b"), b("f"), 10),
        new RangeTombstone(b("d"), b("h"), 20),
        new RangeTombstone(b("d"), b("e"), 5)));
    assertEquals(0, set.maxCoveringSeq(b("a"), 100));
    assertEquals(10, set.maxCoveringSeq(b("b"), 100));
    assertEquals(10, set.maxCoveringSeq(b("czz"), 100));
    assertEquals(20, set.maxCoveringSeq(b("d"), 100));
    assertEquals(10, set.maxCoveringSeq(b("d"), 19), "the @20 tombstone is not visible at 19");
    assertEquals(5, set.maxCoveringSeq(b("d"), 9));
    assertEquals(0, set.maxCoveringSeq(b("d"), 4));
    assertEquals(0, set.maxCoveringSeq(b("e"), 9), "[d, e)@5 ends before e");
    assertEquals(20, set.maxCoveringSeq(b("g"), 20));
    assertEquals(0, set.maxCoveringSeq(b("h"), 100), "end is exclusive");
    assertArrayEquals(b("e"), set.coveringFragmentEnd(b("d"), 100));
    assertArrayEquals(b("h"), set.coveringFragmentEnd(b("f"), 100));
    assertNull(set.coveringFragmentEnd(b("f"), 19));
    // Fragments: [b,d){10} [d,e){20,10,5} [e,f){20,10} [f,h){20}
    assertEquals(4, set.fragmentCount());
  }

  @Test
  void adjacentFragmentsWithEqualSequencesMerge() {
    RangeTombstoneSet set = RangeTombstoneSet.of(List.of(
        new RangeTombstone(b("a"), b("c"), 7),
        new RangeTombstone(b("c"), b("e"), 7),
        new RangeTombstone(b("x"), b("y"), 7)));
    assertEquals(2, set.fragmentCount(), set.toString());
    assertArrayEquals(b("e"), set.coveringFragmentEnd(b("a"), 7));
    assertEquals(0, set.maxCoveringSeq(b("m"), 7), "the gap [e, x) is not covered");
  }

  @Test
  void internalKeyLookupMatchesUserKeyLookup() {
    RangeTombstoneSet set = RangeTombstoneSet.of(List.of(new RangeTombstone(b("b"), b("bb"), 9)));
    assertEquals(9, set.maxCoveringSeqOfInternalKey(InternalKey.encode(b("b"), 3, ValueType.VALUE), 10));
    assertEquals(9, set.maxCoveringSeqOfInternalKey(InternalKey.encode(b("b\u0000"), 3, ValueType.VALUE), 10));
    assertEquals(0, set.maxCoveringSeqOfInternalKey(InternalKey.encode(b("bb"), 3, ValueType.VALUE), 10));
    assertEquals(0, set.maxCoveringSeqOfInternalKey(InternalKey.encode(b("a"), 3, ValueType.VALUE), 10));
  }

  @Test
  void rejectsEmptyOrInvertedRanges() {
    assertThrows(IllegalArgumentException.class, () -> new RangeTombstone(b("b"), b("b"), 1));
    assertThrows(IllegalArgumentException.class, () -> new RangeTombstone(b("c"), b("b"), 1));
    assertThrows(IllegalArgumentException.class, () -> new RangeTombstone(null, b("b"), 1));
  }

  @Test
  void randomTombstonesMatchBruteForce() {
    SplittableRandom master = new SplittableRandom(SEED);
    for (int round = 0; round < 300; round++) {
      long seed = master.nextLong();
      SplittableRandom rnd = new SplittableRandom(seed);
      List<RangeTombstone> list = new ArrayList<>();
      int n = rnd.nextInt(30);
      for (int i = 0; i < n; i++) {
        byte[] x = TestKeys.randomKey(rnd, 3);
        byte[] y = TestKeys.randomKey(rnd, 3);
        int c = Bytes.compare(x, y);
        if (c == 0) {
          continue;
        }
        long seq = 1 + rnd.nextInt(50); // duplicates on purpose
        list.add(c < 0 ? new RangeTombstone(x, y, seq) : new RangeTombstone(y, x, seq));
      }
      RangeTombstoneSet set = RangeTombstoneSet.of(list);
      for (int q = 0; q < 200; q++) {
        byte[] key = TestKeys.randomKey(rnd, 4);
        long readSeq = rnd.nextInt(55);
        long expected = 0;
        for (RangeTombstone t : list) {
          if (t.seq() <= readSeq && t.covers(key)) {
            expected = Math.max(expected, t.seq());
          }
        }
        long actual = set.maxCoveringSeq(key, readSeq);
        if (expected != actual) {
          throw new AssertionError("nokv.seed=" + SEED + " round seed " + seed + ": key " + TestKeys.show(key) + " at "
              + readSeq + " expected " + expected + " got " + actual + " from " + list + " fragmented " + set);
        }
        byte[] end = set.coveringFragmentEnd(key, readSeq);
        assertEquals(expected != 0, end != null);
        if (end != null) {
          assertTrue(Bytes.compare(key, end) < 0);
        }
      }
    }
  }
}
