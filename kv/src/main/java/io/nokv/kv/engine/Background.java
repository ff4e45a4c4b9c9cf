package io.nokv.kv.engine;

import io.nokv.kv.KvIOException;
import io.nokv.kv.compaction.Compaction;
import io.nokv.kv.compaction.CompactionPicker;
import io.nokv.kv.iterator.InternalIterator;
import io.nokv.kv.iterator.RangeTombstone;
import io.nokv.kv.version.FileMetaData;
import io.nokv.kv.version.SegmentMeta;
import io.nokv.kv.version.Version;
import io.nokv.kv.version.VersionEdit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes and compactions. One thread flushes immutable memtables to L0 (oldest first); another
 * runs compactions, value-log GC and manual compactions one at a time, so compactions never
 * contend for the same files. A failure is recorded as the background error: writes then fail
 * until the database is reopened, so nothing is acknowledged that might be lost.
 */
final class Background {
  private static final Logger LOG = LoggerFactory.getLogger(Background.class);

  private final EngineContext ctx;
  private final WritePath writes;
  private final CompactionPicker picker;
  private final SnapshotList snapshots;
  private final Runnable installSuperVersion;
  private final ExecutorService flushThread;
  private final ExecutorService compactionThread;
  private final Object deletionLock = new Object();
  private volatile boolean shuttingDown;
  private boolean compactionScheduled; // guarded by writes.mutex

