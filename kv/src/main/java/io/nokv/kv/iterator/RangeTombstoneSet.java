package io.nokv.kv.iterator;

import io.nokv.kv.format.Bytes;
import io.nokv.kv.format.InternalKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable, fragmented view of any number of possibly overlapping {@link RangeTombstone}s,
 * answering "which is the newest tombstone visible at {@code readSeq} that covers this user key"
 * in O(log n).
 *
 * <p>Building cuts the key space at every tombstone start and end, giving sorted, non-overlapping
 * fragments {@code [start_i, end_i)}; each fragment keeps the sequences of all tombstones covering
 * it, sorted descending. Adjacent fragments covered by exactly the same sequences are merged, and
 * gaps covered by nothing are dropped. A query is one binary search over fragment starts and one
 * over that fragment's sequences. Thread-safe (immutable).
 */
public final class RangeTombstoneSet {
  /** The set with no tombstones. */
  public static final RangeTombstoneSet EMPTY =
      new RangeTombstoneSet(new byte[0][], new byte[0][], new long[0][]);

  private final byte[][] starts;
  private final byte[][] ends;
  /** Per fragment, the covering tombstones' sequences, largest first. */
  private final long[][] seqs;

  private RangeTombstoneSet(byte[][] starts, byte[][] ends, long[][] seqs) {
    this.starts = starts;
    this.ends = ends;
    this.seqs = seqs;
  }

  /** Fragments {@code tombstones}; the collection is not kept. */
  public static RangeTombstoneSet of(Collection<RangeTombstone> tombstones) {
    if (tombstones.isEmpty()) {
      return EMPTY;
    }
    RangeTombstone[] byStart = tombstones.toArray(new RangeTombstone[0]);
    Arrays.sort(byStart, Comparator.comparing(RangeTombstone::start, Bytes.COMPARATOR));
    byte[][] cuts = distinctBoundaries(byStart);

    List<byte[]> fragStarts = new ArrayList<>();
    List<byte[]> fragEnds = new ArrayList<>();
    List<long[]> fragSeqs = new ArrayList<>();
    List<RangeTombstone> active = new ArrayList<>();
    int nextToAdd = 0;
    for (int c = 0; c + 1 < cuts.length; c++) {
      byte[] lo = cuts[c];
      // Every start is a cut, so tombstones become active exactly at their start cut.
      while (nextToAdd < byStart.length && Bytes.compare(byStart[nextToAdd].start(), lo) <= 0) {
        active.add(byStart[nextToAdd++]);
      }
      active.removeIf(t -> Bytes.compare(t.end(), lo) <= 0);
      if (active.isEmpty()) {
        continue;
      }
      long[] s = new long[active.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = active.get(i).seq();
      }
      Arrays.sort(s);
      reverse(s);
      int last = fragSeqs.size() - 1;
      if (last >= 0 && fragEnds.get(last) == lo && Arrays.equals(fragSeqs.get(last), s)) {
        fragEnds.set(last, cuts[c + 1]);
      } else {
        fragStarts.add(lo);
        fragEnds.add(cuts[c + 1]);
        fragSeqs.add(s);
      }
    }
    return new RangeTombstoneSet(
        fragStarts.toArray(new byte[0][]), fragEnds.toArray(new byte[0][]), fragSeqs.toArray(new long[0][]));
  }

  private static byte[][] distinctBoundaries(RangeTombstone[] tombstones) {
    byte[][] all = new byte[tombstones.length * 2][];
    for (int i = 0; i < tombstones.length; i++) {
      all[2 * i] = tombstones[i].start();
      all[2 * i + 1] = tombstones[i].end();
    }
    Arrays.sort(all, Bytes.COMPARATOR);
    int n = 0;
    for (byte[] b : all) {
      if (n == 0 || Bytes.compare(all[n - 1], b) != 0) {
        all[n++] = b;
      }
    }
    return Arrays.copyOf(all, n);
  }

  private static void reverse(long[] a) {
    for (int i = 0, j = a.length - 1; i < j; i++, j--) {
      long t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  public boolean isEmpty() {
    return starts.length == 0;
  }

  /** Number of fragments after merging (for tests and stats). */
  public int fragmentCount() {
    return starts.length;
  }

  /**
   * The largest sequence {@code <= readSeq} of a tombstone covering {@code userKey}, or 0 when
   * none does. An entry with sequence {@code s} is deleted at {@code readSeq} iff this is
   * {@code > s}.
   */
  public long maxCoveringSeq(byte[] userKey, long readSeq) {
    int f = fragmentContaining(userKey, userKey.length);
    return f < 0 ? 0 : firstAtMost(seqs[f], readSeq);
  }

  /**
   * {@link #maxCoveringSeq} for the user key of {@code internalKey}, without extracting it: the
   * iterator path.
   */
  public long maxCoveringSeqOfInternalKey(byte[] internalKey, long readSeq) {
    int f = fragmentContaining(internalKey, internalKey.length - InternalKey.TRAILER_SIZE);
    return f < 0 ? 0 : firstAtMost(seqs[f], readSeq);
  }

  /**
   * The exclusive end of the fragment containing {@code userKey} if some tombstone visible at
   * {@code readSeq} covers it, else null. Every key in [userKey, end) is covered by the same
   * tombstones as {@code userKey}, which lets a scan skip a deleted run with one seek.
   */
  public byte[] coveringFragmentEnd(byte[] userKey, long readSeq) {
    int f = fragmentContaining(userKey, userKey.length);
    return f < 0 || firstAtMost(seqs[f], readSeq) == 0 ? null : ends[f];
  }

  /** Index of the fragment whose [start, end) holds {@code key[0, len)}, or -1. */
  private int fragmentContaining(byte[] key, int len) {
    int lo = 0;
    int hi = starts.length - 1;
    int found = -1;
    while (lo <= hi) { // last fragment with start <= userKey
      int mid = (lo + hi) >>> 1;
      if (Arrays.compareUnsigned(starts[mid], 0, starts[mid].length, key, 0, len) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0 && Arrays.compareUnsigned(key, 0, len, ends[found], 0, ends[found].length) < 0 ? found : -1;
  }

  /** The first (largest) value {@code <= limit} in a descending array, or 0. */
  private static long firstAtMost(long[] descending, long limit) {
    if (descending[0] <= limit) {
      return descending[0];
    }
    int lo = 1;
    int hi = descending.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (descending[mid] <= limit) {
        hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    return lo < descending.length ? descending[lo] : 0;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RangeTombstoneSet{");
    for (int i = 0; i < starts.length; i++) {
      sb.append(i == 0 ? "" : ", ").append('[').append(Bytes.toDebugString(starts[i])).append(", ")
          .append(Bytes.toDebugString(ends[i])).append(")=").append(Arrays.toString(seqs[i]));
    }
    return sb.append('}').toString();
  }
}
