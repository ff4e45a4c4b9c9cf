package io.nokv.txn.actions;

import io.nokv.txn.mvcc.CommittedWrite;
import io.nokv.txn.mvcc.Lock;
import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccReader;
import io.nokv.txn.mvcc.MvccWrites;
import io.nokv.txn.mvcc.Timestamps;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.KeyErrorException;
import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.rpc.TxnStatus;

/**
 * Decides the fate of a transaction from its primary key, on behalf of someone blocked by one of
 * its locks. A live transaction's lock is left alone, but its min_commit_ts is pushed above the
 * caller's start timestamp so that a reader can read past it; an expired one is rolled back.
 */
public final class CheckTxnStatus {
  private CheckTxnStatus() {}

  /**
   * @param primary the transaction's primary key
   * @param lockTs the transaction's start timestamp
   * @param callerStartTs the blocked reader's timestamp, whose reads must not wait (0: push nothing)
   * @param currentTs the current time as a timestamp, to judge the TTL
   * @param rollbackIfNotExist when neither a lock nor a record is found, write a rollback record (the
   *     caller has waited out the lock's TTL) instead of answering {@link KeyError.TxnNotFound}
   */
  public static TxnStatus check(
      MvccReader reader,
      MvccWrites writes,
      byte[] primary,
      long lockTs,
      long callerStartTs,
      long currentTs,
      boolean rollbackIfNotExist) {
    Lock lock = reader.loadLock(primary);
    if (lock != null && lock.startTs() == lockTs) {
      if (lock.isExpired(currentTs)) {
        Rollback.removeLock(writes, primary, lock);
        Rollback.writeRollbackRecord(reader, writes, primary, lockTs);
        return new TxnStatus.RolledBack(true);
      }
      if (callerStartTs > 0
          && callerStartTs < Timestamps.MAX
          && lock.minCommitTs() <= callerStartTs) {
        lock = lock.withMinCommitTs(callerStartTs + 1);
        writes.putLock(primary, lock);
      }
      return new TxnStatus.Locked(LockInfo.of(primary, lock));
    }
    CommittedWrite own = reader.findTxnRecord(primary, lockTs);
    if (own != null) {
      return own.write().kind() == MutationKind.ROLLBACK
          ? new TxnStatus.RolledBack(false)
          : new TxnStatus.Committed(own.commitTs());
    }
    if (rollbackIfNotExist) {
      Rollback.writeRollbackRecord(reader, writes, primary, lockTs);
      return new TxnStatus.RolledBack(true);
    }
    throw new KeyErrorException(new KeyError.TxnNotFound(primary, lockTs));
  }
}
