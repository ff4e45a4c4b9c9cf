package io.nokv.sql.session;

import io.nokv.txn.Txn;
import io.nokv.txn.rpc.KvPair;
import java.util.Iterator;

/** Statements inside a spanning transaction: they read its snapshot plus its own writes. */
final class TxnScope extends StatementScope {
  TxnScope(Session session) {
    super(session);
  }

  @Override
  public RowReader reader(boolean forWrite) {
    return txnReader(session.spanningTxn());
  }

  @Override
  public Txn writeTxn() {
    return session.spanningTxn();
  }

  @Override
  public void writesDone() {
    // committed by COMMIT
  }

  static RowReader txnReader(Txn txn) {
    return new RowReader() {
      @Override
      public byte[] get(byte[] key) {
        return txn.get(key);
      }

      @Override
      public Iterator<KvPair> scan(byte[] start, byte[] end, boolean reverse, int batchSize) {
        return txn.iterator(start, end, reverse);
      }
    };
  }
}
