package io.nokv.sql.session;

import io.nokv.txn.Txn;
import io.nokv.txn.client.SnapshotReader;
import io.nokv.txn.rpc.KvPair;
import java.util.Iterator;

/**
 * A statement in autocommit mode. A query reads at one snapshot taken when it first reads; a
 * modification runs in a transaction of its own that commits when its writes are done, and the
 * scans feeding it read in that transaction (so a concurrent change to a row it updates is a
 * write conflict, not a lost update).
 */
final class AutoCommitScope extends StatementScope {
  private SnapshotReader snapshot;
  private Txn txn;

  AutoCommitScope(Session session) {
    super(session);
  }

  @Override
  public synchronized RowReader reader(boolean forWrite) {
    if (forWrite || txn != null) {
      return TxnScope.txnReader(writeTxn());
    }
    if (snapshot == null) {
      snapshot = session.client().snapshotAt(session.client().currentTimestamp());
    }
    SnapshotReader s = snapshot;
    return new RowReader() {
      @Override
      public byte[] get(byte[] key) {
        return s.get(key);
      }

      @Override
      public Iterator<KvPair> scan(byte[] start, byte[] end, boolean reverse, int batchSize) {
        return s.scan(start, end, reverse, batchSize);
      }
    };
  }

  @Override
  public synchronized Txn writeTxn() {
    if (txn == null) {
      txn = session.client().begin();
    }
    return txn;
  }

  @Override
  public synchronized void writesDone() {
    if (txn != null) {
      Txn t = txn;
      txn = null;
      Commits.commit(session.catalog(), t, writtenTables());
    }
  }
}
