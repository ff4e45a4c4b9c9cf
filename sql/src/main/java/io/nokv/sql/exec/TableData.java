package io.nokv.sql.exec;

import io.nokv.sql.catalog.TableDef;
import io.nokv.sql.encoding.KeyCodec;
import io.nokv.sql.encoding.TableKeys;
import io.nokv.txn.Txn;
import io.nokv.txn.TxnClient;
import io.nokv.txn.rpc.KvPair;
import java.util.List;

/** Bulk work on a table's stored keys, in bounded transactions so no single one grows large. */
public final class TableData {
  static final int BATCH = 512;

  private TableData() {}

  /** Deletes every row and index entry of a dropped table. */
  public static void deleteAll(TxnClient client, TableDef t) {
    byte[] prefix = TableKeys.tablePrefix(t.id());
    deleteRange(client, prefix, KeyCodec.prefixEnd(prefix));
  }

  /** Deletes every entry of one index. */
  public static void deleteIndex(TxnClient client, TableDef t, long indexId) {
    byte[] prefix = TableKeys.indexPrefix(t.id(), indexId);
    deleteRange(client, prefix, KeyCodec.prefixEnd(prefix));
  }

  public static boolean hasRows(TxnClient client, TableDef t) {
    byte[] prefix = TableKeys.rowPrefix(t.id());
    try (Txn txn = client.begin()) {
      return !txn.scan(prefix, KeyCodec.prefixEnd(prefix), 1).isEmpty();
    }
  }

  private static void deleteRange(TxnClient client, byte[] start, byte[] end) {
    while (true) {
      int n = client.run(txn -> {
        List<KvPair> batch = txn.scan(start, end, BATCH);
        for (KvPair p : batch) {
          txn.delete(p.key());
        }
        return batch.size();
      });
      if (n < BATCH) {
        return;
      }
    }
  }
}
