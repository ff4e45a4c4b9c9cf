package io.nokv.sql.exec;

import io.nokv.sql.SqlStateException;
import io.nokv.sql.catalog.Catalog;
import io.nokv.sql.catalog.ColumnDef;
import io.nokv.sql.catalog.IndexDef;
import io.nokv.sql.encoding.RowCodec;
import io.nokv.txn.Txn;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Writes rows of one table into a transaction, keeping its indexes in step: every index that is
 * not yet public is maintained too, so that it is complete when its backfill ends.
 *
 * <p>Uniqueness is checked twice: by reading when the statement runs (so the statement fails, as
 * users expect) and by the transaction's insert assertion at commit (so two concurrent inserts of
 * the same key cannot both commit).
 */
final class TableWriter {
  private final TableCodec codec;
  private final Txn txn;
  private final Catalog catalog;
  private final boolean eagerChecks;

  /**
   * @param eagerChecks whether to read before inserting to report duplicates at once; a
   *     single-row autocommit statement skips the read, as its commit follows immediately and the
   *     insert assertion reports the duplicate there
   */
  TableWriter(TableCodec codec, Txn txn, Catalog catalog, boolean eagerChecks) {
    this.codec = codec;
    this.txn = txn;
    this.catalog = catalog;
    this.eagerChecks = eagerChecks;
  }

  /** Coerces and checks a new row in place. */
  Object[] prepare(Object[] row) {
    Object[] r = Arrays.copyOf(row, codec.def().columns().size());
    for (int i = 0; i < r.length; i++) {
      ColumnDef c = codec.column(i);
      r[i] = RowCodec.coerce(c.type(), r[i]);
      if (r[i] == null && !c.nullable()) {
        throw new SqlStateException(SqlStateException.NOT_NULL_VIOLATION,
            "null value in column \"" + c.name() + "\" of table \"" + codec.def().name()
                + "\" violates its NOT NULL constraint");
      }
    }
    return r;
  }

  void insert(Object[] row) {
    byte[] pk = codec.def().hasHiddenRowId()
        ? TableCodec.encodeRowId(catalog.allocateRowIds(codec.def().id(), 1))
        : codec.encodePk(row);
    byte[] rowKey = codec.rowKey(pk);
    if (!codec.def().hasHiddenRowId()) {
      if (eagerChecks && txn.get(rowKey) != null) {
        throw duplicate("primary key", row, codec.pkOrdinals());
      }
      txn.insert(rowKey, codec.encodeRow(row));
    } else {
      txn.put(rowKey, codec.encodeRow(row));
    }
    for (IndexDef ix : codec.def().indexes()) {
      putIndexEntry(ix, row, pk);
    }
  }

  void delete(Object[] row, byte[] rowKey) {
    byte[] pk = pkOf(rowKey);
    txn.delete(rowKey);
    for (IndexDef ix : codec.def().indexes()) {
      txn.delete(codec.indexKey(ix, row, pk));
    }
  }

  void update(Object[] oldRow, byte[] oldRowKey, Object[] newRow) {
    if (codec.def().hasHiddenRowId() || Arrays.equals(codec.encodePk(oldRow), codec.encodePk(newRow))) {
      byte[] pk = pkOf(oldRowKey);
      txn.put(oldRowKey, codec.encodeRow(newRow));
      for (IndexDef ix : codec.def().indexes()) {
        byte[] oldKey = codec.indexKey(ix, oldRow, pk);
        byte[] newKey = codec.indexKey(ix, newRow, pk);
        if (!Arrays.equals(oldKey, newKey)) {
          txn.delete(oldKey);
          putIndexEntry(ix, newRow, pk);
        }
      }
      return;
    }
    delete(oldRow, oldRowKey);
    insert(newRow);
  }

  private byte[] pkOf(byte[] rowKey) {
    return Arrays.copyOfRange(rowKey, io.nokv.sql.encoding.TableKeys.ROW_PREFIX_LENGTH, rowKey.length);
  }

  private void putIndexEntry(IndexDef ix, Object[] row, byte[] pk) {
    byte[] key = codec.indexKey(ix, row, pk);
    if (codec.enforcesUnique(ix, row)) {
      byte[] existing = eagerChecks ? txn.get(key) : null;
      if (existing != null && !Arrays.equals(existing, pk)) {
        throw duplicate("unique index \"" + ix.name() + "\"", row, codec.ordinals(ix.columnIds()));
      }
      if (existing == null) {
        txn.insert(key, pk.length == 0 ? TableCodec.INDEX_MARKER : pk);
      }
    } else {
      txn.put(key, TableCodec.INDEX_MARKER);
    }
  }

  private SqlStateException duplicate(String what, Object[] row, int[] ordinals) {
    StringBuilder cols = new StringBuilder();
    StringBuilder vals = new StringBuilder();
    for (int i = 0; i < ordinals.length; i++) {
      cols.append(i == 0 ? "" : ", ").append(codec.column(ordinals[i]).name());
      vals.append(i == 0 ? "" : ", ").append(row[ordinals[i]]);
    }
    return new SqlStateException(SqlStateException.UNIQUE_VIOLATION,
        "duplicate key value violates " + what + " of table \"" + codec.def().name() + "\": ("
            + cols + ")=(" + vals + ") already exists");
  }

  static ByteBuffer valuesKey(TableCodec codec, Object[] row) {
    return ByteBuffer.wrap(codec.encodeRow(row));
  }
}
