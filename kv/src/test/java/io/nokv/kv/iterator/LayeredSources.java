package io.nokv.kv.iterator;

import io.nokv.kv.format.Bytes;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.memtable.MemTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Random LSM-shaped test data: a few memtables ("sources", oldest first) filled from one
 * increasing sequence counter, so newer sources hold newer versions; puts, value-log pointers,
 * deletes and range tombstones over a small key universe. Also the straightforward model of what
 * a reader at some sequence must see.
 */
final class LayeredSources {
  /** Stored bytes of a VALUE_POINTER entry in these tests: this prefix, then the real value. */
  static final byte[] POINTER_PREFIX = "ptr:".getBytes(StandardCharsets.UTF_8);

  record Point(long seq, byte type, byte[] key, byte[] value) {}

  final List<MemTable> sources = new ArrayList<>();
  final List<Point> points = new ArrayList<>();
  final List<RangeTombstone> tombstones = new ArrayList<>();
  final List<byte[]> universe;
  long lastSeq;

  private LayeredSources(List<byte[]> universe) {
    this.universe = universe;
  }

  static LayeredSources generate(SplittableRandom rnd) {
    TreeSet<byte[]> keys = new TreeSet<>(Bytes.COMPARATOR);
    int universeSize = 1 + rnd.nextInt(30);
    while (keys.size() < universeSize) {
      keys.add(TestKeys.randomKey(rnd, 3));
    }
    LayeredSources data = new LayeredSources(new ArrayList<>(keys));
    int sourceCount = 1 + rnd.nextInt(5);
    long seq = rnd.nextInt(3);
    int tombstonePercent = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(12);
    for (int s = 0; s < sourceCount; s++) {
      MemTable table = new MemTable();
      int ops = rnd.nextInt(rnd.nextInt(4) == 0 ? 150 : 40);
      for (int i = 0; i < ops; i++) {
        seq++;
        int kind = rnd.nextInt(100);
        if (kind < tombstonePercent) {
          byte[] x = data.pickKey(rnd);
          byte[] y = data.pickKey(rnd);
          int c = Bytes.compare(x, y);
          if (c == 0) {
            y = Arrays.copyOf(x, x.length + 1); // [x, x\0) deletes exactly x
          } else if (c > 0) {
            byte[] t = x;
            x = y;
            y = t;
          }
          table.addRangeTombstone(seq, x, y);
          data.tombstones.add(new RangeTombstone(x, y, seq));
          continue;
        }
        byte[] key = data.universe.get(rnd.nextInt(data.universe.size()));
        byte[] value = ("v" + seq).getBytes(StandardCharsets.UTF_8);
        if (kind < 30) {
          table.add(seq, ValueType.DELETE, key, null);
          data.points.add(new Point(seq, ValueType.DELETE, key, null));
        } else if (kind < 45) {
          table.add(seq, ValueType.VALUE_POINTER, key, concat(POINTER_PREFIX, value));
          data.points.add(new Point(seq, ValueType.VALUE_POINTER, key, value));
        } else {
          table.add(seq, ValueType.VALUE, key, value);
          data.points.add(new Point(seq, ValueType.VALUE, key, value));
        }
      }
      data.sources.add(table);
    }
    data.lastSeq = seq;
    return data;
  }

  /** A key for tombstone bounds and seek targets: mostly from the universe, sometimes not. */
  byte[] pickKey(SplittableRandom rnd) {
    return rnd.nextInt(4) == 0 ? TestKeys.randomKey(rnd, 3) : universe.get(rnd.nextInt(universe.size()));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The test resolver's decoding of a stored pointer. */
  static byte[] resolvePointer(byte[] internalKey, byte[] stored) {
    if (InternalKey.type(internalKey) != ValueType.VALUE_POINTER) {
      throw new AssertionError("resolver called for " + InternalKey.describe(internalKey));
    }
    if (!Arrays.equals(stored, 0, POINTER_PREFIX.length, POINTER_PREFIX, 0, POINTER_PREFIX.length)) {
      throw new AssertionError("not a test pointer: " + Bytes.toDebugString(stored));
    }
    return Arrays.copyOfRange(stored, POINTER_PREFIX.length, stored.length);
  }

  /** What a reader at {@code readSeq} sees, restricted to [lower, upper) (either may be null). */
  TreeMap<byte[], byte[]> visible(long readSeq, byte[] lower, byte[] upper) {
    TreeMap<byte[], byte[]> newest = new TreeMap<>(Bytes.COMPARATOR);
    TreeMap<byte[], Point> newestPoint = new TreeMap<>(Bytes.COMPARATOR);
    for (Point p : points) {
      if (p.seq() <= readSeq) {
        Point old = newestPoint.get(p.key());
        if (old == null || old.seq() < p.seq()) {
          newestPoint.put(p.key(), p);
        }
      }
    }
    for (Point p : newestPoint.values()) {
      if (p.type() == ValueType.DELETE || p.seq() < maxCoveringTombstone(p.key(), readSeq)) {
        continue;
      }
      if ((lower != null && Bytes.compare(p.key(), lower) < 0) || (upper != null && Bytes.compare(p.key(), upper) >= 0)) {
        continue;
      }
      newest.put(p.key(), p.value());
    }
    return newest;
  }

  long maxCoveringTombstone(byte[] key, long readSeq) {
    long best = 0;
    for (RangeTombstone t : tombstones) {
      if (t.seq() <= readSeq && t.covers(key)) {
        best = Math.max(best, t.seq());
      }
    }
    return best;
  }

  /**
   * The entry stream of source {@code i}: its memtable iterator, or (when {@code asLevel}) the same
   * entries cut at random points into several "files" read through a {@link LevelIterator}.
   */
  InternalIterator sourceIterator(int i, boolean asLevel, SplittableRandom rnd) {
    MemTable table = sources.get(i);
    if (!asLevel) {
      return table.iterator();
    }
    List<MemTable> files = new ArrayList<>();
    List<byte[]> smallest = new ArrayList<>();
    List<byte[]> largest = new ArrayList<>();
    MemTable file = null;
    byte[] last = null;
    try (InternalIterator it = table.iterator()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        if (file == null || rnd.nextInt(4) == 0) {
          if (file != null) {
            largest.add(last);
          }
          file = new MemTable();
          files.add(file);
          smallest.add(it.key());
        }
        byte[] ik = it.key();
        file.add(InternalKey.sequence(ik), InternalKey.type(ik), InternalKey.userKey(ik), it.value());
        last = ik;
      }
    }
    if (file != null) {
      largest.add(last);
    }
    return new LevelIterator(smallest, largest, f -> files.get(f).iterator());
  }
}
