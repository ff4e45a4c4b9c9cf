package io.nokv.kv.engine;

import io.nokv.kv.Db;
import io.nokv.kv.DbClosedException;
import io.nokv.kv.DbIterator;
import io.nokv.kv.DbLockedException;
import io.nokv.kv.DbStats;
import io.nokv.kv.KvIOException;
import io.nokv.kv.Limits;
import io.nokv.kv.Options;
import io.nokv.kv.ReadOptions;
import io.nokv.kv.Snapshot;
import io.nokv.kv.WriteBatch;
import io.nokv.kv.WriteOptions;
import io.nokv.kv.cache.BlockCache;
import io.nokv.kv.fs.FileLockHandle;
import io.nokv.kv.fs.FileSystem;
import io.nokv.kv.version.VersionEdit;
import io.nokv.kv.version.VersionSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine behind {@link Db}: wires the write path, the read path, background work and the
 * files together. See docs/kv.md for the design; each part lives in its own class.
 */
public final class DbImpl implements Db {
  private final Path dir;
  private final Options options;
  private final FileSystem fs;
  private final FileLockHandle lock;
  private final EngineContext ctx;
  private final BlockCache blockCache;
  private final SnapshotList snapshots = new SnapshotList();
  private final WritePath writes;
  private final Background background;
  private final ReadPath reads;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile SuperVersion superVersion;

  private DbImpl(Path dir, Options options, FileLockHandle lock, VersionSet versions) {
    this.dir = dir;
    this.options = options;
    this.fs = options.fileSystem();
    this.lock = lock;
    this.blockCache = options.blockCacheSize() > 0 ? new BlockCache(options.blockCacheSize()) : null;
    EngineStats stats = new EngineStats();
    this.ctx = new EngineContext(fs, dir, options, versions, new TableCache(fs, dir, blockCache), new ValueLogs(fs, dir), stats);
    this.writes = new WritePath(ctx, versions.lastSequence(), this::scheduleFlush, this::installSuperVersion);
    this.background = new Background(ctx, writes, snapshots, this::installSuperVersion);
    this.reads = new ReadPath(ctx, this);
  }

  private void scheduleFlush() {
    background.scheduleFlush();
  }

