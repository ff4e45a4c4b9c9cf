package io.nokv.kv.engine;

import io.nokv.kv.Db;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.iterator.InternalIterator;
import io.nokv.kv.iterator.RangeTombstone;
import io.nokv.kv.memtable.MemTable;
import io.nokv.kv.version.FileMetaData;
import io.nokv.kv.version.Version;
import java.util.ArrayList;
import java.util.List;

/** Test-only: every internal entry and range tombstone for one key, source by source. */
final class DbDebug {
  private DbDebug() {}

  static String describeKey(Db db, byte[] key) {
    DbImpl impl = (DbImpl) db;
    SuperVersion sv = impl.acquire();
    StringBuilder sb = new StringBuilder("internal state of " + new String(key) + " (visible seq " + impl.visibleSequence() + "):\n");
    try {
      entries(sb, "mem", sv.mem.iterator(), key);
      tombstones(sb, "mem", sv.mem.rangeTombstones(), key);
      int i = 0;
      for (MemTable imm : sv.imms) {
        entries(sb, "imm" + i, imm.iterator(), key);
        tombstones(sb, "imm" + i++, imm.rangeTombstones(), key);
      }
      Version v = sv.version;
      tombstones(sb, "manifest", v.tombstones(), key);
      for (int level = 0; level < Version.NUM_LEVELS; level++) {
        for (FileMetaData f : v.files(level)) {
          if (f.overlapsUserRange(key, key)) {
            sb.append("  L").append(level).append(' ').append(f).append('\n');
            try (InternalIterator it = impl.tableCacheForTest().get(f).iterator(false)) {
              entries(sb, "    ", it, key);
            }
          }
        }
      }
    } finally {
      impl.release(sv);
    }
    return sb.toString();
  }

  private static void entries(StringBuilder sb, String where, InternalIterator it, byte[] key) {
    List<String> found = new ArrayList<>();
    try (it) {
      for (it.seek(InternalKey.forSeek(key, InternalKey.MAX_SEQUENCE)); it.isValid(); it.next()) {
        if (InternalKey.compareUserKey(it.key(), key) != 0) {
          break;
        }
        byte t = InternalKey.type(it.key());
        found.add("seq " + InternalKey.sequence(it.key()) + (t == ValueType.DELETE ? " DELETE" : t == ValueType.VALUE ? " VALUE" : " PTR"));
      }
    }
    if (!found.isEmpty()) {
      sb.append("  ").append(where).append(": ").append(found).append('\n');
    }
  }

  private static void tombstones(StringBuilder sb, String where, List<RangeTombstone> ts, byte[] key) {
    for (RangeTombstone t : ts) {
      if (t.covers(key)) {
        sb.append("  ").append(where).append(" range tombstone ").append(t).append('\n');
      }
    }
  }
}
