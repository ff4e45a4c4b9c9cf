package io.nokv.kv.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * A {@link FileSystem} for tests that wraps a real one ({@link LocalFileSystem} or {@link
 * MemFileSystem}), fails chosen operations and simulates a power cut.
 *
 * <p><b>Durability model.</b> For every file created through it, it remembers the length last made
 * durable by {@link WritableFile#sync()}, and whether the file's directory entry is durable: a
 * creation or a rename becomes durable when its directory (the target's, for a rename) is passed to
 * {@link #syncDirectory}. Files that existed before they were touched through this wrapper are
 * fully durable. {@link #simulateCrash} then, under an exclusive lock:
 *
 * <ol>
 *   <li>closes every handle opened before it; their later use throws an {@link IOException} whose
 *       message starts with "file system crashed" (closing them again is a no-op, so clean-up code
 *       still runs); locks taken through {@link #tryLock} are released;
 *   <li>cuts every tracked file back to its durable length, or, in garbage mode, overwrites the
 *       non-durable tail with random bytes (both are torn-write shapes);
 *   <li>undoes, newest first, every creation and rename whose directory was not synced: a created
 *       file is deleted; a renamed file moves back and the file it replaced is restored with its
 *       durable contents (kept in memory at the rename).
 * </ol>
 *
 * Simplifications, documented so tests do not rely on more: deletions and {@link
 * #createDirectories} are durable when done; {@link #create} over an existing name keeps the name
 * durable (only the contents are lost); a rename is durable once the target's directory is synced,
 * whatever the source directory.
 *
 * <p><b>Faults.</b> {@link #failWritesAfter} lets that many more bytes through and then fails
 * appends (the append that crosses the limit writes its prefix, like a full disk); {@link
 * #failSyncs} fails file and directory syncs; {@link #failNextOperations} fails the next {@code
 * count} operations of one {@link OpKind} on matching paths. Injected failures are {@link
 * IOException}s whose message starts with "injected". A failed sync does not advance the durable
 * length.
 *
 * <p>Thread-safe: every operation holds a shared lock that {@link #simulateCrash} takes
 * exclusively, so a crash never interleaves with an operation in flight.
 */
public final class FaultInjectingFileSystem implements FileSystem {
  /** The operations that {@link #failNextOperations} can fail. */
  public enum OpKind {
    CREATE,
    OPEN_READ,
    READ,
    WRITE,
    FLUSH,
    SYNC,
    SYNC_DIRECTORY,
    RENAME,
    DELETE,
    LIST,
    CREATE_DIRECTORIES,
    LOCK
  }

  private final FileSystem delegate;
  private final ReentrantReadWriteLock crashLock = new ReentrantReadWriteLock();
  private final Object meta = new Object();
  // Guarded by meta.
  private final Map<Path, Durability> tracked = new HashMap<>();
  private final List<DirectoryOp> pending = new ArrayList<>();
  private final List<FaultRule> rules = new ArrayList<>();
  // Guarded by the crash lock in write mode.
  private final SplittableRandom random;

  private final Set<FaultInjectingHandles.Handle> openHandles = ConcurrentHashMap.newKeySet();
  private volatile int epoch;
  private final AtomicLong writeBudget = new AtomicLong(Long.MAX_VALUE);
  private volatile boolean failSyncs;
  private final AtomicLong syncCount = new AtomicLong();
  private final AtomicLong directorySyncCount = new AtomicLong();
  private final AtomicLong bytesWritten = new AtomicLong();

  /** Per file: the length that survives a crash. Shared by the file's write handle. */
  static final class Durability {
    volatile long syncedLength;

    Durability(long syncedLength) {
      this.syncedLength = syncedLength;
    }
  }

  /** A creation or rename not yet made durable by a directory sync. */
  private record DirectoryOp(
      Path dir, Path from, Path to, byte[] replacedContents, Durability replacedState) {
    static DirectoryOp created(Path p) {
      return new DirectoryOp(p.getParent(), null, p, null, null);
    }

    boolean isCreate() {
      return from == null;
    }
  }

  private static final class FaultRule {
    final Predicate<Path> paths;
    final OpKind kind;
    int remaining;

    FaultRule(Predicate<Path> paths, OpKind kind, int remaining) {
      this.paths = paths;
      this.kind = kind;
      this.remaining = remaining;
    }
  }

  public FaultInjectingFileSystem(FileSystem delegate) {
    this(delegate, 0x5EED_0F_C0FFEEL);
  }

  /** {@code seed} drives the garbage written by {@link #simulateCrash(boolean)}. */
  public FaultInjectingFileSystem(FileSystem delegate, long seed) {
    this.delegate = delegate;
    this.random = new SplittableRandom(seed);
  }

  public FileSystem delegate() {
    return delegate;
  }

  private static Path normalize(Path p) {
    return p.toAbsolutePath().normalize();
  }

  // ---- fault switches and counters ----

  /** Lets {@code bytes} more bytes be appended (in total, all files), then fails appends. */
  public void failWritesAfter(long bytes) {
    writeBudget.set(Math.max(0, bytes));
  }

  /** While on, {@link WritableFile#sync()} and {@link #syncDirectory} throw. */
  public void failSyncs(boolean fail) {
    failSyncs = fail;
  }

  /**
   * Fails the next {@code count} operations of {@code kind} on a path accepted by {@code paths}.
   */
  public void failNextOperations(Predicate<Path> paths, OpKind kind, int count) {
    synchronized (meta) {
      rules.add(new FaultRule(paths, kind, count));
    }
  }

  /** Turns every fault switch off. */
  public void clearFaults() {
    writeBudget.set(Long.MAX_VALUE);
    failSyncs = false;
    synchronized (meta) {
      rules.clear();
    }
  }

  /** Successful {@link WritableFile#sync()} calls. */
  public long syncCount() {
    return syncCount.get();
  }

  /** Successful {@link #syncDirectory} calls. */
  public long directorySyncCount() {
    return directorySyncCount.get();
  }

  /** Bytes appended through this file system (including the prefix of a failed append). */
  public long bytesWritten() {
    return bytesWritten.get();
  }

  /** The length of {@code path} that would survive a crash now, or -1 for an untracked file. */
  public long durableLength(Path path) {
    synchronized (meta) {
      Durability d = tracked.get(normalize(path));
      return d == null ? -1 : d.syncedLength;
    }
  }

  // ---- hooks for the handles ----

  int epoch() {
    return epoch;
  }

  ReentrantReadWriteLock.ReadLock operationLock() {
    return crashLock.readLock();
  }

  void register(FaultInjectingHandles.Handle h) {
    openHandles.add(h);
  }

  void unregister(FaultInjectingHandles.Handle h) {
    openHandles.remove(h);
  }

  /** Throws if an injected fault applies to this operation (consuming one count of its rule). */
  void maybeFail(OpKind kind, Path path) throws IOException {
    if ((kind == OpKind.SYNC || kind == OpKind.SYNC_DIRECTORY) && failSyncs) {
      throw new IOException("injected " + kind + " failure on " + path + " (failSyncs)");
    }
    synchronized (meta) {
      for (Iterator<FaultRule> it = rules.iterator(); it.hasNext(); ) {
        FaultRule r = it.next();
        if (r.kind == kind && r.paths.test(path)) {
          if (--r.remaining <= 0) {
            it.remove();
          }
          throw new IOException("injected " + kind + " failure on " + path);
        }
      }
    }
  }

  /** Takes up to {@code len} bytes from the write budget; returns how many may be written. */
  long reserveWrite(int len) {
    while (true) {
      long budget = writeBudget.get();
      if (budget == Long.MAX_VALUE) {
        return len;
      }
      long granted = Math.min(budget, len);
      if (writeBudget.compareAndSet(budget, budget - granted)) {
        return granted;
      }
    }
  }

  void countWrite(long n) {
    bytesWritten.addAndGet(n);
  }

  void countSync() {
    syncCount.incrementAndGet();
  }

  // ---- FileSystem ----

  @Override
  public WritableFile create(Path path) throws IOException {
    Path p = normalize(path);
    crashLock.readLock().lock();
    try {
      maybeFail(OpKind.CREATE, p);
      synchronized (meta) {
        boolean existed = delegate.exists(p);
        WritableFile inner = delegate.create(p);
        Durability d = new Durability(0);
        tracked.put(p, d);
        if (!existed) {
          pending.add(DirectoryOp.created(p));
        }
        return new FaultInjectingHandles.Writable(this, p, inner, d);
      }
    } finally {
      crashLock.readLock().unlock();
    }
  }

  @Override
  public ReadableFile openRead(Path path) throws IOException {
    Path p = normalize(path);
    crashLock.readLock().lock();
    try {
      maybeFail(OpKind.OPEN_READ, p);
      return new FaultInjectingHandles.Readable(this, p, delegate.openRead(p));
    } finally {
      crashLock.readLock().unlock();
    }
  }

  @Override
  public boolean exists(Path path) {
    crashLock.readLock().lock();
    try {
      return delegate.exists(normalize(path));
    } finally {
      crashLock.readLock().unlock();
    }
  }

  @Override
  public long size(Path path) throws IOException {
    crashLock.readLock().lock();
    try {
      return delegate.size(normalize(path));
    } finally {
      crashLock.readLock().unlock();
    }
  }

  @Override
  public List<String> list(Path dir) throws IOException {
    Path d = normalize(dir);
    crashLock.readLock().lock();
    try {
      maybeFail(OpKind.LIST, d);
      return delegate.list(d);
    } finally {
      crashLock.readLock().unlock();
    }
  }

  @Override
  public void deleteIfExists(Path path) throws IOException {
    Path p = normalize(path);
    crashLock.readLock().lock();
    try {
      maybeFail(OpKind.DELETE, p);
      synchronized (meta) {
        delegate.deleteIfExists(p);
        tracked.remove(p);
      }
    } finally {
      crashLock.readLock().unlock();
    }
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    Path src = normalize(from);
    Path dst = normalize(to);
    crashLock.readLock().lock();
    try {
      maybeFail(OpKind.RENAME, src);
      maybeFail(OpKind.RENAME, dst);
      synchronized (meta) {
        if (src.equals(dst)) {
          delegate.rename(src, dst);
          return;
        }
        // What a crash would bring back under the target name if this rename is not made durable.
        byte[] replaced = null;
        Durability replacedState = tracked.get(dst);
        if (delegate.exists(dst)) {
          long keep = replacedState == null ? delegate.size(dst) : replacedState.syncedLength;
          replaced = DelegateEdits.readPrefix(delegate, dst, keep);
        }
        delegate.rename(src, dst);
        Durability moved = tracked.remove(src);
        if (moved != null) {
          tracked.put(dst, moved);
        } else {
          tracked.remove(dst);
        }
        pending.add(new DirectoryOp(dst.getParent(), src, dst, replaced, replacedState));
      }
    } finally {
      crashLock.readLock().unlock();
    }
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    Path d = normalize(dir);
    crashLock.readLock().lock();
    try {
      maybeFail(OpKind.CREATE_DIRECTORIES, d);
      delegate.createDirectories(d);
    } finally {
      crashLock.readLock().unlock();
    }
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    Path d = normalize(dir);
    crashLock.readLock().lock();
    try {
      maybeFail(OpKind.SYNC_DIRECTORY, d);
      synchronized (meta) {
        delegate.syncDirectory(d);
        pending.removeIf(op -> d.equals(op.dir()));
      }
      directorySyncCount.incrementAndGet();
    } finally {
      crashLock.readLock().unlock();
    }
  }

  @Override
  public FileLockHandle tryLock(Path lockFile) throws IOException {
    Path p = normalize(lockFile);
    crashLock.readLock().lock();
    try {
      maybeFail(OpKind.LOCK, p);
      FileLockHandle inner = delegate.tryLock(p);
      return inner == null ? null : new FaultInjectingHandles.LockHandle(this, p, inner);
    } finally {
      crashLock.readLock().unlock();
    }
  }

  // ---- crash and corruption ----

  /** Simulates a power cut, truncating non-durable tails (see the class comment). */
  public void simulateCrash() throws IOException {
    simulateCrash(false);
  }

  /**
   * Simulates a power cut (see the class comment). With {@code garbageTail}, the non-durable tail
   * of each file keeps its length but is filled with random bytes instead of being cut off.
   */
  public void simulateCrash(boolean garbageTail) throws IOException {
    crashLock.writeLock().lock();
    try {
      epoch++;
      IOException closeFailure = null;
      for (FaultInjectingHandles.Handle h : openHandles) {
        try {
          h.closeForCrash();
        } catch (IOException e) {
          if (closeFailure == null) {
            closeFailure = e;
          } else {
            closeFailure.addSuppressed(e);
          }
        }
      }
      openHandles.clear();
      synchronized (meta) {
        loseUnsyncedContents(garbageTail);
        undoUnsyncedDirectoryOps();
        // What is on the device now is what a reboot finds: all of it is durable.
        for (Map.Entry<Path, Durability> e : tracked.entrySet()) {
          e.getValue().syncedLength = delegate.exists(e.getKey()) ? delegate.size(e.getKey()) : 0;
        }
      }
      if (closeFailure != null) {
        throw closeFailure; // the crash itself is complete; report the handle that failed to close
      }
    } finally {
      crashLock.writeLock().unlock();
    }
  }

  private void loseUnsyncedContents(boolean garbageTail) throws IOException {
    for (Map.Entry<Path, Durability> e : tracked.entrySet()) {
      Path p = e.getKey();
      if (!delegate.exists(p)) {
        continue;
      }
      long size = delegate.size(p);
      long durable = Math.min(e.getValue().syncedLength, size);
      if (durable == size) {
        continue;
      }
      if (garbageTail) {
        byte[] garbage = new byte[Math.toIntExact(size - durable)];
        random.nextBytes(garbage);
        DelegateEdits.overwrite(delegate, p, durable, garbage);
      } else {
        DelegateEdits.truncate(delegate, p, durable);
      }
    }
  }

  private void undoUnsyncedDirectoryOps() throws IOException {
    for (int i = pending.size() - 1; i >= 0; i--) {
      DirectoryOp op = pending.get(i);
      if (op.isCreate()) {
        delegate.deleteIfExists(op.to());
        tracked.remove(op.to());
        continue;
      }
      if (!delegate.exists(op.to())) {
        continue; // deleted after the rename; deletions are durable
      }
      delegate.rename(op.to(), op.from());
      Durability moved = tracked.remove(op.to());
      if (moved != null) {
        tracked.put(op.from(), moved);
      }
      if (op.replacedContents() != null) {
        try (WritableFile w = delegate.create(op.to())) {
          w.append(op.replacedContents());
        }
        if (op.replacedState() != null) {
          tracked.put(op.to(), op.replacedState());
        }
      }
    }
    pending.clear();
  }

  /** Inverts every bit of the byte at {@code offset} of {@code path}, in place. */
  public void corrupt(Path path, long offset) throws IOException {
    Path p = normalize(path);
    crashLock.readLock().lock();
    try {
      byte[] b = new byte[1];
      try (ReadableFile in = delegate.openRead(p)) {
        in.readFully(offset, b, 0, 1);
      }
      b[0] = (byte) ~b[0];
      synchronized (meta) {
        DelegateEdits.overwrite(delegate, p, offset, b);
      }
    } finally {
      crashLock.readLock().unlock();
    }
  }
}
