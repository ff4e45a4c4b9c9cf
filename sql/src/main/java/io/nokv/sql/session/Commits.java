package io.nokv.sql.session;

import io.nokv.sql.catalog.Catalog;
import io.nokv.sql.catalog.TableDef;
import io.nokv.txn.Txn;
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
    } finally {
      guard.unlock();
    }
  }
}
