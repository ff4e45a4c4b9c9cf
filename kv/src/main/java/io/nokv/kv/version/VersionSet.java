package io.nokv.kv.version;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.FormatVersionException;
import io.nokv.kv.KvIOException;
import io.nokv.kv.engine.FileNames;
import io.nokv.kv.format.Coding;
import io.nokv.kv.fs.FileSystem;
import io.nokv.kv.wal.LogReader;
import io.nokv.kv.wal.LogWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live {@link Version} and the manifest that makes it durable. The manifest is a log file
 * (the WAL's record framing) whose first record is a header ({@code "NOKVMANIFEST"}, u32 format
 * version) and whose other records are {@link VersionEdit}s; the first edit after the header is a
 * full snapshot. CURRENT names it. A new manifest is started at every open and when the current
 * one passes {@link #MAX_MANIFEST_BYTES}.
 *
 * <p>{@link #logAndApply} is serialized by this object's monitor. {@link #current()} may be read
 * from any thread.
 */
public final class VersionSet implements AutoCloseable {
  static final byte[] MANIFEST_MAGIC = "NOKVMANIFEST".getBytes(StandardCharsets.US_ASCII);
  static final int MANIFEST_VERSION = 1;
  static final long MAX_MANIFEST_BYTES = 64L << 20;

  private final FileSystem fs;
  private final Path dir;
  private final AtomicLong nextFileNumber = new AtomicLong(2);
  private volatile long logNumber;
  private volatile long lastSequence;
  private final byte[][] compactPointers = new byte[Version.NUM_LEVELS][];
  private volatile Version current;
  /** Versions pinned by readers (besides the current one). */
  private final Set<Version> pinned = ConcurrentHashMap.newKeySet();
  private LogWriter manifest;
  private long manifestNumber;
  private String manifestName;

  public VersionSet(FileSystem fs, Path dir) {
    this.fs = fs;
    this.dir = dir;
    this.current = Version.empty();
    current.ref();
  }

  /** Replays the manifest CURRENT names. */
  public void recover() {
    String name;
    try {
      name = CurrentFile.read(fs, dir);
    } catch (IOException e) {
      throw new KvIOException(dir.resolve(FileNames.CURRENT).toString(), "read", e);
    }
    Path path = dir.resolve(name);
    VersionBuilder builder = new VersionBuilder(Version.empty());
    boolean sawHeader = false;
    long next = -1;
    long log = -1;
    long last = -1;
    try (LogReader reader = LogReader.open(fs, path, true)) {
      byte[] rec;
      while ((rec = reader.next()) != null) {
        if (!sawHeader) {
          checkHeader(path, rec);
          sawHeader = true;
          continue;
        }
        VersionEdit edit;
        try {
          edit = VersionEdit.decode(rec);
          builder.apply(edit);
        } catch (IllegalStateException e) {
          throw new CorruptionException(path.toString(), -1, "bad version edit: " + e.getMessage(), e);
        }
        if (edit.nextFileNumber >= 0) {
          next = edit.nextFileNumber;
        }
        if (edit.logNumber >= 0) {
          log = edit.logNumber;
        }
        if (edit.lastSequence >= 0) {
          last = edit.lastSequence;
        }
        for (var cp : edit.compactPointers.entrySet()) {
          compactPointers[cp.getKey()] = cp.getValue();
        }
      }
    } catch (IOException e) {
      throw new KvIOException(path.toString(), "read manifest", e);
    }
    if (!sawHeader || next < 0 || log < 0 || last < 0) {
      throw new CorruptionException(path.toString(), 0, "manifest lacks its header or its initial snapshot");
    }
    Version v;
    try {
      v = builder.build();
    } catch (IllegalStateException e) {
      throw new CorruptionException(path.toString(), -1, "manifest describes an impossible state: " + e.getMessage(), e);
    }
    nextFileNumber.set(next);
    logNumber = log;
    lastSequence = last;
    long manifestNo = FileNames.parse(name).number();
    markFileNumberUsed(manifestNo);
    installCurrent(v);
  }

  private static void checkHeader(Path path, byte[] rec) {
    if (rec.length != MANIFEST_MAGIC.length + 4
        || !Arrays.equals(rec, 0, MANIFEST_MAGIC.length, MANIFEST_MAGIC, 0, MANIFEST_MAGIC.length)) {
      throw new CorruptionException(path.toString(), 0, "not a NoKV manifest (bad header record)");
    }
    int version = Coding.getInt(rec, MANIFEST_MAGIC.length);
    if (version != MANIFEST_VERSION) {
      throw new FormatVersionException(path.toString(), 0, version, MANIFEST_VERSION);
    }
  }

  /**
   * Starts a new manifest holding a snapshot of the current state and points CURRENT at it. Used
   * at open (after {@link #recover} or for a new database) and when the manifest grows too big.
   */
  public synchronized void startNewManifest() {
    long number = newFileNumber();
    String name = FileNames.manifest(number);
    Path path = dir.resolve(name);
    LogWriter old = manifest;
    try {
      LogWriter w = writeManifest(fs, dir, number, snapshotEdit(current));
      manifest = w;
      manifestNumber = number;
      manifestName = name;
    } catch (IOException e) {
      throw new KvIOException(path.toString(), "write manifest", e);
    }
    if (old != null) {
      try {
        old.close();
      } catch (IOException e) {
        throw new KvIOException(dir.toString(), "close old manifest", e);
      }
    }
  }

  /**
   * Writes a new manifest {@code number} in {@code dir} holding {@code snapshot}, syncs it and
   * points CURRENT at it. Returns the open writer for further edits.
   */
  public static LogWriter writeManifest(FileSystem fs, Path dir, long number, VersionEdit snapshot) throws IOException {
    String name = FileNames.manifest(number);
    Path path = dir.resolve(name);
    LogWriter w = new LogWriter(fs.create(path), path.toString(), number);
    byte[] header = Arrays.copyOf(MANIFEST_MAGIC, MANIFEST_MAGIC.length + 4);
    Coding.putInt(header, MANIFEST_MAGIC.length, MANIFEST_VERSION);
    w.addRecord(header, 0, header.length);
    byte[] snap = snapshot.encode();
    w.addRecord(snap, 0, snap.length);
    w.sync();
    fs.syncDirectory(dir);
    CurrentFile.write(fs, dir, name);
    return w;
  }

  /** An edit that recreates {@code v} from nothing, with the counters. */
  public VersionEdit snapshotEdit(Version v) {
    VersionEdit e = new VersionEdit();
    e.setNextFileNumber(nextFileNumber.get()).setLogNumber(logNumber).setLastSequence(lastSequence);
    for (int l = 0; l < Version.NUM_LEVELS; l++) {
      for (FileMetaData f : v.files(l)) {
        e.addFile(l, f);
      }
      if (compactPointers[l] != null) {
        e.setCompactPointer(l, compactPointers[l]);
      }
    }
    v.segments().values().forEach(e::addSegment);
    v.tombstones().forEach(e::addTombstone);
    return e;
  }

  /**
   * Applies {@code edit} to the current version, drops segments no table references any more,
   * writes the edit to the manifest, syncs it, and installs the result. Returns the new version.
   */
  public synchronized Version logAndApply(VersionEdit edit) {
    // In-memory counters change only after the edit is durable: a failed manifest write must not
    // let obsolete-file deletion act on state the disk does not have.
    long newLast = Math.max(lastSequence, edit.lastSequence);
    long newLog = Math.max(logNumber, edit.logNumber);
    edit.setLastSequence(newLast);
    edit.setLogNumber(newLog);
    VersionBuilder b = new VersionBuilder(current);
    b.apply(edit);
    for (long s : b.unreferencedSegments()) {
      edit.deleteSegment(s);
    }
    b = new VersionBuilder(current);
    b.apply(edit);
    Version v = b.build();
    edit.setNextFileNumber(nextFileNumber.get());
    byte[] rec = edit.encode();
    try {
      manifest.addRecord(rec, 0, rec.length);
      manifest.sync();
    } catch (IOException e) {
      throw new KvIOException(dir.resolve(manifestName).toString(), "append to manifest", e);
    }
    lastSequence = newLast;
    logNumber = newLog;
    for (var cp : edit.compactPointers.entrySet()) {
      compactPointers[cp.getKey()] = cp.getValue();
    }
    installCurrent(v);
    if (manifest.size() > MAX_MANIFEST_BYTES) {
      startNewManifest();
    }
    return v;
  }

  private void installCurrent(Version v) {
    v.ref();
    Version old = current;
    current = v;
    if (!old.unref()) {
      pinned.add(old);
    }
  }

  public Version current() {
    return current;
  }

  /** Pins the current version for a reader; release with {@link #release}. */
  public Version acquire() {
    synchronized (this) {
      Version v = current;
      v.ref();
      return v;
    }
  }

  /** Releases a pin; returns true when some version became unreferenced (files may be obsolete). */
  public boolean release(Version v) {
    if (v.unref()) {
      pinned.remove(v);
      return true;
    }
    return false;
  }

  /** Numbers of every SSTable and segment that a live or pinned version still needs. */
  public synchronized Set<Long> liveFileNumbers() {
    Set<Long> live = new HashSet<>();
    collect(current, live);
    // A reader may have released a version before installCurrent added it here: drop such.
    pinned.removeIf(v -> v.refCount() == 0);
    for (Version v : pinned) {
      collect(v, live);
    }
    live.add(manifestNumber);
    return live;
  }

  private static void collect(Version v, Set<Long> live) {
    for (FileMetaData f : v.allFiles()) {
      live.add(f.number());
      for (long r : f.valueLogRefs()) {
        live.add(r);
      }
    }
    live.addAll(v.segments().keySet());
  }

  public long newFileNumber() {
    return nextFileNumber.getAndIncrement();
  }

  public void markFileNumberUsed(long n) {
    nextFileNumber.accumulateAndGet(n + 1, Math::max);
  }

  public long logNumber() {
    return logNumber;
  }

  public long lastSequence() {
    return lastSequence;
  }

  /** Raises the recorded last sequence (written with the next edit). */
  public void setLastSequence(long s) {
    synchronized (this) {
      lastSequence = Math.max(lastSequence, s);
    }
  }

  public synchronized byte[] compactPointer(int level) {
    return compactPointers[level];
  }

  public long manifestNumber() {
    return manifestNumber;
  }

  @Override
  public synchronized void close() throws IOException {
    if (manifest != null) {
      manifest.close();
      manifest = null;
    }
  }
}
