package io.nokv.kv.engine;

import io.nokv.kv.DbIterator;
import io.nokv.kv.ReadOptions;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.iterator.InternalIterator;
import io.nokv.kv.iterator.LevelIterator;
import io.nokv.kv.iterator.MergingIterator;
import io.nokv.kv.iterator.RangeTombstone;
import io.nokv.kv.iterator.RangeTombstoneSet;
import io.nokv.kv.iterator.UserIterator;
import io.nokv.kv.memtable.GetResult;
import io.nokv.kv.memtable.MemTable;
import io.nokv.kv.sstable.TableReader;
import io.nokv.kv.sstable.TableReader.Entry;
import io.nokv.kv.version.FileMetaData;
import io.nokv.kv.version.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * Point reads and iterators. A read fixes its sequence number first, then pins the current super
 * version: everything acknowledged up to that sequence is in it. Sources are searched newest
 * first (memtable, immutable memtables, L0 newest first, then L1..L6), so the first entry found
 * for a key is its newest version at the read sequence.
 */
final class ReadPath {
  private final EngineContext ctx;
  private final DbImpl db;

  ReadPath(EngineContext ctx, DbImpl db) {
    this.ctx = ctx;
    this.db = db;
  }

  byte[] get(ReadOptions ro, byte[] key) {
    long seq = ro != null && ro.snapshot() != null ? ro.snapshot().sequence() : db.visibleSequence();
    boolean fillCache = ro == null || ro.fillCache();
    SuperVersion sv = db.acquire();
    try {
      ctx.stats.gets.increment();
      GetResult r = sv.mem.get(key, seq);
      if (r.status() != GetResult.Status.NOT_FOUND) {
        return r.status() == GetResult.Status.FOUND ? r.value() : null;
      }
      for (MemTable imm : sv.imms) {
        r = imm.get(key, seq);
        if (r.status() != GetResult.Status.NOT_FOUND) {
          return r.status() == GetResult.Status.FOUND ? r.value() : null;
        }
      }
      return getFromTables(sv.version, key, seq, fillCache);
    } finally {
      db.release(sv);
    }
  }

  private byte[] getFromTables(Version v, byte[] key, long seq, boolean fillCache) {
    RangeTombstoneSet tombstones = v.tombstoneSet();
    long tomb = tombstones.isEmpty() ? 0 : tombstones.maxCoveringSeq(key, seq);
    byte[] lookup = InternalKey.forSeek(key, seq);
    for (FileMetaData f : v.files(0)) {
      if (InternalKey.compareUserKey(f.smallest(), key) > 0 || InternalKey.compareUserKey(f.largest(), key) < 0) {
        continue;
      }
      if (f.largestSeq() < tomb) {
        return null; // everything from here on is older than the covering tombstone
      }
      Entry e = probe(f, key, lookup, fillCache);
      if (e != null) {
        return valueOf(f, e, tomb);
      }
    }
    for (int level = 1; level < Version.NUM_LEVELS; level++) {
      List<FileMetaData> files = v.files(level);
      if (files.isEmpty()) {
        continue;
      }
      int i = v.findFile(level, key);
      if (i >= files.size()) {
        continue;
      }
      FileMetaData f = files.get(i);
      if (InternalKey.compareUserKey(f.smallest(), key) > 0) {
        continue;
      }
      Entry e = probe(f, key, lookup, fillCache);
      if (e != null) {
        return valueOf(f, e, tomb);
      }
    }
    return null;
  }

  private Entry probe(FileMetaData f, byte[] key, byte[] lookup, boolean fillCache) {
    TableReader reader = ctx.tableCache.get(f);
    if (!reader.mayContain(key)) {
      ctx.stats.bloomUseful.increment();
      return null;
    }
    ctx.stats.sstProbes.increment();
    return reader.get(lookup, fillCache);
  }

  private byte[] valueOf(FileMetaData f, Entry e, long tomb) {
    if (InternalKey.sequence(e.internalKey()) < tomb) {
      return null;
    }
    return switch (InternalKey.type(e.internalKey())) {
      case ValueType.VALUE -> e.value();
      case ValueType.VALUE_POINTER -> ctx.valueLogs.resolve(e.value(), FileNames.sst(ctx.dir, f.number()).toString());
      default -> null;
    };
  }

  DbIterator newIterator(ReadOptions ro) {
    long seq = ro.snapshot() != null ? ro.snapshot().sequence() : db.visibleSequence();
    SuperVersion sv = db.acquire();
    try {
      byte[] lower = ro.lowerBound();
      byte[] upper = ro.upperBound();
      boolean fill = ro.fillCache();
      List<InternalIterator> children = new ArrayList<>();
      List<RangeTombstone> tombstones = new ArrayList<>(sv.version.tombstones());
      children.add(sv.mem.iterator());
      tombstones.addAll(sv.mem.rangeTombstones());
      for (MemTable imm : sv.imms) {
        children.add(imm.iterator());
        tombstones.addAll(imm.rangeTombstones());
      }
      for (FileMetaData f : sv.version.files(0)) {
        if (inBounds(f, lower, upper)) {
          children.add(ctx.tableCache.get(f).iterator(fill));
        }
      }
      for (int level = 1; level < Version.NUM_LEVELS; level++) {
        List<FileMetaData> files = new ArrayList<>();
        for (FileMetaData f : sv.version.files(level)) {
          if (inBounds(f, lower, upper)) {
            files.add(f);
          }
        }
        if (files.isEmpty()) {
          continue;
        }
        List<byte[]> smallest = new ArrayList<>(files.size());
        List<byte[]> largest = new ArrayList<>(files.size());
        for (FileMetaData f : files) {
          smallest.add(f.smallest());
          largest.add(f.largest());
        }
        children.add(new LevelIterator(smallest, largest, i -> ctx.tableCache.get(files.get(i)).iterator(fill)));
      }
      InternalIterator merged = new MergingIterator(children);
      return new UserIterator(merged, seq, RangeTombstoneSet.of(tombstones),
          (ik, stored) -> ctx.valueLogs.resolve(stored, "value pointer of key " + InternalKey.describe(ik)),
          lower, upper, () -> db.release(sv));
    } catch (RuntimeException | Error e) {
      db.release(sv);
      throw e;
    }
  }

  private static boolean inBounds(FileMetaData f, byte[] lower, byte[] upper) {
    if (lower != null && InternalKey.compareUserKey(f.largest(), lower) < 0) {
      return false;
    }
    return upper == null || InternalKey.compareUserKey(f.smallest(), upper) < 0;
  }
}
