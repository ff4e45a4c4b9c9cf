package io.nokv.kv.engine;

import io.nokv.kv.BackgroundErrorException;
import io.nokv.kv.DbClosedException;
import io.nokv.kv.KvException;
import io.nokv.kv.KvIOException;
import io.nokv.kv.WriteBatch;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.memtable.MemTable;
import io.nokv.kv.wal.LogWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The commit pipeline and the memtable state it feeds. Writers queue; the one at the head leads:
 * it makes room (switching a full memtable, waiting when L0 or the memtables are over their
 * limits), takes the writers queued behind it that share its sync and WAL settings (up to about
 * 4 MiB), assigns their sequence numbers, and outside the lock appends their batches to the WAL,
 * flushes or syncs once for all of them, and inserts them into the memtable. Then it publishes
 * the last sequence, wakes the group and hands leadership on. So concurrent synced writers share
 * one fsync, and only the leader ever inserts into the memtable.
 *
 * <p>Work that must not interleave with writes (switching the memtable for a flush, ingesting a
 * file) runs as an exclusive task at the head of the same queue.
 */
final class WritePath {
  private static final int MAX_GROUP_BYTES = 4 << 20;

  /** A task run by the queue leader with the mutex held; it may release and re-take it. */
  interface ExclusiveTask {
    void run() throws Exception;
  }

  private static final class Writer {
    final WriteBatch batch;
    final boolean sync;
    final boolean disableWal;
    final ExclusiveTask task;
    final Condition cv;
    boolean done;
    Throwable error;

    Writer(WriteBatch batch, boolean sync, boolean disableWal, ExclusiveTask task, Condition cv) {
      this.batch = batch;
      this.sync = sync;
      this.disableWal = disableWal;
      this.task = task;
      this.cv = cv;
    }
  }

  /** An immutable memtable waiting for flush, with the WAL that holds it and the next one. */
  record Imm(MemTable mem, long walNumber, long nextWalNumber, boolean hasUnloggedWrites) {}

  final ReentrantLock mutex = new ReentrantLock();
  /** Signalled when a flush or compaction finishes, or on a background error. */
  final Condition bgChanged = mutex.newCondition();

  private final EngineContext ctx;
  private final ArrayDeque<Writer> writers = new ArrayDeque<>();
  private final Runnable scheduleFlush;
  private final Runnable onSuperVersionChange;

  // Guarded by mutex.
  MemTable mem;
  long memWalNumber;
  boolean memHasUnloggedWrites;
  private LogWriter wal;
  final ArrayDeque<Imm> imms = new ArrayDeque<>();
  private long allocatedSequence;
  private boolean closed;

  private volatile long visibleSequence;
  private volatile Throwable bgError;

  WritePath(EngineContext ctx, long lastSequence, Runnable scheduleFlush, Runnable onSuperVersionChange) {
    this.ctx = ctx;
    this.allocatedSequence = lastSequence;
    this.visibleSequence = lastSequence;
    this.scheduleFlush = scheduleFlush;
    this.onSuperVersionChange = onSuperVersionChange;
  }

  /** Starts the first memtable and its WAL (at open). */
  void start() {
    mutex.lock();
    try {
      mem = new MemTable();
      openNewWal();
    } finally {
      mutex.unlock();
    }
  }

  private void openNewWal() {
    long number = ctx.versions.newFileNumber();
    Path p = FileNames.wal(ctx.dir, number);
    try {
      LogWriter w = new LogWriter(ctx.fs.create(p), p.toString(), number);
      w.sync();
      ctx.fs.syncDirectory(ctx.dir);
      wal = w;
      memWalNumber = number;
    } catch (IOException e) {
      throw new KvIOException(p.toString(), "create WAL", e);
    }
  }

  long visibleSequence() {
    return visibleSequence;
  }

  /** Sets the sequence counter after recovery, before any write. */
  void resetSequence(long seq) {
    allocatedSequence = seq;
    visibleSequence = seq;
  }

  Throwable backgroundError() {
    return bgError;
  }

