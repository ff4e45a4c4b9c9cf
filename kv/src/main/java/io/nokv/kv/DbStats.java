package io.nokv.kv;

import java.util.List;

/**
 * A point-in-time report of the engine's shape and counters ({@link Db#stats()}).
 *
 * @param levels per-level file counts and bytes, L0 first
 * @param memtableBytes bytes in the mutable and immutable memtables
 * @param userBytesWritten bytes of keys and values written by users (the denominator of write amplification)
 * @param walBytesWritten bytes appended to the WAL
 * @param flushBytesWritten bytes of SSTables and value-log segments written by flushes
 * @param compactionBytesRead bytes read by compactions (SST inputs)
 * @param compactionBytesWritten bytes written by compactions and value-log GC
 * @param writeAmplification (WAL + flush + compaction bytes written) / user bytes written
 * @param gets point reads served
 * @param sstProbes SSTables whose blocks a point read had to search (after bloom filters)
 * @param readAmplification sstProbes / gets: SSTables actually searched per point read
 * @param bloomUseful SSTables skipped by their bloom filter
 * @param blockCacheHits data/index block cache hits
 * @param blockCacheMisses data/index block cache misses
 * @param blockCacheHitRatio hits / (hits + misses), 0 when no lookups
 * @param blockCacheBytes bytes held by the block cache
 * @param stallSlowdowns writes delayed because L0 reached the slowdown trigger
 * @param stallStops times writers stopped (L0 at the stop trigger, or too many memtables)
 * @param stallMicros total microseconds writers spent delayed or stopped
 * @param flushes memtable flushes done
 * @param compactions compactions done
 * @param valueLogSegments live value-log segments
 * @param valueLogBytes bytes in live value-log segments
 * @param valueLogGarbageBytes bytes in live segments no longer referenced
 * @param valueLogGcRuns segments collected by value-log GC
 * @param walGroupCommits WAL group commits (one write, at most one sync each)
 * @param walSyncs WAL fsyncs
 * @param lastSequence newest acknowledged sequence number
 */
public record DbStats(
    List<LevelStats> levels,
    long memtableBytes,
    long userBytesWritten,
    long walBytesWritten,
    long flushBytesWritten,
    long compactionBytesRead,
    long compactionBytesWritten,
    double writeAmplification,
    long gets,
    long sstProbes,
    double readAmplification,
    long bloomUseful,
    long blockCacheHits,
    long blockCacheMisses,
    double blockCacheHitRatio,
    long blockCacheBytes,
    long stallSlowdowns,
    long stallStops,
    long stallMicros,
    long flushes,
    long compactions,
    int valueLogSegments,
    long valueLogBytes,
    long valueLogGarbageBytes,
    long valueLogGcRuns,
    long walGroupCommits,
    long walSyncs,
    long lastSequence) {

  /** One level's shape. */
  public record LevelStats(int level, int files, long bytes, long targetBytes) {}

  /** A multi-line human-readable report. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-5s %8s %14s %14s%n", "level", "files", "bytes", "target"));
    for (LevelStats l : levels) {
      sb.append(String.format("L%-4d %8d %14d %14s%n", l.level(), l.files(), l.bytes(), l.targetBytes() > 0 ? Long.toString(l.targetBytes()) : "-"));
    }
    sb.append(String.format("memtable bytes %d, last sequence %d%n", memtableBytes, lastSequence));
    sb.append(String.format("write amplification %.2f (user %d, wal %d, flush %d, compaction %d bytes)%n",
        writeAmplification, userBytesWritten, walBytesWritten, flushBytesWritten, compactionBytesWritten));
    sb.append(String.format("read amplification %.2f SSTs per get (%d gets, %d probes, %d bloom skips)%n",
        readAmplification, gets, sstProbes, bloomUseful));
    sb.append(String.format("block cache hit ratio %.3f (%d hits, %d misses, %d bytes)%n",
        blockCacheHitRatio, blockCacheHits, blockCacheMisses, blockCacheBytes));
    sb.append(String.format("stalls: %d slowdowns, %d stops, %d us%n", stallSlowdowns, stallStops, stallMicros));
    sb.append(String.format("flushes %d, compactions %d, wal group commits %d, wal syncs %d%n", flushes, compactions, walGroupCommits, walSyncs));
    sb.append(String.format("value log: %d segments, %d bytes, %d garbage, %d collected%n",
        valueLogSegments, valueLogBytes, valueLogGarbageBytes, valueLogGcRuns));
    return sb.toString();
  }
}
