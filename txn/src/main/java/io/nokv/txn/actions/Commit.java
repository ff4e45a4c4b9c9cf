package io.nokv.txn.actions;

import io.nokv.txn.mvcc.CommittedWrite;
import io.nokv.txn.mvcc.Lock;
import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccReader;
import io.nokv.txn.mvcc.MvccWrites;
import io.nokv.txn.mvcc.Write;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.KeyErrorException;

/** The second phase for one key: turn the transaction's lock into a write record at {@code commitTs}. */
public final class Commit {
  private Commit() {}

  /**
   * Commits {@code key} for the transaction started at {@code startTs}.
   *
   * @throws KeyErrorException {@link KeyError.CommitTsExpired} when a reader pushed the lock's
   *     min_commit_ts above {@code commitTs}; {@link KeyError.TxnAborted} when the transaction was rolled
   *     back; {@link KeyError.TxnLockNotFound} when there is neither a lock nor a record of it
   */
  public static void commit(MvccReader reader, MvccWrites writes, byte[] key, long startTs, long commitTs) {
    if (commitTs <= startTs) {
      throw new IllegalArgumentException("commit_ts " + commitTs + " must be above start_ts " + startTs);
    }
    Lock lock = reader.loadLock(key);
    if (lock != null && lock.startTs() == startTs) {
      if (commitTs < lock.minCommitTs()) {
        throw new KeyErrorException(new KeyError.CommitTsExpired(key, startTs, commitTs, lock.minCommitTs()));
      }
      writes.putWrite(key, commitTs, new Write(lock.kind(), startTs, lock.shortValue()));
      writes.deleteLock(key);
      return;
    }
    // No lock of ours: either this is a retry of a commit that succeeded, or the lock is gone for good.
    CommittedWrite own = reader.findTxnRecord(key, startTs);
    if (own != null) {
      if (own.write().kind() == MutationKind.ROLLBACK) {
        throw new KeyErrorException(new KeyError.TxnAborted(key, startTs));
      }
      return; // committed already: the retry succeeds without writing
    }
    throw new KeyErrorException(new KeyError.TxnLockNotFound(key, startTs));
  }
}
