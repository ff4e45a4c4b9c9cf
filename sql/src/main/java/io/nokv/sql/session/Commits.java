package io.nokv.sql.session;

import io.nokv.sql.catalog.Catalog;
import io.nokv.sql.catalog.TableDef;
import io.nokv.txn.Txn;
import io.nokv.sql.SqlStateException;
import io.nokv.sql.catalog.IndexDef;
import io.nokv.sql.encoding.TableKeys;
import io.nokv.txn.KeyExistsException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.locks.Lock;

/** Commits a session's transaction, refusing it if a table it wrote changed definition meanwhile. */
final class Commits {
  private Commits() {}

  static void commit(Catalog catalog, Txn txn, Map<Long, Long> writtenVersions) {
    if (txn.isReadOnly()) {
      txn.commit();
      return;
    }
    Lock guard = catalog.commitGuard().readLock();
    guard.lock();
    try {
      for (Map.Entry<Long, Long> e : writtenVersions.entrySet()) {
        TableDef now = catalog.current().table(e.getKey());
        if (now == null || now.version() != e.getValue()) {
          txn.rollback();
          throw new SchemaChangedException(now == null
              ? "a table this transaction wrote was dropped; the transaction was rolled back"
              : "table " + now.qualifiedName() + " was altered while this transaction wrote to it; "
                  + "the transaction was rolled back, retry it");
        }
      }
      txn.commit();
    } catch (KeyExistsException e) {
      throw new SqlStateException(SqlStateException.UNIQUE_VIOLATION, describe(catalog, e.key()), e);
    } finally {
      guard.unlock();
    }
  }

  /** Which constraint a duplicate key violates, read from the key's table and index ids. */
  static String describe(Catalog catalog, byte[] key) {
    if (key.length >= TableKeys.ROW_PREFIX_LENGTH && key[0] == TableKeys.TABLE_PREFIX) {
      ByteBuffer b = ByteBuffer.wrap(key);
      TableDef t = catalog.current().table(b.getLong(1));
      if (t != null) {
        if (key[10] == 'r') {
          return "duplicate key value violates the primary key of table \"" + t.name() + "\"";
        }
        if (key.length >= TableKeys.INDEX_PREFIX_LENGTH) {
          IndexDef ix = t.indexById(b.getLong(11));
          if (ix != null) {
            return "duplicate key value violates unique index \"" + ix.name() + "\" of table \"" + t.name() + "\"";
          }
        }
      }
    }
    return "duplicate key value violates a unique constraint";
  }
}
