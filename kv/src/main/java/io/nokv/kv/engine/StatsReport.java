package io.nokv.kv.engine;

import io.nokv.kv.DbStats;
import io.nokv.kv.cache.BlockCache;
import io.nokv.kv.compaction.CompactionPicker;
import io.nokv.kv.memtable.MemTable;
import io.nokv.kv.version.SegmentMeta;
import io.nokv.kv.version.Version;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link DbStats} from the counters and the current shape. */
final class StatsReport {
  private StatsReport() {}

  static DbStats build(EngineContext ctx, CompactionPicker picker, BlockCache cache, SuperVersion sv, long lastSequence) {
    Version v = sv.version;
    List<DbStats.LevelStats> levels = new ArrayList<>();
    for (int l = 0; l < Version.NUM_LEVELS; l++) {
      levels.add(new DbStats.LevelStats(l, v.numFiles(l), v.levelBytes(l), picker.maxBytesForLevel(l)));
    }
    long mem = sv.mem.approximateMemoryUsage();
    for (MemTable m : sv.imms) {
      mem += m.approximateMemoryUsage();
    }
    EngineStats s = ctx.stats;
    long user = s.userBytesWritten.sum();
    long written = s.walBytesWritten.sum() + s.flushBytesWritten.sum() + s.compactionBytesWritten.sum();
    long gets = s.gets.sum();
    long probes = s.sstProbes.sum();
    long hits = cache == null ? 0 : cache.hits();
    long misses = cache == null ? 0 : cache.misses();
    long vlogBytes = 0;
    long vlogGarbage = 0;
    for (SegmentMeta seg : v.segments().values()) {
      vlogBytes += seg.fileSize();
      vlogGarbage += seg.garbageBytes();
    }
    return new DbStats(levels, mem, user, s.walBytesWritten.sum(), s.flushBytesWritten.sum(),
        s.compactionBytesRead.sum(), s.compactionBytesWritten.sum(),
        user == 0 ? 0 : (double) written / user,
        gets, probes, gets == 0 ? 0 : (double) probes / gets, s.bloomUseful.sum(),
        hits, misses, hits + misses == 0 ? 0 : (double) hits / (hits + misses), cache == null ? 0 : cache.bytes(),
        s.stallSlowdowns.sum(), s.stallStops.sum(), s.stallMicros.sum(), s.flushes.sum(), s.compactions.sum(),
        v.segments().size(), vlogBytes, vlogGarbage, s.valueLogGcRuns.sum(), s.walGroupCommits.sum(), s.walSyncs.sum(),
        lastSequence);
  }
}
