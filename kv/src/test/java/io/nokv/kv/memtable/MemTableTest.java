package io.nokv.kv.memtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.iterator.InternalIterator;
import io.nokv.kv.iterator.RangeTombstone;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MemTableTest {
  private static final long SEED = Long.getLong("nokv.seed", System.nanoTime());

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertFound(GetResult r, String value, long seq) {
    assertEquals(GetResult.Status.FOUND, r.status(), () -> "got " + r);
    assertArrayEquals(b(value), r.value());
    assertEquals(seq, r.sequence());
  }

  private static void assertDeleted(GetResult r, long seq) {
    assertEquals(GetResult.Status.DELETED, r.status(), () -> "got " + r);
    assertEquals(seq, r.sequence());
  }

  @Test
  void getReturnsNewestVersionAtReadSequence() {
    MemTable m = new MemTable();
    m.add(1, ValueType.VALUE, b("k"), b("v1"));
    m.add(3, ValueType.VALUE, b("k"), b("v3"));
    m.add(5, ValueType.DELETE, b("k"), null);
    m.add(7, ValueType.VALUE, b("k"), b("v7"));
    m.add(2, ValueType.VALUE, b("ka"), b("ka2"));
    m.add(4, ValueType.VALUE, b("j"), b("j4"));

    assertSame(GetResult.NOT_FOUND, m.get(b("k"), 0));
    assertFound(m.get(b("k"), 1), "v1", 1);
    assertFound(m.get(b("k"), 2), "v1", 1);
    assertFound(m.get(b("k"), 4), "v3", 3);
    assertDeleted(m.get(b("k"), 5), 5);
    assertDeleted(m.get(b("k"), 6), 5);
    assertFound(m.get(b("k"), 7), "v7", 7);
    assertFound(m.get(b("k"), InternalKey.MAX_SEQUENCE), "v7", 7);
    assertFound(m.get(b("k"), Long.MAX_VALUE), "v7", 7);
    // Neighbours and prefixes are distinct keys.
    assertSame(GetResult.NOT_FOUND, m.get(b("ka"), 1));
    assertFound(m.get(b("ka"), 2), "ka2", 2);
    assertSame(GetResult.NOT_FOUND, m.get(b("k\u0000"), 100));
    assertSame(GetResult.NOT_FOUND, m.get(b("a"), 100));
    assertSame(GetResult.NOT_FOUND, m.get(b("z"), 100));
  }

  @Test
  void rangeTombstonesHidePointEntriesAndOlderSources() {
    MemTable m = new MemTable();
    m.add(2, ValueType.VALUE, b("b"), b("b2"));
    m.addRangeTombstone(4, b("b"), b("d"));
    m.add(6, ValueType.VALUE, b("c"), b("c6"));

    assertFound(m.get(b("b"), 3), "b2", 2);
    assertDeleted(m.get(b("b"), 4), 4);
    assertDeleted(m.get(b("b"), 100), 4);
    assertSame(GetResult.NOT_FOUND, m.get(b("c"), 3));
    assertDeleted(m.get(b("c"), 5), 4);
    assertFound(m.get(b("c"), 6), "c6", 6);
    // No point entry here, but the tombstone must still stop the search of older sources.
    assertDeleted(m.get(b("bz"), 4), 4);
    assertSame(GetResult.NOT_FOUND, m.get(b("bz"), 3));
    assertSame(GetResult.NOT_FOUND, m.get(b("d"), 100), "end is exclusive");
    assertSame(GetResult.NOT_FOUND, m.get(b("a"), 100));
  }

  @Test
  void valuePointersAreReportedAsSuch() {
    MemTable m = new MemTable();
    m.add(1, ValueType.VALUE_POINTER, b("k"), b("ptr"));
    GetResult r = m.get(b("k"), 1);
    assertTrue(r.isFound());
    assertTrue(r.isValuePointer());
    m.add(2, ValueType.VALUE, b("k"), b("v"));
    assertFalse(m.get(b("k"), 2).isValuePointer());
  }

  @Test
  void addFromBufferSlices() {
    MemTable m = new MemTable();
    byte[] buf = b("xxKEYyyVALUEzz");
    m.add(9, ValueType.VALUE, buf, 2, 3, buf, 7, 5);
    assertFound(m.get(b("KEY"), 9), "VALUE", 9);
    m.add(10, ValueType.DELETE, buf, 2, 3, buf, 0, 0);
    assertDeleted(m.get(b("KEY"), 10), 10);
  }

  @Test
  void rejectsDuplicatesBadTypesAndSequences() {
    MemTable m = new MemTable();
    m.add(1, ValueType.VALUE, b("k"), b("v"));
    assertThrows(IllegalArgumentException.class, () -> m.add(1, ValueType.VALUE, b("k"), b("w")));
    assertThrows(IllegalArgumentException.class, () -> m.add(2, ValueType.RANGE_DELETE, b("k"), b("w")));
    assertThrows(IllegalArgumentException.class, () -> m.add(2, ValueType.FOR_SEEK, b("k"), b("w")));
    assertThrows(IllegalArgumentException.class, () -> m.add(-1, ValueType.VALUE, b("k"), b("w")));
    assertThrows(IllegalArgumentException.class, () -> m.add(InternalKey.MAX_SEQUENCE + 1, ValueType.VALUE, b("k"), b("w")));
    assertThrows(IllegalArgumentException.class, () -> m.addRangeTombstone(3, b("b"), b("a")));
    assertEquals(1, m.entryCount(), "failed adds change nothing");
    assertFound(m.get(b("k"), 5), "v", 1);
  }

  @Test
  void statistics() {
    MemTable m = new MemTable();
    assertTrue(m.isEmpty());
    assertEquals(0, m.entryCount());
    assertEquals(0, m.approximateMemoryUsage());
    assertEquals(0, m.smallestSeq());
    assertEquals(0, m.largestSeq());
    m.add(10, ValueType.VALUE, b("key"), b("value"));
    long one = m.approximateMemoryUsage();
    assertTrue(one >= 3 + 8 + 5, "counts key, trailer and value bytes: " + one);
    m.add(5, ValueType.DELETE, b("key"), null);
    m.addRangeTombstone(12, b("a"), b("b"));
    assertTrue(m.approximateMemoryUsage() > one);
    assertFalse(m.isEmpty());
    assertEquals(3, m.entryCount());
    assertEquals(2, m.pointEntryCount());
    assertEquals(1, m.rangeTombstoneCount());
    assertEquals(5, m.smallestSeq());
    assertEquals(12, m.largestSeq());
    List<RangeTombstone> ts = m.rangeTombstones();
    assertEquals(1, ts.size());
    assertEquals(12, ts.get(0).seq());
    assertEquals(12, m.rangeTombstoneSet().maxCoveringSeq(b("a"), 100));
  }

  @Test
  void iteratorWalksEntriesInInternalKeyOrderBothWays() {
    MemTable m = new MemTable();
    SplittableRandom rnd = new SplittableRandom(SEED);
    List<byte[]> expected = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      byte[] uk = b("k" + rnd.nextInt(300));
      byte type = rnd.nextBoolean() ? ValueType.VALUE : ValueType.DELETE;
      m.add(i + 1, type, uk, b("v" + i));
      expected.add(InternalKey.encode(uk, i + 1, type));
    }
    expected.sort(InternalKey.COMPARATOR);
    try (InternalIterator it = m.iterator()) {
      int i = 0;
      for (it.seekToFirst(); it.isValid(); it.next()) {
        assertArrayEquals(expected.get(i++), it.key(), "seed " + SEED);
      }
      assertEquals(expected.size(), i);
      i = expected.size();
      for (it.seekToLast(); it.isValid(); it.prev()) {
        assertArrayEquals(expected.get(--i), it.key(), "seed " + SEED);
      }
      assertEquals(0, i);
      it.seek(InternalKey.forSeek(b("k150"), InternalKey.MAX_SEQUENCE));
      assertTrue(it.isValid());
      assertTrue(InternalKey.compareUserKey(it.key(), b("k150")) >= 0);
      it.prev();
      assertTrue(InternalKey.compareUserKey(it.key(), b("k150")) < 0);
      it.seek(InternalKey.forSeek(b("zzz"), 0));
      assertFalse(it.isValid());
      assertThrows(IllegalStateException.class, it::next);
    }
  }

  /**
   * Many overlapping tombstones added between lookups: exercises both the linear scan (few
   * tombstones) and the cached fragmented set (many), and the cache's refresh after each add.
   */
  @Test
  void getWithManyTombstonesMatchesBruteForce() {
    SplittableRandom rnd = new SplittableRandom(SEED);
    MemTable m = new MemTable();
    List<RangeTombstone> tombstones = new ArrayList<>();
    List<long[]> points = new ArrayList<>(); // {keyIndex, seq, type}
    long seq = 0;
    for (int step = 0; step < 400; step++) {
      seq++;
      if (rnd.nextInt(4) == 0) {
        int x = rnd.nextInt(50);
        int y = x + 1 + rnd.nextInt(10);
        m.addRangeTombstone(seq, key(x), key(y));
        tombstones.add(new RangeTombstone(key(x), key(y), seq));
      } else {
        int k = rnd.nextInt(50);
        byte type = rnd.nextInt(4) == 0 ? ValueType.DELETE : ValueType.VALUE;
        m.add(seq, type, key(k), b("v" + seq));
        points.add(new long[] {k, seq, type});
      }
      for (int q = 0; q < 5; q++) {
        int k = rnd.nextInt(60);
        long readSeq = rnd.nextLong(seq + 1);
        long tomb = 0;
        for (RangeTombstone t : tombstones) {
          if (t.seq() <= readSeq && t.covers(key(k))) {
            tomb = Math.max(tomb, t.seq());
          }
        }
        long[] newest = null;
        for (long[] p : points) {
          if (p[0] == k && p[1] <= readSeq && (newest == null || p[1] > newest[1])) {
            newest = p;
          }
        }
        GetResult r = m.get(key(k), readSeq);
        String ctx = "seed " + SEED + " key " + k + " at " + readSeq + " got " + r;
        if (newest != null && newest[1] > tomb) {
          if (newest[2] == ValueType.DELETE) {
            assertDeleted(r, newest[1]);
          } else {
            assertEquals(GetResult.Status.FOUND, r.status(), ctx);
            assertArrayEquals(b("v" + newest[1]), r.value(), ctx);
          }
        } else if (tomb > 0) {
          assertEquals(GetResult.Status.DELETED, r.status(), ctx);
          assertEquals(tomb, r.sequence(), ctx);
        } else {
          assertSame(GetResult.NOT_FOUND, r, ctx);
        }
      }
    }
    assertTrue(m.rangeTombstoneCount() > 50);
  }

  private static byte[] key(int i) {
    return b(String.format("k%03d", i));
  }
}
