package io.nokv.kv.memtable;

import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.iterator.InternalIterator;
import io.nokv.kv.iterator.RangeTombstone;
import io.nokv.kv.iterator.RangeTombstoneSet;
import java.util.Arrays;
import java.util.List;

/**
 * The in-memory write buffer: point entries in a {@link SkipList} ordered by internal key, plus
 * the range tombstones written to it, kept apart in insertion order (they are not part of the
 * entry stream; readers apply them through a {@link RangeTombstoneSet}).
 *
 * <p>Thread-safety: writers ({@link #add}, {@link #addRangeTombstone}) are serialised by a lock
 * (normally only the engine's commit leader writes, so it is uncontended); readers ({@link #get},
 * iterators, the accessors) take no lock and may run concurrently with a writer. A reader sees
 * every entry whose insertion finished before the reader started; the engine publishes a sequence
 * to readers only after all entries up to it are inserted, so reads at a published sequence are
 * exact.
 *
 * <p>Ownership: the memtable copies user keys (into internal keys) but keeps the value arrays given
 * to {@link #add(long, byte, byte[], byte[])} and the tombstone bounds as they are; callers must not
 * modify them afterwards. Arrays returned by reads are shared and must not be modified either.
 */
public final class MemTable {
  /** Estimated heap bytes per entry beyond its key and value bytes (node, pointers, headers). */
  static final long ENTRY_OVERHEAD = 96;
  /** Up to this many tombstones a lookup scans them; above, it uses a fragmented set. */
  private static final int LINEAR_TOMBSTONE_SCAN = 8;
  private static final byte[] EMPTY = new byte[0];

  private final SkipList list = new SkipList();
  private final Object writeLock = new Object();

  private volatile long memoryUsage;
  private volatile long pointEntries;
  private volatile long smallestSeq = Long.MAX_VALUE;
  private volatile long largestSeq;

  /** Append-only; element i is written before {@link #tombstoneCount} exceeds i. */
  private volatile RangeTombstone[] tombstones = new RangeTombstone[4];
  private volatile int tombstoneCount;
  private volatile FragmentedTombstones fragmented;

  private record FragmentedTombstones(int count, RangeTombstoneSet set) {}

  /**
   * Adds a point entry. {@code type} is {@link ValueType#VALUE}, {@link ValueType#VALUE_POINTER}
   * (value = encoded pointer) or {@link ValueType#DELETE} (value ignored, may be null).
   *
   * @throws IllegalArgumentException on another type, a sequence outside [0, MAX_SEQUENCE], or an
   *     internal key (user key, sequence, type) already present
   */
  public void add(long seq, byte type, byte[] userKey, byte[] value) {
    checkType(type);
    checkSeq(seq);
    byte[] v = type == ValueType.DELETE || value == null ? EMPTY : value;
    insert(seq, InternalKey.encode(userKey, seq, type), v);
  }

  /** Like {@link #add(long, byte, byte[], byte[])} but copies key and value out of larger buffers. */
  public void add(
      long seq, byte type, byte[] keyBuf, int keyOff, int keyLen, byte[] valueBuf, int valueOff, int valueLen) {
    checkType(type);
    checkSeq(seq);
    byte[] v = type == ValueType.DELETE || valueLen == 0
        ? EMPTY
        : Arrays.copyOfRange(valueBuf, valueOff, valueOff + valueLen);
    insert(seq, InternalKey.encode(keyBuf, keyOff, keyLen, seq, type), v);
  }

  private void insert(long seq, byte[] internalKey, byte[] value) {
    synchronized (writeLock) {
      if (!list.insert(internalKey, value)) {
        throw new IllegalArgumentException(
            "internal key " + InternalKey.describe(internalKey) + " is already in the memtable");
      }
      pointEntries++;
      memoryUsage += internalKey.length + value.length + ENTRY_OVERHEAD;
      noteSeq(seq);
    }
  }

  /** Adds a range tombstone deleting [start, end) for entries older than {@code seq}. */
  public void addRangeTombstone(long seq, byte[] start, byte[] end) {
    checkSeq(seq);
    RangeTombstone t = new RangeTombstone(start, end, seq);
    synchronized (writeLock) {
      int n = tombstoneCount;
      RangeTombstone[] arr = tombstones;
      if (n == arr.length) {
        arr = Arrays.copyOf(arr, n * 2);
        tombstones = arr; // published before the count that makes the new slot readable
      }
      arr[n] = t;
      tombstoneCount = n + 1;
      memoryUsage += start.length + end.length + ENTRY_OVERHEAD;
      noteSeq(seq);
    }
  }

