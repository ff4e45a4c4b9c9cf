package io.nokv.kv.version;

import io.nokv.kv.format.InternalKey;
import io.nokv.kv.iterator.RangeTombstone;
import io.nokv.kv.iterator.RangeTombstoneSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable view of the live files: SSTables per level, value-log segments, and flushed range
 * tombstones. L0 files may overlap and are ordered newest first (by largest sequence); files of
 * L1..L6 do not overlap and are ordered by key. Invariant the read path relies on: every entry of
 * an L0 file is newer than every entry of L1..L6 for the same key (L0 only ever moves down whole). Readers pin a version with {@link #ref()} so its
 * files outlive a compaction that replaces them.
 */
public final class Version {
  public static final int NUM_LEVELS = 7;

  private final List<List<FileMetaData>> levels;
  private final Map<Long, SegmentMeta> segments;
  private final List<RangeTombstone> tombstones;
  private final RangeTombstoneSet tombstoneSet;
  private final AtomicInteger refs = new AtomicInteger();

  Version(List<List<FileMetaData>> levels, Map<Long, SegmentMeta> segments, List<RangeTombstone> tombstones) {
    this.levels = levels;
    this.segments = Collections.unmodifiableMap(segments);
    this.tombstones = List.copyOf(tombstones);
    this.tombstoneSet = RangeTombstoneSet.of(this.tombstones);
  }

  static Version empty() {
    List<List<FileMetaData>> lv = new ArrayList<>();
    for (int i = 0; i < NUM_LEVELS; i++) {
      lv.add(List.of());
    }
    return new Version(lv, new java.util.TreeMap<>(), List.of());
  }

  public List<FileMetaData> files(int level) {
    return levels.get(level);
  }

  public int numFiles(int level) {
    return levels.get(level).size();
  }

  public long levelBytes(int level) {
    long n = 0;
    for (FileMetaData f : levels.get(level)) {
      n += f.fileSize();
    }
    return n;
  }

  public Map<Long, SegmentMeta> segments() {
    return segments;
  }

  public List<RangeTombstone> tombstones() {
    return tombstones;
  }

  public RangeTombstoneSet tombstoneSet() {
    return tombstoneSet;
  }

  /** Every file of every level. */
  public List<FileMetaData> allFiles() {
    List<FileMetaData> all = new ArrayList<>();
    for (List<FileMetaData> l : levels) {
      all.addAll(l);
    }
    return all;
  }

  /**
   * For L1+: index of the first file whose largest user key is >= {@code userKey} (the only file
   * that can hold it), or the file count when none.
   */
  public int findFile(int level, byte[] userKey) {
    List<FileMetaData> files = levels.get(level);
    int lo = 0;
    int hi = files.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (InternalKey.compareUserKey(files.get(mid).largest(), userKey) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Files of {@code level} whose user-key range intersects [from, to] (null = unbounded). */
  public List<FileMetaData> overlapping(int level, byte[] from, byte[] to) {
    List<FileMetaData> out = new ArrayList<>();
    for (FileMetaData f : levels.get(level)) {
      if (f.overlapsUserRange(from, to)) {
        out.add(f);
      }
    }
    return out;
  }

  /** True when some file below {@code level} may hold {@code userKey}. */
  public boolean keyMayExistBelow(int level, byte[] userKey) {
    for (int l = level + 1; l < NUM_LEVELS; l++) {
      List<FileMetaData> files = levels.get(l);
      int i = findFile(l, userKey);
      if (i < files.size() && InternalKey.compareUserKey(files.get(i).smallest(), userKey) <= 0) {
        return true;
      }
    }
    return false;
  }

  public void ref() {
    refs.incrementAndGet();
  }

  /** Returns true when this was the last reference. */
  public boolean unref() {
    int n = refs.decrementAndGet();
    assert n >= 0 : "version unreferenced too often";
    return n == 0;
  }

  public int refCount() {
    return refs.get();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Version{");
    for (int i = 0; i < NUM_LEVELS; i++) {
      if (!levels.get(i).isEmpty()) {
        sb.append(" L").append(i).append('=').append(levels.get(i).size());
      }
    }
    return sb.append(" segments=").append(segments.keySet()).append(" tombstones=").append(tombstones.size()).append('}').toString();
  }
}