  /** Records a background failure: from now on writes fail. */
  void setBackgroundError(Throwable t) {
    mutex.lock();
    try {
      if (bgError == null) {
        bgError = t;
      }
      bgChanged.signalAll();
    } finally {
      mutex.unlock();
    }
  }

  void write(WriteBatch batch, boolean sync, boolean disableWal) {
    enqueue(new Writer(batch, sync, disableWal, null, mutex.newCondition()));
  }

  /** Runs {@code task} at the head of the write queue, with no write in flight. */
  void runExclusive(ExclusiveTask task) {
    enqueue(new Writer(null, false, false, task, mutex.newCondition()));
  }

  private void enqueue(Writer w) {
    mutex.lock();
    try {
      writers.addLast(w);
      while (!w.done && writers.peekFirst() != w) {
        w.cv.awaitUninterruptibly();
      }
      if (w.done) {
        rethrow(w.error);
        return;
      }
      Writer last = w;
      Throwable err = null;
      try {
        if (closed) {
          throw new DbClosedException("database");
        }
        if (w.task != null) {
          w.task.run();
        } else {
          last = lead(w);
        }
      } catch (Throwable t) {
        err = t;
      }
      while (true) {
        Writer x = writers.pollFirst();
        if (x != w) {
          x.error = err;
          x.done = true;
          x.cv.signal();
        }
        if (x == last) {
          break;
        }
      }
      Writer next = writers.peekFirst();
      if (next != null) {
        next.cv.signal();
      }
      rethrow(err);
    } finally {
      mutex.unlock();
    }
  }

