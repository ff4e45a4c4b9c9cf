package io.nokv.kv.compaction;

import io.nokv.kv.format.InternalKey;
import io.nokv.kv.version.FileMetaData;
import io.nokv.kv.version.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One unit of compaction work: the files of {@code level} and of {@code outputLevel} to merge, and
 * where the result goes. {@code level == outputLevel} is a rewrite in place (the bottom level of a
 * manual compaction, or value-log GC). {@code relocate} lists value-log segments whose live values
 * are copied into a new segment on the way (GC).
 */
public record Compaction(
    Reason reason,
    int level,
    int outputLevel,
    List<FileMetaData> inputs,
    List<FileMetaData> outputLevelInputs,
    boolean bottommost,
    Set<Long> relocate) {

  /** Why a compaction runs (for logs and stats). */
  public enum Reason { LEVEL0_FILES, LEVEL_SIZE, MANUAL, VALUE_LOG_GC }

  public List<FileMetaData> allInputs() {
    List<FileMetaData> all = new ArrayList<>(inputs);
    all.addAll(outputLevelInputs);
    return all;
  }

  /** A single file moving down with nothing to merge: done by a manifest edit alone. */
  public boolean isTrivialMove() {
    return level != outputLevel && inputs.size() == 1 && outputLevelInputs.isEmpty() && relocate.isEmpty()
        && reason != Reason.MANUAL;
  }

  /** Smallest user key over all inputs. */
  static byte[] smallestUserKey(List<FileMetaData> files) {
    byte[] s = null;
    for (FileMetaData f : files) {
      if (s == null || InternalKey.compare(f.smallest(), s) < 0) {
        s = f.smallest();
      }
    }
    return s == null ? null : InternalKey.userKey(s);
  }

  /** Largest user key over all inputs. */
  static byte[] largestUserKey(List<FileMetaData> files) {
    byte[] l = null;
    for (FileMetaData f : files) {
      if (l == null || InternalKey.compareUserKeys(f.largest(), l) > 0) {
        l = f.largest();
      }
    }
    return l == null ? null : InternalKey.userKey(l);
  }

  /** True when no file below {@code outputLevel} overlaps [from, to]. */
  static boolean isBottommost(Version v, int outputLevel, byte[] from, byte[] to) {
    for (int l = outputLevel + 1; l < Version.NUM_LEVELS; l++) {
      if (!v.overlapping(l, from, to).isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
