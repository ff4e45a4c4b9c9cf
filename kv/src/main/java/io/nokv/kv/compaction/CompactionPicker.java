package io.nokv.kv.compaction;

import io.nokv.kv.Options;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.version.FileMetaData;
import io.nokv.kv.version.SegmentMeta;
import io.nokv.kv.version.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Chooses compactions, leveled as in LevelDB: L0 by file count, L1..L5 by size against targets
 * growing tenfold per level; within a level, files in round-robin key order (the compact pointer).
 */
public final class CompactionPicker {
  private final Options options;

  public CompactionPicker(Options options) {
    this.options = options;
  }

  /** Target bytes of {@code level} (L1 = base, then times the multiplier); 0 for L0. */
  public long maxBytesForLevel(int level) {
    if (level == 0) {
      return 0;
    }
    double bytes = options.maxBytesForLevelBase();
    for (int l = 1; l < level; l++) {
      bytes *= options.maxBytesForLevelMultiplier();
    }
    return (long) Math.min(bytes, Long.MAX_VALUE);
  }

  /** The compaction score of a level: >= 1 means it needs work. */
  public double score(Version v, int level) {
    if (level == 0) {
      return (double) v.numFiles(0) / options.level0FileNumCompactionTrigger();
    }
    if (level >= Version.NUM_LEVELS - 1) {
      return 0;
    }
    return (double) v.levelBytes(level) / maxBytesForLevel(level);
  }

  /** The most urgent compaction, or null when every level is within its target. */
  public Compaction pick(Version v, byte[][] compactPointers) {
    int best = -1;
    double bestScore = 1.0;
    for (int l = 0; l < Version.NUM_LEVELS - 1; l++) {
      double s = score(v, l);
      if (s >= bestScore) {
        best = l;
        bestScore = s;
      }
    }
    if (best < 0) {
      return null;
    }
    if (best == 0) {
      List<FileMetaData> inputs = new ArrayList<>(v.files(0));
      return withNextLevel(v, Compaction.Reason.LEVEL0_FILES, 0, inputs);
    }
    List<FileMetaData> files = v.files(best);
    FileMetaData chosen = files.get(0);
    byte[] pointer = compactPointers[best];
    if (pointer != null) {
      for (FileMetaData f : files) {
        if (InternalKey.compare(f.largest(), pointer) > 0) {
          chosen = f;
          break;
        }
      }
    }
    return withNextLevel(v, Compaction.Reason.LEVEL_SIZE, best, new ArrayList<>(List.of(chosen)));
  }

  private static Compaction withNextLevel(Version v, Compaction.Reason reason, int level, List<FileMetaData> inputs) {
    byte[] from = Compaction.smallestUserKey(inputs);
    byte[] to = Compaction.largestUserKey(inputs);
    List<FileMetaData> next = v.overlapping(level + 1, from, to);
    List<FileMetaData> all = new ArrayList<>(inputs);
    all.addAll(next);
    byte[] allFrom = Compaction.smallestUserKey(all);
    byte[] allTo = Compaction.largestUserKey(all);
    boolean bottom = Compaction.isBottommost(v, level + 1, allFrom, allTo);
    return new Compaction(reason, level, level + 1, inputs, next, bottom, Set.of());
  }

  /**
   * The manual compaction steps for [from, to] (null = unbounded): each non-empty level above the
   * deepest one holding data in the range merges into the next, and the deepest level is
   * rewritten in place so tombstones and shadowed versions go. Steps are computed one at a time
   * against the current version: returns the next step for {@code level}, or null.
   */
  public Compaction manualStep(Version v, int level, int deepest, byte[] from, byte[] to) {
    // L0 files overlap one another: moving only those inside the range could leave an older L0
    // file above newer data for the same key in L1, which reads assume never happens. So L0
    // always moves whole, as in automatic compactions.
    List<FileMetaData> inputs = level == 0 && level < deepest
        ? (v.overlapping(0, from, to).isEmpty() ? List.of() : new ArrayList<>(v.files(0)))
        : v.overlapping(level, from, to);
    if (inputs.isEmpty()) {
      return null;
    }
    if (level >= deepest) {
      byte[] f = Compaction.smallestUserKey(inputs);
      byte[] t = Compaction.largestUserKey(inputs);
      boolean bottom = Compaction.isBottommost(v, level, f, t);
      return new Compaction(Compaction.Reason.MANUAL, level, level, inputs, List.of(), bottom, Set.of());
    }
    Compaction c = withNextLevel(v, Compaction.Reason.MANUAL, level, inputs);
    return c;
  }

  /** The deepest level with a file overlapping [from, to], or -1. */
  public static int deepestLevelWithData(Version v, byte[] from, byte[] to) {
    for (int l = Version.NUM_LEVELS - 1; l >= 0; l--) {
      if (!v.overlapping(l, from, to).isEmpty()) {
        return l;
      }
    }
    return -1;
  }

  /**
   * Value-log GC work: the segments at or above {@code discardRatio}, and for each level the files
   * referencing any of them (rewritten in place, each level separately).
   */
  public static List<Compaction> valueLogGc(Version v, double discardRatio) {
    List<Long> victims = new ArrayList<>();
    for (SegmentMeta s : v.segments().values()) {
      if (s.garbageBytes() > 0 && s.discardRatio() >= discardRatio) {
        victims.add(s.number());
      }
    }
    victims.sort(Comparator.naturalOrder());
    List<Compaction> out = new ArrayList<>();
    if (victims.isEmpty()) {
      return out;
    }
    Set<Long> relocate = Set.copyOf(victims);
    for (int l = 0; l < Version.NUM_LEVELS; l++) {
      for (FileMetaData f : v.files(l)) {
        boolean refs = false;
        for (long r : f.valueLogRefs()) {
          refs |= relocate.contains(r);
        }
        if (refs) {
          // One file at a time: its rewrite covers exactly its own key range, so levels stay ordered.
          out.add(new Compaction(Compaction.Reason.VALUE_LOG_GC, l, l, List.of(f), List.of(), false, relocate));
        }
      }
    }
    return out;
  }
}
