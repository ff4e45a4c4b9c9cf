package io.nokv.kv.version;

import io.nokv.kv.format.InternalKey;
import io.nokv.kv.iterator.RangeTombstone;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Applies {@link VersionEdit}s to a base {@link Version} and produces the next one. */
final class VersionBuilder {
  /** L0: newest data first; ties (same sequences) by file number, newest first. */
  static final Comparator<FileMetaData> L0_ORDER =
      Comparator.comparingLong(FileMetaData::largestSeq).reversed()
          .thenComparing(Comparator.comparingLong(FileMetaData::number).reversed());
  static final Comparator<FileMetaData> KEY_ORDER = (a, b) -> {
    int c = InternalKey.compare(a.smallest(), b.smallest());
    return c != 0 ? c : Long.compare(a.number(), b.number());
  };

  private final List<Map<Long, FileMetaData>> levels = new ArrayList<>();
  private final TreeMap<Long, SegmentMeta> segments;
  private final Map<Long, RangeTombstone> tombstones = new LinkedHashMap<>();

  VersionBuilder(Version base) {
    for (int l = 0; l < Version.NUM_LEVELS; l++) {
      Map<Long, FileMetaData> m = new LinkedHashMap<>();
      for (FileMetaData f : base.files(l)) {
        m.put(f.number(), f);
      }
      levels.add(m);
    }
    segments = new TreeMap<>(base.segments());
    for (RangeTombstone t : base.tombstones()) {
      tombstones.put(t.seq(), t);
    }
  }

  /** Applies one edit; throws {@link IllegalStateException} if it contradicts the state. */
  void apply(VersionEdit e) {
    for (VersionEdit.DeletedFile d : e.deletedFiles) {
      if (levels.get(d.level()).remove(d.number()) == null) {
        throw new IllegalStateException("edit deletes file " + d.number() + " which is not in L" + d.level());
      }
    }
    for (VersionEdit.NewFile f : e.newFiles) {
      levels.get(f.level()).put(f.meta().number(), f.meta());
    }
    for (SegmentMeta s : e.newSegments) {
      segments.put(s.number(), s);
    }
    for (var g : e.segmentGarbage.entrySet()) {
      SegmentMeta s = segments.get(g.getKey());
      if (s != null) {
        segments.put(s.number(), s.addGarbage(g.getValue()));
      }
    }
    for (long s : e.deletedSegments) {
      segments.remove(s);
    }
    for (RangeTombstone t : e.newTombstones) {
      tombstones.put(t.seq(), t);
    }
    for (long s : e.removedTombstones) {
      tombstones.remove(s);
    }
  }

  /** Segments in the state that no table references any more. */
  List<Long> unreferencedSegments() {
    Set<Long> referenced = new HashSet<>();
    for (Map<Long, FileMetaData> level : levels) {
      for (FileMetaData f : level.values()) {
        for (long r : f.valueLogRefs()) {
          referenced.add(r);
        }
      }
    }
    List<Long> out = new ArrayList<>();
    for (long s : segments.keySet()) {
      if (!referenced.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  Version build() {
    List<List<FileMetaData>> out = new ArrayList<>();
    for (int l = 0; l < Version.NUM_LEVELS; l++) {
      List<FileMetaData> files = new ArrayList<>(levels.get(l).values());
      files.sort(l == 0 ? L0_ORDER : KEY_ORDER);
      if (l > 0) {
        for (int i = 1; i < files.size(); i++) {
          if (InternalKey.compareUserKeys(files.get(i - 1).largest(), files.get(i).smallest()) >= 0) {
            throw new IllegalStateException("overlapping files in L" + l + ": " + files.get(i - 1) + " and " + files.get(i));
          }
        }
      }
      out.add(List.copyOf(files));
    }
    assert level0IsNewest(out) : "an L0 file is older than deeper data it overlaps: " + out;
    return new Version(out, new TreeMap<>(segments), new ArrayList<>(tombstones.values()));
  }

  /** The invariant in {@link Version}'s comment (checked in tests, which run with -ea). */
  private static boolean level0IsNewest(List<List<FileMetaData>> levels) {
    for (FileMetaData f : levels.get(0)) {
      for (int l = 1; l < levels.size(); l++) {
        for (FileMetaData g : levels.get(l)) {
          if (g.largestSeq() > f.smallestSeq() && InternalKey.compareUserKeys(g.smallest(), f.largest()) <= 0
              && InternalKey.compareUserKeys(f.smallest(), g.largest()) <= 0) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
