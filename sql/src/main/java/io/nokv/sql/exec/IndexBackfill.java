package io.nokv.sql.exec;

import io.nokv.sql.SqlStateException;
import io.nokv.sql.catalog.Catalog;
import io.nokv.sql.catalog.IndexDef;
import io.nokv.sql.catalog.TableDef;
import io.nokv.sql.encoding.KeyCodec;
import io.nokv.sql.encoding.RowDecoder;
import io.nokv.sql.encoding.TableKeys;
import io.nokv.txn.rpc.KvPair;
import java.util.Arrays;
import java.util.List;

/**
 * Fills a new index in for the rows that existed before it. The index is already maintained by
 * every write (it is WRITE_ONLY), so the backfill only has to add entries for old rows. It works in
 * transactions of {@value TableData#BATCH} rows, each of which also locks the rows it indexes: a
 * concurrent update of one of them conflicts with the batch, and the batch is retried, so no stale
 * entry survives.
 */
public final class IndexBackfill {
  private IndexBackfill() {}

  public static void run(Catalog catalog, long tableId, long indexId) {
    byte[] prefix = TableKeys.rowPrefix(tableId);
    byte[] end = KeyCodec.prefixEnd(prefix);
    byte[][] cursor = {prefix};
    while (true) {
      byte[] next = catalog.client().run(txn -> {
        TableDef def = catalog.current().table(tableId);
        if (def == null || def.indexById(indexId) == null) {
          throw new SqlStateException(SqlStateException.SERIALIZATION_FAILURE,
              "the table or index was dropped while the index was being built");
        }
        IndexDef ix = def.indexById(indexId);
        TableCodec codec = TableCodecs.codec(def);
        int[] ids = TableCodecs.allColumnIds(def);
        RowDecoder decoder = TableCodecs.decoder(def, ids);
        List<KvPair> rows = txn.scan(cursor[0], end, TableData.BATCH);
        for (KvPair p : rows) {
          Object[] row = new Object[ids.length];
          decoder.decode(p.value(), row);
          byte[] pk = Arrays.copyOfRange(p.key(), TableKeys.ROW_PREFIX_LENGTH, p.key().length);
          byte[] key = codec.indexKey(ix, row, pk);
          byte[] existing = txn.get(key);
          if (codec.enforcesUnique(ix, row) && existing != null && !Arrays.equals(existing, pk)) {
            throw new SqlStateException(SqlStateException.UNIQUE_VIOLATION, "could not create unique index \""
                + ix.name() + "\": table \"" + def.name() + "\" has duplicate values in its columns");
          }
          txn.put(key, codec.enforcesUnique(ix, row) ? pk : TableCodec.INDEX_MARKER);
          txn.lockKeys(p.key());
        }
        return rows.size() < TableData.BATCH ? null : KeyCodec.prefixEnd(rows.get(rows.size() - 1).key());
      });
      if (next == null) {
        return;
      }
      cursor[0] = next;
    }
  }
}
