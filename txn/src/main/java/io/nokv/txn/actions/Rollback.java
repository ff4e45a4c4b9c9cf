package io.nokv.txn.actions;

import io.nokv.txn.mvcc.CommittedWrite;
import io.nokv.txn.mvcc.Lock;
import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccReader;
import io.nokv.txn.mvcc.MvccWrites;
import io.nokv.txn.mvcc.Write;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.KeyErrorException;

/**
 * Rolls one key of a transaction back. It always leaves a ROLLBACK record at the start timestamp,
 * even when the key was never prewritten, so that a prewrite arriving late fails instead of
 * locking a key of a dead transaction.
 */
public final class Rollback {
  private Rollback() {}

  /**
   * @throws KeyErrorException {@link KeyError.AlreadyCommitted} when the transaction committed the key
   */
  public static void rollback(MvccReader reader, MvccWrites writes, byte[] key, long startTs) {
    Lock lock = reader.loadLock(key);
    if (lock != null && lock.startTs() == startTs) {
      removeLock(writes, key, lock);
      writeRollbackRecord(reader, writes, key, startTs);
      return;
    }
    CommittedWrite own = reader.findTxnRecord(key, startTs);
    if (own != null) {
      if (own.write().kind() == MutationKind.ROLLBACK) {
        return; // rolled back already
      }
      throw new KeyErrorException(new KeyError.AlreadyCommitted(key, startTs, own.commitTs()));
    }
    writeRollbackRecord(reader, writes, key, startTs);
  }

  static void removeLock(MvccWrites writes, byte[] key, Lock lock) {
    writes.deleteLock(key);
    if (lock.kind() == MutationKind.PUT && lock.shortValue() == null) {
      writes.deleteData(key, lock.startTs());
    }
  }

  static void writeRollbackRecord(MvccReader reader, MvccWrites writes, byte[] key, long startTs) {
    CommittedWrite at = reader.seekWrite(key, startTs);
    if (at != null && at.commitTs() == startTs) {
      // Another transaction committed exactly at our start timestamp. With one TSO issuing every
      // timestamp this cannot happen; keep its record rather than overwrite it.
      return;
    }
    writes.putWrite(key, startTs, new Write(MutationKind.ROLLBACK, startTs, null));
  }
}