  private void noteSeq(long seq) {
    if (seq < smallestSeq) {
      smallestSeq = seq;
    }
    if (seq > largestSeq) {
      largestSeq = seq;
    }
  }

  private static void checkType(byte type) {
    if (type != ValueType.VALUE && type != ValueType.DELETE && type != ValueType.VALUE_POINTER) {
      throw new IllegalArgumentException("memtable entries are VALUE, VALUE_POINTER or DELETE, not type " + type);
    }
  }

  private static void checkSeq(long seq) {
    if (seq < 0 || seq > InternalKey.MAX_SEQUENCE) {
      throw new IllegalArgumentException("sequence " + seq + " is outside [0, " + InternalKey.MAX_SEQUENCE + "]");
    }
  }

  /**
   * The newest version of {@code userKey} visible at {@code readSeq}, taking this memtable's range
   * tombstones into account. A covering tombstone visible at {@code readSeq} and newer than the
   * point entry (or with no point entry here at all) gives DELETED with the tombstone's sequence,
   * because it also hides the key in older sources.
   */
  public GetResult get(byte[] userKey, long readSeq) {
    readSeq = Math.max(0, Math.min(readSeq, InternalKey.MAX_SEQUENCE)); // "latest" may be Long.MAX_VALUE
    long tombstoneSeq = coveringTombstoneSeq(userKey, readSeq);
    // (readSeq, FOR_SEEK) sorts before every entry of userKey with sequence <= readSeq.
    SkipList.Node n = list.findGreaterOrEqual(userKey, (readSeq << 8) | (ValueType.FOR_SEEK & 0xFF));
    if (n != null && InternalKey.compareUserKey(n.key, userKey) == 0) {
      long trailer = InternalKey.trailer(n.key);
      long seq = trailer >>> 8;
      if (seq > tombstoneSeq) {
        byte type = (byte) trailer;
        return type == ValueType.DELETE ? GetResult.deleted(seq) : GetResult.found(n.value, seq, type);
      }
    }
    return tombstoneSeq > 0 ? GetResult.deleted(tombstoneSeq) : GetResult.NOT_FOUND;
  }

  private long coveringTombstoneSeq(byte[] userKey, long readSeq) {
    int count = tombstoneCount;
    if (count == 0) {
      return 0;
    }
    RangeTombstone[] arr = tombstones;
    if (count <= LINEAR_TOMBSTONE_SCAN) {
      long best = 0;
      for (int i = 0; i < count; i++) {
        RangeTombstone t = arr[i];
        if (t.seq() <= readSeq && t.seq() > best && t.covers(userKey)) {
          best = t.seq();
        }
      }
      return best;
    }
    return fragmentedTombstones(count, arr).maxCoveringSeq(userKey, readSeq);
  }

  private RangeTombstoneSet fragmentedTombstones(int count, RangeTombstone[] arr) {
    FragmentedTombstones f = fragmented;
    if (f == null || f.count() != count) {
      // Concurrent readers may build it twice; both results are equal, either may stay cached.
      f = new FragmentedTombstones(count, RangeTombstoneSet.of(Arrays.asList(arr).subList(0, count)));
      fragmented = f;
    }
    return f.set();
  }

  /** A new cursor over the point entries (not the range tombstones). */
  public InternalIterator iterator() {
    return new MemTableIterator(list);
  }

  /** The range tombstones added so far, in insertion order (an immutable snapshot). */
  public List<RangeTombstone> rangeTombstones() {
    int count = tombstoneCount;
    return List.of(Arrays.copyOf(tombstones, count));
  }

  /** The range tombstones added so far, fragmented for lookups. */
  public RangeTombstoneSet rangeTombstoneSet() {
    int count = tombstoneCount;
    return count == 0 ? RangeTombstoneSet.EMPTY : fragmentedTombstones(count, tombstones);
  }

  /** Estimated heap bytes held: key and value bytes plus a fixed per-entry overhead. */
  public long approximateMemoryUsage() {
    return memoryUsage;
  }

  public boolean isEmpty() {
    return entryCount() == 0;
  }

  /** Point entries plus range tombstones. */
  public long entryCount() {
    return pointEntries + tombstoneCount;
  }

  public long pointEntryCount() {
    return pointEntries;
  }

  public int rangeTombstoneCount() {
    return tombstoneCount;
  }

  /** Smallest sequence of any entry or tombstone added, or 0 when empty. */
  public long smallestSeq() {
    long s = smallestSeq;
    return s == Long.MAX_VALUE ? 0 : s;
  }

  /** Largest sequence of any entry or tombstone added, or 0 when empty. */
  public long largestSeq() {
    return largestSeq;
  }
}
