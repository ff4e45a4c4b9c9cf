package io.nokv.kv.engine;

import io.nokv.kv.compaction.Compaction;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValuePointer;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.iterator.InternalIterator;
import io.nokv.kv.iterator.MergingIterator;
import io.nokv.kv.iterator.RangeTombstoneSet;
import io.nokv.kv.version.FileMetaData;
import io.nokv.kv.version.SegmentMeta;
import io.nokv.kv.version.Version;
import io.nokv.kv.version.VersionEdit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs compactions: merges the inputs, drops what no reader can see, writes the outputs and
 * returns the manifest edit that swaps them in. Several compactions can share one job (value-log
 * GC rewrites each referencing file in place, with one new segment for all of them).
 *
 * <p>Drop rules. Snapshots cut the sequence space into stripes: the stripe of a sequence is the
 * first snapshot at or above it (or "latest"). Within a user key, only the newest entry of each
 * stripe can be read, so older entries in the same stripe are dropped; an entry covered by a range
 * tombstone of the same stripe is dropped; a point tombstone in the oldest stripe is dropped when
 * no deeper level can hold the key. Every dropped value pointer adds its entry's size to its
 * segment's garbage, which is what value-log GC picks segments by.
 */
final class CompactionJob {
  private final EngineContext ctx;
  private final Version version;
  private final List<Compaction> compactions;
  private final long[] snapshots;
  private final Map<Long, Long> garbage = new HashMap<>();
  private long bytesRead;

  CompactionJob(EngineContext ctx, Version version, List<Compaction> compactions, long[] snapshots) {
    this.ctx = ctx;
    this.version = version;
    this.compactions = compactions;
    this.snapshots = snapshots;
  }

  /** Writes the outputs and returns the edit (not yet applied); outputs stay pending until released. */
  Result run() {
    VersionEdit edit = new VersionEdit();
    Compaction first = compactions.get(0);
    if (compactions.size() == 1 && first.isTrivialMove()) {
      FileMetaData f = first.inputs().get(0);
      edit.deleteFile(first.level(), f.number()).addFile(first.outputLevel(), f);
      return new Result(edit, null, 0, 0);
    }
    boolean gc = !first.relocate().isEmpty();
    long target = gc && first.level() == 0 ? Long.MAX_VALUE : ctx.options.targetFileSizeBase();
    TableOutput out = new TableOutput(ctx, target, false, first.relocate());
    try {
      for (Compaction c : compactions) {
        int before = out.files().size();
        merge(c, out);
        out.cut();
        for (FileMetaData f : c.inputs()) {
          edit.deleteFile(c.level(), f.number());
        }
        for (FileMetaData f : c.outputLevelInputs()) {
          edit.deleteFile(c.outputLevel(), f.number());
        }
        for (FileMetaData f : out.files().subList(before, out.files().size())) {
          edit.addFile(c.outputLevel(), f);
        }
        if (c.reason() == Compaction.Reason.LEVEL_SIZE) {
          edit.setCompactPointer(c.level(), c.inputs().get(c.inputs().size() - 1).largest());
        }
      }
      out.finish();
    } catch (RuntimeException | Error e) {
      out.abandon(e);
      throw e;
    }
    SegmentMeta seg = out.segment();
    if (seg != null) {
      edit.addSegment(seg);
    }
    garbage.forEach(edit::addSegmentGarbage);
    return new Result(edit, out, bytesRead, out.bytesWritten());
  }

  /** A finished job: the edit to log, and the output to release once it is logged (or abandoned). */
  record Result(VersionEdit edit, TableOutput output, long bytesRead, long bytesWritten) {
    /** Logs the edit; see {@link TableOutput#commit}. */
    void commit(io.nokv.kv.version.VersionSet versions) {
      if (output != null) {
        output.commit(edit);
      } else {
        versions.logAndApply(edit); // a trivial move writes no file
      }
    }
  }

  private void merge(Compaction c, TableOutput out) {
    List<InternalIterator> children = new ArrayList<>();
    for (FileMetaData f : c.allInputs()) {
      children.add(ctx.tableCache.get(f).iterator(false));
      bytesRead += f.fileSize();
    }
    RangeTombstoneSet tombstones = version.tombstoneSet();
    try (InternalIterator it = new MergingIterator(children)) {
      byte[] currentUserKey = null;
      int lastStripe = -1;
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (currentUserKey == null || InternalKey.compareUserKey(key, currentUserKey) != 0) {
          if (out.wantsCut()) {
            out.cut();
          }
          currentUserKey = InternalKey.userKey(key);
          lastStripe = -1;
        }
        long seq = InternalKey.sequence(key);
        byte type = InternalKey.type(key);
        int stripe = stripe(seq);
        boolean drop;
        if (stripe == lastStripe) {
          drop = true; // a newer entry of the same stripe hides it from every reader
        } else {
          lastStripe = stripe;
          // An in-place rewrite of one L0 file (GC) cannot see the other L0 files, so it keeps
          // tombstones: an older L0 file may hold what they hide.
          if (type == ValueType.DELETE && stripe == 0 && c.outputLevel() > 0
              && (c.bottommost() || !version.keyMayExistBelow(c.outputLevel(), currentUserKey))) {
            drop = true; // nothing older left for it to hide
          } else {
            drop = !tombstones.isEmpty()
                && tombstones.maxCoveringSeq(currentUserKey, stripeTop(stripe)) > seq;
          }
        }
        if (drop) {
          if (type == ValueType.VALUE_POINTER) {
            ValuePointer p = ValuePointer.decode(it.value());
            garbage.merge(p.segment(), (long) p.length(), Long::sum);
          }
        } else {
          out.add(key, it.value());
        }
      }
    }
  }

  /** Index of the first snapshot >= seq, or snapshots.length for "latest". */
  private int stripe(long seq) {
    int i = Arrays.binarySearch(snapshots, seq);
    return i >= 0 ? i : -i - 1;
  }

  private long stripeTop(int stripe) {
    return stripe < snapshots.length ? snapshots[stripe] : InternalKey.MAX_SEQUENCE;
  }
}
