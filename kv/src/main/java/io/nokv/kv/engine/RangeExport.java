package io.nokv.kv.engine;

import io.nokv.kv.DbIterator;
import io.nokv.kv.KvIOException;
import io.nokv.kv.ReadOptions;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.fs.ReadableFile;
import io.nokv.kv.iterator.InternalIterator;
import io.nokv.kv.sstable.TableBuilder;
import io.nokv.kv.sstable.TableReader;
import io.nokv.kv.version.VersionEdit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Range export and ingest, the engine's half of SST-based Raft snapshots. An exported file is an
 * ordinary SSTable whose entries carry sequence 0 and inline values (no value-log pointers: it must
 * stand alone). Ingest checks that shape, rewrites the entries at one fresh sequence number (large
 * values separated as in a flush) into a new L0 table after flushing the memtable, and publishes
 * it in one manifest edit, so the whole file becomes visible at once and is newer than everything
 * before it.
 */
final class RangeExport {
  private final EngineContext ctx;
  private final DbImpl db;

  RangeExport(EngineContext ctx, DbImpl db) {
    this.ctx = ctx;
    this.db = db;
  }

  long export(byte[] from, byte[] to, Path file) {
    if (from != null && to != null && Arrays.compareUnsigned(from, to) >= 0) {
      throw new IllegalArgumentException("exportRange: from must sort before to (the range is [from, to))");
    }
    if (ctx.fs.exists(file)) {
      throw new IllegalArgumentException("export target " + file + " already exists");
    }
    long count = 0;
    ReadOptions ro = new ReadOptions().setLowerBound(from).setUpperBound(to).setFillCache(false);
    TableBuilder builder;
    try {
      builder = new TableBuilder(ctx.fs.create(file), file.toString(), ctx.tableOptions);
    } catch (IOException e) {
      throw new KvIOException(file.toString(), "create", e);
    }
    try (DbIterator it = db.newIterator(ro)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        builder.add(InternalKey.encode(it.key(), 0, ValueType.VALUE), it.value());
        count++;
      }
      builder.finish();
    } catch (RuntimeException | Error e) {
      abandon(builder, file, e);
      throw e;
    }
    return count;
  }

  private void abandon(TableBuilder builder, Path file, Throwable cause) {
    try {
      builder.abandon();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
    try {
      ctx.fs.deleteIfExists(file);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  void ingest(Path file, WritePath writes, Background background) {
    long size;
    ReadableFile rf;
    try {
      size = ctx.fs.size(file);
      rf = ctx.fs.openRead(file);
    } catch (IOException e) {
      throw new KvIOException(file.toString(), "open for ingest", e);
    }
    try (TableReader external = TableReader.open(rf, file.toString(), -1, size, null)) {
      external.fileSize(); // opened and verified
      validate(external, file);
      writes.runExclusive(() -> {
        // Older data in memtables must not shadow the ingested entries: flush it first.
        writes.switchIfNotEmpty();
        writes.awaitNoImmutables();
        long seq = writes.allocateSequence();
        VersionEdit edit = new VersionEdit();
        TableOutput out = background.writeLevel0(new Resequenced(external.iterator(false), seq), edit);
        edit.setLastSequence(seq);
        out.commit(edit);
        writes.publish(seq);
        writes.onVersionChange();
      });
    }
    background.maybeScheduleCompaction();
  }

  private static void validate(TableReader t, Path file) {
    try (InternalIterator it = t.iterator(false)) {
      byte[] prev = null;
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (InternalKey.sequence(k) != 0 || InternalKey.type(k) != ValueType.VALUE
            || (prev != null && InternalKey.compareUserKeys(prev, k) >= 0)) {
          throw new IllegalArgumentException(file + " is not a file written by exportRange (entry "
              + InternalKey.describe(k) + " is not a plain, unique, sequence-0 value)");
        }
        prev = k;
      }
    }
  }

  /** Presents an exported file's entries at one new sequence number. */
  private static final class Resequenced implements InternalIterator {
    private final InternalIterator in;
    private final long seq;

    Resequenced(InternalIterator in, long seq) {
      this.in = in;
      this.seq = seq;
    }

    @Override public boolean isValid() { return in.isValid(); }
    @Override public void seekToFirst() { in.seekToFirst(); }
    @Override public void seekToLast() { in.seekToLast(); }
    @Override public void seek(byte[] internalKey) { in.seek(InternalKey.encode(InternalKey.userKey(internalKey), 0, ValueType.FOR_SEEK)); }
    @Override public void next() { in.next(); }
    @Override public void prev() { in.prev(); }
    @Override public byte[] key() {
      return InternalKey.encode(in.key(), 0, in.key().length - InternalKey.TRAILER_SIZE, seq, ValueType.VALUE);
    }
    @Override public byte[] value() { return in.value(); }
    @Override public void close() { in.close(); }
  }
}