  Background(EngineContext ctx, WritePath writes, SnapshotList snapshots, Runnable installSuperVersion) {
    this.ctx = ctx;
    this.writes = writes;
    this.picker = new CompactionPicker(ctx.options);
    this.snapshots = snapshots;
    this.installSuperVersion = installSuperVersion;
    String name = ctx.dir.getFileName() == null ? "db" : ctx.dir.getFileName().toString();
    this.flushThread = Executors.newSingleThreadExecutor(r -> daemon(r, "nokv-flush-" + name));
    this.compactionThread = Executors.newSingleThreadExecutor(r -> daemon(r, "nokv-compact-" + name));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  CompactionPicker picker() {
    return picker;
  }

  // ---------------------------------------------------------------- flush

  void scheduleFlush() {
    submit(flushThread, this::flushAll);
  }

  /** Hands work to a background thread; after shutdown started, drops it (the next open redoes it). */
  private void submit(ExecutorService thread, Runnable work) {
    if (shuttingDown) {
      return;
    }
    try {
      thread.execute(work);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      if (!shuttingDown) {
        throw e;
      }
    }
  }

  private void flushAll() {
    while (true) {
      WritePath.Imm imm;
      writes.mutex.lock();
      try {
        imm = writes.imms.peekFirst();
      } finally {
        writes.mutex.unlock();
      }
      if (imm == null || writes.backgroundError() != null) {
        return;
      }
      try {
        flush(imm);
      } catch (RuntimeException | Error e) {
        LOG.error("flush of memtable (WAL {}) failed; writes are refused until reopen", imm.walNumber(), e);
        writes.setBackgroundError(e);
        return;
      }
    }
  }

  private void flush(WritePath.Imm imm) {
    VersionEdit edit = new VersionEdit();
    TableOutput out = writeLevel0(imm.mem().iterator(), edit);
    for (RangeTombstone t : imm.mem().rangeTombstones()) {
      edit.addTombstone(t);
    }
    edit.setLogNumber(imm.nextWalNumber());
    edit.setLastSequence(writes.visibleSequence());
    out.commit(edit);
    ctx.stats.flushes.increment();
    writes.mutex.lock();
    try {
      writes.imms.pollFirst();
      installSuperVersion.run();
      writes.bgChanged.signalAll();
    } finally {
      writes.mutex.unlock();
    }
    deleteObsoleteFiles(false);
    maybeScheduleCompaction();
  }

  /**
   * Writes the entries of {@code it} (sorted) as one L0 table with large values separated, adding
   * the file and segment to {@code edit}. Returns the output, still pending; null if it was empty.
   */
  TableOutput writeLevel0(InternalIterator it, VersionEdit edit) {
    TableOutput out = new TableOutput(ctx, Long.MAX_VALUE, true, Set.of());
    try (it) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        out.add(it.key(), it.value());
      }
      out.finish();
    } catch (RuntimeException | Error e) {
      out.abandon(e);
      throw e;
    }
    for (FileMetaData f : out.files()) {
      edit.addFile(0, f);
    }
    SegmentMeta seg = out.segment();
    if (seg != null) {
      edit.addSegment(seg);
    }
    ctx.stats.flushBytesWritten.add(out.bytesWritten());
    return out;
  }

  // ---------------------------------------------------------------- compaction

  void maybeScheduleCompaction() {
    if (ctx.options.disableAutoCompactions() || shuttingDown) {
      return;
    }
    writes.mutex.lock();
    try {
      if (compactionScheduled) {
        return;
      }
      compactionScheduled = true;
    } finally {
      writes.mutex.unlock();
    }
    submit(compactionThread, this::autoCompact);
  }

  private void autoCompact() {
    try {
      while (!shuttingDown && writes.backgroundError() == null) {
        Version v = ctx.versions.current();
        Compaction c = picker.pick(v, compactPointers());
        if (c != null) {
          run(List.of(c));
          continue;
        }
        if (ctx.options.valueLogGcAutomatic()) {
          List<Compaction> gc = CompactionPicker.valueLogGc(v, ctx.options.valueLogGcDiscardRatio());
          if (!gc.isEmpty()) {
            run(gc);
            continue;
          }
        }
        break;
      }
    } catch (RuntimeException | Error e) {
      LOG.error("compaction failed; writes are refused until reopen", e);
      writes.setBackgroundError(e);
    } finally {
      writes.mutex.lock();
      try {
        compactionScheduled = false;
      } finally {
        writes.mutex.unlock();
      }
    }
    // A flush may have added work while the flag was set.
    if (!shuttingDown && writes.backgroundError() == null
        && picker.pick(ctx.versions.current(), compactPointers()) != null) {
      maybeScheduleCompaction();
    }
  }

  private byte[][] compactPointers() {
    byte[][] p = new byte[Version.NUM_LEVELS][];
    for (int l = 0; l < p.length; l++) {
      p[l] = ctx.versions.compactPointer(l);
    }
    return p;
  }

  /** Runs compactions that share one job (one manifest edit). Compaction thread only. */
  private void run(List<Compaction> compactions) {
    Version v = ctx.versions.current();
    CompactionJob.Result r = new CompactionJob(ctx, v, compactions, snapshots.sequences()).run();
    r.commit(ctx.versions);
    ctx.stats.compactions.increment();
    ctx.stats.compactionBytesRead.add(r.bytesRead());
    ctx.stats.compactionBytesWritten.add(r.bytesWritten());
    if (compactions.get(0).reason() == Compaction.Reason.VALUE_LOG_GC) {
      ctx.stats.valueLogGcRuns.add(compactions.get(0).relocate().size());
    }
    dropDeadTombstones();
    writes.mutex.lock();
    try {
      installSuperVersion.run();
      writes.bgChanged.signalAll();
    } finally {
      writes.mutex.unlock();
    }
    deleteObsoleteFiles(false);
  }

  /**
   * Removes range tombstones that can no longer hide anything: no live table overlapping the range
   * holds an entry older than the tombstone. (Memtables only hold newer entries.)
   */
  private void dropDeadTombstones() {
    Version v = ctx.versions.current();
    if (v.tombstones().isEmpty()) {
      return;
    }
    VersionEdit edit = new VersionEdit();
    boolean any = false;
    for (RangeTombstone t : v.tombstones()) {
      boolean needed = false;
      for (FileMetaData f : v.allFiles()) {
        if (f.smallestSeq() < t.seq() && f.overlapsHalfOpen(t.start(), t.end())) {
          needed = true;
          break;
        }
      }
      if (!needed) {
        edit.removeTombstone(t.seq());
        any = true;
      }
    }
    if (any) {
      ctx.versions.logAndApply(edit);
    }
  }

  /** Runs {@code work} on the compaction thread and waits for it. */
  <T> T onCompactionThread(Callable<T> work) {
    Future<T> f = compactionThread.submit(work);
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for compaction", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  /** Manual compaction of [from, to] down to the deepest level holding it. */
  void compactRange(byte[] from, byte[] to) {
    onCompactionThread(() -> {
      Version v = ctx.versions.current();
      int deepest = CompactionPicker.deepestLevelWithData(v, from, to);
      if (deepest < 0) {
        return null;
      }
      int target = Math.max(deepest, 1);
      boolean movedIntoTarget = false;
      for (int level = 0; level < target; level++) {
        Compaction c = picker.manualStep(ctx.versions.current(), level, target, from, to);
        if (c != null) {
          run(List.of(c));
          movedIntoTarget |= c.outputLevel() == target;
        }
      }
      if (!movedIntoTarget) {
        Compaction c = picker.manualStep(ctx.versions.current(), target, target, from, to);
        if (c != null) {
          run(List.of(c));
        }
      }
      return null;
    });
    maybeScheduleCompaction();
  }

  /** One value-log GC pass at {@code discardRatio}; returns the number of segments collected. */
  int valueLogGc(double discardRatio) {
    return onCompactionThread(() -> {
      List<Compaction> gc = CompactionPicker.valueLogGc(ctx.versions.current(), discardRatio);
      if (gc.isEmpty()) {
        return 0;
      }
      run(gc);
      return gc.get(0).relocate().size();
    });
  }

  // ---------------------------------------------------------------- obsolete files

  /** Deletes obsolete files soon, off the caller's thread (readers release versions). */
  void scheduleObsoleteDeletion() {
    submit(flushThread, () -> {
      try {
        deleteObsoleteFiles(false);
      } catch (RuntimeException e) {
        LOG.warn("obsolete file deletion failed; will retry after the next flush or compaction", e);
      }
    });
  }

  /**
   * Deletes files no live or pinned version needs: old WAL segments, replaced manifests, SSTables
   * and segments dropped by compaction or GC. At open also half-written temporary files.
   */
  void deleteObsoleteFiles(boolean atOpen) {
    synchronized (deletionLock) {
      List<String> names;
      try {
        names = ctx.fs.list(ctx.dir);
      } catch (IOException e) {
        throw new KvIOException(ctx.dir.toString(), "list", e);
      }
      // Order matters: list, then pending outputs, then live files (see TableOutput.release).
      Set<Long> pending = new HashSet<>(ctx.pendingOutputs);
      Set<Long> live = ctx.versions.liveFileNumbers();
      long logNumber = ctx.versions.logNumber();
      List<String> doomed = new ArrayList<>();
      for (String name : names) {
        FileNames.Parsed p = FileNames.parse(name);
        boolean delete = switch (p.kind()) {
          case WAL -> p.number() < logNumber && !pending.contains(p.number());
          case SST, VLOG -> !live.contains(p.number()) && !pending.contains(p.number());
          case MANIFEST -> p.number() < ctx.versions.manifestNumber(); // a newer one may be starting
          case TEMP -> atOpen;
          default -> false;
        };
        if (delete) {
          doomed.add(name);
          if (p.kind() == FileNames.Kind.SST) {
            ctx.tableCache.evict(p.number());
          } else if (p.kind() == FileNames.Kind.VLOG) {
            ctx.valueLogs.evict(p.number());
          }
        }
      }
      for (String name : doomed) {
        try {
          ctx.fs.deleteIfExists(ctx.dir.resolve(name));
        } catch (IOException e) {
          LOG.warn("could not delete obsolete file {}", ctx.dir.resolve(name), e);
        }
      }
    }
  }

  /** Stops the background threads, letting a running flush or compaction finish. */
  void shutdown() {
    shuttingDown = true;
    flushThread.shutdown();
    compactionThread.shutdown();
    try {
      if (!flushThread.awaitTermination(10, TimeUnit.MINUTES) || !compactionThread.awaitTermination(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("background work did not stop within 10 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean isShuttingDown() {
    return shuttingDown;
  }

}
