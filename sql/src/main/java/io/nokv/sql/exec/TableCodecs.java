package io.nokv.sql.exec;

import io.nokv.sql.catalog.TableDef;
import io.nokv.sql.encoding.RowDecoder;
import io.nokv.sql.encoding.SqlType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Codecs and row decoders per table definition, built once per version and reused by every statement. */
final class TableCodecs {
  private static final Map<Long, Entry> BY_TABLE = new ConcurrentHashMap<>();

  private record Entry(TableDef def, TableCodec codec, Map<int[], RowDecoder> decoders, int[] allIds) {}

  private TableCodecs() {}

  static TableCodec codec(TableDef def) {
    return entry(def).codec();
  }

  /** A decoder for these output columns; keyed by the array's identity, which a plan keeps. */
  static RowDecoder decoder(TableDef def, int[] outColumnIds) {
    return entry(def).decoders().computeIfAbsent(outColumnIds, ids -> {
      SqlType[] types = new SqlType[ids.length];
      Object[] defaults = new Object[ids.length];
      for (int i = 0; i < ids.length; i++) {
        types[i] = def.columnById(ids[i]).type();
        defaults[i] = def.columnById(ids[i]).originDefault();
      }
      return new RowDecoder(ids, types, defaults);
    });
  }

  /** All column ids of a table, one array per definition, so decoders for whole rows are shared. */
  static int[] allColumnIds(TableDef def) {
    return entry(def).allIds();
  }

  private static Entry entry(TableDef def) {
    Entry e = BY_TABLE.get(def.id());
    if (e == null || e.def() != def) {
      int[] ids = def.columns().stream().mapToInt(c -> c.id()).toArray();
      e = new Entry(def, new TableCodec(def), new ConcurrentHashMap<>(), ids);
      BY_TABLE.put(def.id(), e);
    }
    return e;
  }
}
