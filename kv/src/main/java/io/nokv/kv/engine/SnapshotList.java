package io.nokv.kv.engine;

import io.nokv.kv.DbClosedException;
import io.nokv.kv.Snapshot;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Live snapshots by sequence number, so compaction keeps the versions they read. */
final class SnapshotList {
  private final TreeMap<Long, Integer> counts = new TreeMap<>();

  synchronized Snapshot create(long sequence) {
    counts.merge(sequence, 1, Integer::sum);
    return new DbSnapshot(sequence);
  }

  private synchronized void release(long sequence) {
    counts.computeIfPresent(sequence, (k, v) -> v == 1 ? null : v - 1);
  }

  /** Sequence numbers of live snapshots, ascending, without duplicates. */
  synchronized long[] sequences() {
    return counts.keySet().stream().mapToLong(Long::longValue).toArray();
  }

  private final class DbSnapshot implements Snapshot {
    private final long sequence;
    private final AtomicBoolean closed = new AtomicBoolean();

    DbSnapshot(long sequence) {
      this.sequence = sequence;
    }

    @Override
    public long sequence() {
      if (closed.get()) {
        throw new DbClosedException("snapshot at sequence " + sequence);
      }
      return sequence;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        release(sequence);
      }
    }

    @Override
    public String toString() {
      return "Snapshot@" + sequence;
    }
  }
}