  /** Opens or creates the database; see {@link Db#open}. */
  public static Db open(Path dir, Options options) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(options, "options");
    FileSystem fs = options.fileSystem();
    Path current = dir.resolve(FileNames.CURRENT);
    boolean exists = fs.exists(current);
    if (!exists && !options.createIfMissing()) {
      throw new IllegalArgumentException("no database at " + dir + " and createIfMissing is false");
    }
    if (exists && options.errorIfExists()) {
      throw new IllegalArgumentException("a database already exists at " + dir + " and errorIfExists is true");
    }
    try {
      fs.createDirectories(dir);
    } catch (IOException e) {
      throw new KvIOException(dir.toString(), "create database directory", e);
    }
    FileLockHandle lock;
    try {
      lock = fs.tryLock(dir.resolve(FileNames.LOCK));
    } catch (IOException e) {
      throw new KvIOException(dir.resolve(FileNames.LOCK).toString(), "lock", e);
    }
    if (lock == null) {
      throw new DbLockedException(dir.toString());
    }
    VersionSet versions = new VersionSet(fs, dir);
    DbImpl db = null;
    try {
      if (fs.exists(current)) {
        versions.recover();
      }
      versions.startNewManifest();
      db = new DbImpl(dir, options, lock, versions);
      db.recover();
      return db;
    } catch (RuntimeException | Error e) {
      if (db != null) {
        db.closeAfterFailedOpen(e);
      } else {
        try {
          versions.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        try {
          lock.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private void recover() {
    List<String> names;
    try {
      names = fs.list(dir);
    } catch (IOException e) {
      throw new KvIOException(dir.toString(), "list", e);
    }
    long maxSeq = Recovery.replayWals(ctx, background, names);
    writes.resetSequence(maxSeq);
    writes.start();
    // Everything replayed is in SSTables now: older WAL segments are obsolete.
    ctx.versions.logAndApply(new VersionEdit().setLogNumber(writes.memWalNumber).setLastSequence(maxSeq));
    installSuperVersion();
    background.deleteObsoleteFiles(true);
    background.maybeScheduleCompaction();
  }

  private void closeAfterFailedOpen(Throwable cause) {
    background.shutdown();
    ctx.tableCache.close();
    ctx.valueLogs.close();
    try {
      ctx.versions.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
    try {
      lock.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  // ------------------------------------------------------------ super versions

  /** Publishes the current memtables and version for readers. Called with the write mutex held. */
  private void installSuperVersion() {
    SuperVersion sv = new SuperVersion(writes.mem, reversed(writes.imms), ctx.versions.acquire());
    SuperVersion old = superVersion;
    superVersion = sv;
    if (old != null) {
      release(old);
    }
  }

  private static List<io.nokv.kv.memtable.MemTable> reversed(java.util.ArrayDeque<WritePath.Imm> imms) {
    List<io.nokv.kv.memtable.MemTable> out = new java.util.ArrayList<>(imms.size());
    var it = imms.descendingIterator();
    while (it.hasNext()) {
      out.add(it.next().mem());
    }
    return out;
  }

  /** Takes a reference on the current super version. */
  SuperVersion acquire() {
    while (true) {
      SuperVersion sv = superVersion;
      if (sv.tryRef()) {
        return sv;
      }
    }
  }

  void release(SuperVersion sv) {
    if (sv.unref() && ctx.versions.release(sv.version) && !background.isShuttingDown()) {
      background.scheduleObsoleteDeletion();
    }
  }

  long visibleSequence() {
    return writes.visibleSequence();
  }

  /** For tests that inspect tables. */
  TableCache tableCacheForTest() {
    return ctx.tableCache;
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new DbClosedException("database " + dir);
    }
  }

  // ------------------------------------------------------------ reads

  @Override
  public byte[] get(byte[] key) {
    checkOpen();
    return reads.get(null, Limits.checkReadKey(key));
  }

  @Override
  public byte[] get(ReadOptions options, byte[] key) {
    checkOpen();
    Objects.requireNonNull(options, "options");
    return reads.get(options, Limits.checkReadKey(key));
  }

  @Override
  public DbIterator newIterator(ReadOptions options) {
    checkOpen();
    return new OpenCheckedIterator(reads.newIterator(Objects.requireNonNull(options, "options")), closed::get, dir.toString());
  }

  @Override
  public Snapshot snapshot() {
    checkOpen();
    return snapshots.create(writes.visibleSequence());
  }

  // ------------------------------------------------------------ writes

  @Override
  public void put(byte[] key, byte[] value) {
    put(WriteOptions.DEFAULT, key, value);
  }

  @Override
  public void put(WriteOptions options, byte[] key, byte[] value) {
    int reserve = key == null || value == null ? 64 : WriteBatch.HEADER_SIZE + 16 + key.length + value.length;
    write(options, new WriteBatch(reserve).put(key, value));
  }

  @Override
  public void delete(byte[] key) {
    delete(WriteOptions.DEFAULT, key);
  }

  @Override
  public void delete(WriteOptions options, byte[] key) {
    write(options, new WriteBatch().delete(key));
  }

  @Override
  public void deleteRange(byte[] from, byte[] to) {
    deleteRange(WriteOptions.DEFAULT, from, to);
  }

  @Override
  public void deleteRange(WriteOptions options, byte[] from, byte[] to) {
    write(options, new WriteBatch().deleteRange(from, to));
  }

  @Override
  public void write(WriteOptions options, WriteBatch batch) {
    checkOpen();
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(batch, "batch");
    if (batch.count() == 0) {
      return;
    }
    writes.write(batch, options.sync(), options.disableWal());
  }

  // ------------------------------------------------------------ maintenance

  @Override
  public void flush() {
    checkOpen();
    writes.runExclusive(() -> {
      writes.switchIfNotEmpty();
      writes.awaitNoImmutables();
    });
  }

  @Override
  public void compactRange(byte[] from, byte[] to) {
    checkOpen();
    if (from != null && to != null && java.util.Arrays.compareUnsigned(from, to) > 0) {
      throw new IllegalArgumentException("compactRange: from must not sort after to");
    }
    flush();
    background.compactRange(from, to);
  }

  @Override
  public int runValueLogGc(double discardRatio) {
    checkOpen();
    if (!(discardRatio > 0 && discardRatio <= 1)) {
      throw new IllegalArgumentException("discardRatio must be in (0, 1], got " + discardRatio);
    }
    return background.valueLogGc(discardRatio);
  }

  @Override
  public void checkpoint(Path target) {
    checkOpen();
    flush();
    new Checkpoint(ctx, this).write(Objects.requireNonNull(target, "target"));
  }

  @Override
  public long exportRange(byte[] from, byte[] to, Path sstFile) {
    checkOpen();
    return new RangeExport(ctx, this).export(from, to, Objects.requireNonNull(sstFile, "sstFile"));
  }

  @Override
  public void ingest(Path sstFile) {
    checkOpen();
    new RangeExport(ctx, this).ingest(Objects.requireNonNull(sstFile, "sstFile"), writes, background);
  }

  @Override
  public long latestSequence() {
    return writes.visibleSequence();
  }

  @Override
  public DbStats stats() {
    checkOpen();
    SuperVersion sv = acquire();
    try {
      return StatsReport.build(ctx, background.picker(), blockCache, sv, writes.visibleSequence());
    } finally {
      release(sv);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    RuntimeException failure = null;
    try {
      writes.runExclusive(() -> {
        try {
          // Writes made without the WAL exist only in memory: flush them so close loses nothing.
          if (writes.memHasUnloggedWrites || writes.imms.stream().anyMatch(WritePath.Imm::hasUnloggedWrites)) {
            writes.switchIfNotEmpty();
            writes.awaitNoImmutables();
          }
        } finally {
          writes.close();
        }
      });
    } catch (RuntimeException e) {
      failure = e;
    }
    background.shutdown();
    ctx.tableCache.close();
    ctx.valueLogs.close();
    try {
      ctx.versions.close();
    } catch (IOException e) {
      failure = addFailure(failure, new KvIOException(dir.toString(), "close manifest", e));
    }
    try {
      lock.close();
    } catch (IOException e) {
      failure = addFailure(failure, new KvIOException(dir.resolve(FileNames.LOCK).toString(), "unlock", e));
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static RuntimeException addFailure(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  @Override
  public String toString() {
    return "Db[" + dir + "]";
  }
}