  private static void rethrow(Throwable t) {
    if (t == null) {
      return;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new BackgroundErrorException("write failed: " + t.getMessage(), t);
  }

  /** Leads one group; returns its last writer. Called with the mutex held. */
  private Writer lead(Writer leader) throws IOException {
    makeRoomForWrite();
    List<Writer> group = new ArrayList<>();
    long bytes = 0;
    for (Writer x : writers) {
      if (x.task != null || x.sync != leader.sync || x.disableWal != leader.disableWal) {
        break;
      }
      if (!group.isEmpty() && bytes + x.batch.approximateSize() > MAX_GROUP_BYTES) {
        break;
      }
      group.add(x);
      bytes += x.batch.approximateSize();
    }
    byte[][] encoded = new byte[group.size()][];
    long seq = allocatedSequence + 1;
    for (int i = 0; i < group.size(); i++) {
      encoded[i] = group.get(i).batch.encode(seq);
      seq += group.get(i).batch.count();
    }
    long lastSeq = seq - 1;
    allocatedSequence = lastSeq;
    LogWriter walNow = wal;
    MemTable memNow = mem;
    if (leader.disableWal) {
      memHasUnloggedWrites = true;
    }
    mutex.unlock();
    try {
      if (!leader.disableWal) {
        try {
          for (byte[] rec : encoded) {
            walNow.addRecord(rec, 0, rec.length);
            ctx.stats.walBytesWritten.add(rec.length + 8);
          }
          if (leader.sync) {
            walNow.sync();
            ctx.stats.walSyncs.increment();
          } else {
            walNow.flush();
          }
          ctx.stats.walGroupCommits.increment();
        } catch (IOException | RuntimeException e) {
          // The WAL may now hold part of the group: refuse every later write until reopened.
          KvException k = e instanceof KvException ke ? ke
              : new KvIOException(FileNames.wal(ctx.dir, memWalNumber).toString(), "WAL append", e instanceof IOException io ? io : new IOException(e));
          setBackgroundErrorLocked(k);
          throw k;
        }
      }
      for (byte[] rec : encoded) {
        apply(memNow, rec);
      }
      ctx.stats.userBytesWritten.add(bytes);
    } finally {
      mutex.lock();
    }
    visibleSequence = lastSeq;
    return group.get(group.size() - 1);
  }

  private void setBackgroundErrorLocked(Throwable t) {
    mutex.lock();
    try {
      if (bgError == null) {
        bgError = t;
      }
    } finally {
      mutex.unlock();
    }
  }

  /** Inserts a serialized batch into a memtable. */
  static void apply(MemTable mem, byte[] encodedBatch) {
    WriteBatch.decode(encodedBatch, new WriteBatch.Handler() {
      @Override
      public void put(long sequence, byte[] key, byte[] value) {
        mem.add(sequence, ValueType.VALUE, key, value);
      }

      @Override
      public void delete(long sequence, byte[] key) {
        mem.add(sequence, ValueType.DELETE, key, new byte[0]);
      }

      @Override
      public void deleteRange(long sequence, byte[] from, byte[] to) {
        mem.addRangeTombstone(sequence, from, to);
      }
    });
  }

  /** Waits for room: L0 slowdown/stop and the memtable limit. Called with the mutex held. */
  private void makeRoomForWrite() {
    boolean delayed = false;
    while (true) {
      if (bgError != null) {
        throw new BackgroundErrorException("a background flush, compaction or WAL write failed; reopen the database", bgError);
      }
      int l0 = ctx.versions.current().numFiles(0);
      if (!delayed && !ctx.options.disableAutoCompactions() && l0 >= ctx.options.level0SlowdownWritesTrigger()) {
        // Spread the delay over many writes instead of stopping one for seconds later.
        long t0 = System.nanoTime();
        mutex.unlock();
        try {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        } finally {
          mutex.lock();
        }
        delayed = true;
        ctx.stats.stallSlowdowns.increment();
        ctx.stats.stallMicros.add((System.nanoTime() - t0) / 1000);
      } else if (mem.approximateMemoryUsage() < ctx.options.writeBufferSize()) {
        return;
      } else if (imms.size() >= ctx.options.maxWriteBufferNumber() - 1) {
        awaitBackground();
      } else if (!ctx.options.disableAutoCompactions() && l0 >= ctx.options.level0StopWritesTrigger()) {
        awaitBackground();
      } else {
        switchMemTable();
      }
    }
  }

  private void awaitBackground() {
    long t0 = System.nanoTime();
    ctx.stats.stallStops.increment();
    bgChanged.awaitUninterruptibly();
    ctx.stats.stallMicros.add((System.nanoTime() - t0) / 1000);
  }

  /**
   * Makes the mutable memtable immutable, starts a new one with a new WAL, and schedules a flush.
   * Called by the queue leader (or an exclusive task) with the mutex held.
   */
  void switchMemTable() {
    LogWriter oldWal = wal;
    long oldNumber = memWalNumber;
    // The old segment is synced so a later segment never survives a crash its predecessor did not.
    try {
      oldWal.sync();
      oldWal.close();
    } catch (IOException e) {
      throw new KvIOException(FileNames.wal(ctx.dir, oldNumber).toString(), "close WAL", e);
    }
    openNewWal();
    imms.addLast(new Imm(mem, oldNumber, memWalNumber, memHasUnloggedWrites));
    mem = new MemTable();
    memHasUnloggedWrites = false;
    onSuperVersionChange.run();
    scheduleFlush.run();
  }

  /** Switches the memtable if it holds anything; returns true if it did. Mutex held, exclusive. */
  boolean switchIfNotEmpty() {
    if (mem.isEmpty() && mem.rangeTombstones().isEmpty()) {
      return false;
    }
    switchMemTable();
    return true;
  }

  /** Waits until every immutable memtable is flushed. Mutex held. */
  void awaitNoImmutables() {
    while (!imms.isEmpty()) {
      if (bgError != null) {
        throw new BackgroundErrorException("flush failed", bgError);
      }
      bgChanged.awaitUninterruptibly();
    }
  }

  /** Allocates one sequence number for an exclusive task (ingest) and returns it. Mutex held. */
  long allocateSequence() {
    return ++allocatedSequence;
  }

  /** Republishes the super version after an exclusive task changed the version. Mutex held. */
  void onVersionChange() {
    onSuperVersionChange.run();
  }

  /** Publishes a sequence allocated by an exclusive task. Mutex held. */
  void publish(long seq) {
    visibleSequence = Math.max(visibleSequence, seq);
  }

  /** Marks the pipeline closed and closes the WAL. Mutex held, exclusive. */
  void close() throws IOException {
    closed = true;
    if (wal != null) {
      wal.sync();
      wal.close();
      wal = null;
    }
  }
}
