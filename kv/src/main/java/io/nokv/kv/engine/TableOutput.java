package io.nokv.kv.engine;

import io.nokv.kv.KvIOException;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValuePointer;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.sstable.TableBuilder;
import io.nokv.kv.sstable.TableProperties;
import io.nokv.kv.version.FileMetaData;
import io.nokv.kv.version.SegmentMeta;
import io.nokv.kv.vlog.ValueLogWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files one flush, compaction, GC rewrite or ingest writes: SSTables cut at about a target
 * size (only between user keys, so a key's versions never straddle two files of a level) and at
 * most one new value-log segment. Inline values at or above the value threshold are separated into
 * the segment when {@code separateValues}; pointers into {@code relocate} segments are rewritten
 * into it (value-log GC). Nothing is visible until the caller logs the result in the manifest;
 * {@link #abandon()} deletes everything written.
 */
final class TableOutput {
  private final EngineContext ctx;
  private final long targetFileSize;
  private final boolean separateValues;
  private final Set<Long> relocate;

  private final List<FileMetaData> finished = new ArrayList<>();
  private final List<Long> numbers = new ArrayList<>();
  private TableBuilder table;
  private long tableNumber;
  private byte[] smallest;
  private byte[] largest;
  private long smallestSeq;
  private long largestSeq;
  private long entries;
  private final TreeSet<Long> refs = new TreeSet<>();

  private ValueLogWriter vlog;
  private long vlogNumber = -1;
  private long vlogEntryBytes;
  private long bytesWritten;

  TableOutput(EngineContext ctx, long targetFileSize, boolean separateValues, Set<Long> relocate) {
    this.ctx = ctx;
    this.targetFileSize = targetFileSize;
    this.separateValues = separateValues;
    this.relocate = relocate;
  }

  /** True when the current table is big enough that the next new user key should start a new one. */
  boolean wantsCut() {
    return table != null && table.estimatedSize() >= targetFileSize;
  }

  /** Adds an entry (in internal-key order). Call {@link #cut()} only between user keys. */
  void add(byte[] internalKey, byte[] value) {
    if (table == null) {
      openTable(); // before any reference is recorded: opening resets them
    }
    byte type = InternalKey.type(internalKey);
    byte[] key = internalKey;
    byte[] stored = value;
    if (type == ValueType.VALUE && separateValues && value.length >= ctx.options.valueThreshold()) {
      ValuePointer p = appendToVlog(internalKey, value);
      key = retype(internalKey, ValueType.VALUE_POINTER);
      stored = p.encode();
    } else if (type == ValueType.VALUE_POINTER && !relocate.isEmpty()) {
      ValuePointer old = ValuePointer.decode(value);
      if (relocate.contains(old.segment())) {
        byte[] v = ctx.valueLogs.resolve(value, FileNames.vlog(ctx.dir, old.segment()).toString());
        stored = appendToVlog(internalKey, v).encode();
      }
    }
    if (InternalKey.type(key) == ValueType.VALUE_POINTER) {
      refs.add(ValuePointer.decode(stored).segment());
    }
    table.add(key, stored);
    long seq = InternalKey.sequence(key);
    if (smallest == null) {
      smallest = key;
      smallestSeq = seq;
      largestSeq = seq;
    }
    largest = key;
    smallestSeq = Math.min(smallestSeq, seq);
    largestSeq = Math.max(largestSeq, seq);
    entries++;
  }

  private static byte[] retype(byte[] internalKey, byte type) {
    byte[] k = internalKey.clone();
    k[k.length - 1] = type;
    return k;
  }

  private ValuePointer appendToVlog(byte[] internalKey, byte[] value) {
    if (vlog == null) {
      vlogNumber = ctx.newOutputNumber();
      numbers.add(vlogNumber);
      Path p = FileNames.vlog(ctx.dir, vlogNumber);
      try {
        vlog = new ValueLogWriter(ctx.fs.create(p), p.toString(), vlogNumber);
      } catch (IOException e) {
        throw new KvIOException(p.toString(), "create", e);
      }
    }
    try {
      ValuePointer p = vlog.append(InternalKey.userKey(internalKey), value);
      vlogEntryBytes += p.length();
      return p;
    } catch (IOException e) {
      throw new KvIOException(FileNames.vlog(ctx.dir, vlogNumber).toString(), "append", e);
    }
  }

  private void openTable() {
    tableNumber = ctx.newOutputNumber();
    numbers.add(tableNumber);
    Path p = FileNames.sst(ctx.dir, tableNumber);
    try {
      table = new TableBuilder(ctx.fs.create(p), p.toString(), ctx.tableOptions);
    } catch (IOException e) {
      throw new KvIOException(p.toString(), "create", e);
    }
    smallest = null;
    largest = null;
    entries = 0;
    refs.clear();
  }

  /** Finishes the current table, if any. */
  void cut() {
    if (table == null) {
      return;
    }
    TableProperties props = table.finish();
    table = null;
    bytesWritten += props.fileSize();
    long[] r = refs.stream().mapToLong(Long::longValue).toArray();
    finished.add(new FileMetaData(tableNumber, props.fileSize(), smallest, largest, smallestSeq, largestSeq, entries, r));
  }

  /** Finishes everything and makes the new files' directory entries durable. */
  void finish() {
    cut();
    if (vlog != null) {
      try {
        bytesWritten += vlog.finish();
      } catch (IOException e) {
        throw new KvIOException(FileNames.vlog(ctx.dir, vlogNumber).toString(), "finish", e);
      }
    }
    if (!numbers.isEmpty()) {
      try {
        ctx.fs.syncDirectory(ctx.dir);
      } catch (IOException e) {
        throw new KvIOException(ctx.dir.toString(), "sync directory", e);
      }
    }
  }

  List<FileMetaData> files() {
    return finished;
  }

  /** The new segment's metadata, or null when no value was separated. */
  SegmentMeta segment() {
    if (vlog == null) {
      return null;
    }
    long size;
    try {
      size = ctx.fs.size(FileNames.vlog(ctx.dir, vlogNumber));
    } catch (IOException e) {
      throw new KvIOException(FileNames.vlog(ctx.dir, vlogNumber).toString(), "size", e);
    }
    return new SegmentMeta(vlogNumber, size, vlogEntryBytes, 0);
  }

  long bytesWritten() {
    return bytesWritten;
  }

  /**
   * Makes the written files live: logs {@code edit} (which must list them) in the manifest, then
   * releases them from the pending set. If logging fails, deletes them and rethrows.
   */
  void commit(io.nokv.kv.version.VersionEdit edit) {
    try {
      ctx.versions.logAndApply(edit);
    } catch (RuntimeException e) {
      abandon(e);
      throw e;
    }
    release();
  }

  /** Lets obsolete-file deletion consider these numbers again (after the manifest lists them, or after abandon). */
  private void release() {
    ctx.pendingOutputs.removeAll(numbers);
  }

  /** Closes and deletes whatever was written. */
  void abandon(Throwable cause) {
    if (table != null) {
      try {
        table.abandon();
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
      }
      table = null;
    }
    if (vlog != null) {
      try {
        vlog.abandon();
      } catch (IOException | RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
    for (long n : numbers) {
      try {
        ctx.fs.deleteIfExists(FileNames.sst(ctx.dir, n));
        ctx.fs.deleteIfExists(FileNames.vlog(ctx.dir, n));
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
    }
    release();
  }
}
