package io.nokv.kv.engine;

import java.util.concurrent.atomic.LongAdder;

/** Counters behind {@link io.nokv.kv.DbStats}; cheap to bump from any thread. */
final class EngineStats {
  final LongAdder userBytesWritten = new LongAdder();
  final LongAdder walBytesWritten = new LongAdder();
  final LongAdder flushBytesWritten = new LongAdder();
  final LongAdder compactionBytesRead = new LongAdder();
  final LongAdder compactionBytesWritten = new LongAdder();
  final LongAdder gets = new LongAdder();
  final LongAdder sstProbes = new LongAdder();
  final LongAdder bloomUseful = new LongAdder();
  final LongAdder stallSlowdowns = new LongAdder();
  final LongAdder stallStops = new LongAdder();
  final LongAdder stallMicros = new LongAdder();
  final LongAdder flushes = new LongAdder();
  final LongAdder compactions = new LongAdder();
  final LongAdder valueLogGcRuns = new LongAdder();
  final LongAdder walGroupCommits = new LongAdder();
  final LongAdder walSyncs = new LongAdder();
}
