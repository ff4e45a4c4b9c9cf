package io.nokv.sql.exec;

import io.nokv.sql.catalog.ColumnDef;
import io.nokv.sql.catalog.IndexDef;
import io.nokv.sql.catalog.TableDef;
import io.nokv.sql.encoding.ColumnType;
import io.nokv.sql.encoding.KeyCodec;
import io.nokv.sql.encoding.KeyWriter;
import io.nokv.sql.encoding.RowCodec;
import io.nokv.sql.encoding.SqlType;
import io.nokv.sql.encoding.TableKeys;

/**
 * The keys and values of one table definition's rows and index entries. Rows are in Calcite's
 * representation, one value per visible column in declaration order.
 */
public final class TableCodec {
  static final SqlType ROW_ID_TYPE = SqlType.of(ColumnType.BIGINT);
  /** The value of a non-unique index entry (everything is in its key). */
  static final byte[] INDEX_MARKER = {0};

  private final TableDef def;
  private final int[] columnIds;
  private final SqlType[] types;
  private final int[] pkOrdinals;
  private final SqlType[] pkTypes;

  public TableCodec(TableDef def) {
    this.def = def;
    int n = def.columns().size();
    columnIds = new int[n];
    types = new SqlType[n];
    for (int i = 0; i < n; i++) {
      columnIds[i] = def.columns().get(i).id();
      types[i] = def.columns().get(i).type();
    }
    pkOrdinals = ordinals(def.pkColumnIds());
    pkTypes = new SqlType[pkOrdinals.length];
    for (int i = 0; i < pkOrdinals.length; i++) {
      pkTypes[i] = types[pkOrdinals[i]];
    }
  }

  public TableDef def() {
    return def;
  }

  public int[] ordinals(int[] ids) {
    int[] o = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      o[i] = def.ordinalOf(ids[i]);
    }
    return o;
  }

  /** The encoded primary key of a row (without the row prefix). */
  public byte[] encodePk(Object[] row) {
    KeyWriter w = new KeyWriter(32);
    for (int i = 0; i < pkOrdinals.length; i++) {
      KeyCodec.encode(w, pkTypes[i], row[pkOrdinals[i]]);
    }
    return w.toByteArray();
  }

  public static byte[] encodeRowId(long rowId) {
    KeyWriter w = new KeyWriter(9);
    KeyCodec.encode(w, ROW_ID_TYPE, rowId);
    return w.toByteArray();
  }

  public byte[] rowKey(byte[] encodedPk) {
    return TableKeys.rowKey(def.id(), encodedPk);
  }

  public byte[] encodeRow(Object[] row) {
    return RowCodec.encode(columnIds, types, row);
  }

  /** The key of {@code row}'s entry in {@code ix}; unique entries without NULLs leave the pk out. */
  public byte[] indexKey(IndexDef ix, Object[] row, byte[] encodedPk) {
    KeyWriter w = new KeyWriter(48);
    TableKeys.writeIndexPrefix(w, def.id(), ix.id());
    boolean anyNull = false;
    for (int id : ix.columnIds()) {
      int ord = def.ordinalOf(id);
      Object v = row[ord];
      anyNull |= v == null;
      KeyCodec.encode(w, types[ord], v);
    }
    if (!ix.unique() || anyNull) {
      w.writeRaw(encodedPk);
    }
    return w.toByteArray();
  }

  /** True when the entry of {@code row} in {@code ix} must be unique (a unique index, no NULLs). */
  public boolean enforcesUnique(IndexDef ix, Object[] row) {
    if (!ix.unique()) {
      return false;
    }
    for (int id : ix.columnIds()) {
      if (row[def.ordinalOf(id)] == null) {
        return false;
      }
    }
    return true;
  }

  public SqlType type(int ordinal) {
    return types[ordinal];
  }

  public ColumnDef column(int ordinal) {
    return def.columns().get(ordinal);
  }

  public SqlType[] pkTypes() {
    return pkTypes;
  }

  public int[] pkOrdinals() {
    return pkOrdinals;
  }
}
